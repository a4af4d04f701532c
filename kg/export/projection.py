"""The entity graph: entities and concepts as nodes, facts as edges, provenance folded into attributes.

`project(store)` reads the RDF graph through SPARQL and returns a `networkx.MultiDiGraph` whose node ids are
prefixed names (`ent:joe-biden`) and whose attribute values are all str, int, float or bool, so every
networkx writer (GraphML, GEXF, Cytoscape JSON) takes it as it is. Evidence, sentence and document nodes
are not drawn: their text becomes the `sentences` and `documents` attributes of the edges they support.

Edges, one per fact unless said otherwise:
  * `fact`: a fact with a subject and an object (`kg:meets`, `rel:make`, ...);
  * `statement`: what someone said about an entity, one edge per speaker, topic and status, grouping the
    statements and quotes (their text is in `quotes`);
  * `role`: a person's role in an organization or country ("President" of Russia);
  * `place`: a city in its country (gazetteer knowledge, no sources).
`asserted` is true for positive, asserted facts; the others (negated, denied, hypothetical, possible,
intended, conditional) are kept in the full graph and dropped by the default filters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..query.formatting import shorten
from ..query.result import literal_values
from ..rdf.ontology import sparql_prologue
from ..store.base import Store

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ENTITY_TYPES", "NODE_TYPES", "edge_status", "project"]

ENTITY_TYPES = ("Person", "Organization", "Country", "City", "Place", "Group", "NamedEvent", "Work")
NODE_TYPES = (*ENTITY_TYPES, "Concept")
_KG = "https://kg.example.org/ontology#"
_GENERIC_FACT_CLASSES = {"Fact", "Event"}

_NODES = (
    "SELECT ?n ?type ?label ?mentions ?docs WHERE {\n"
    + f"  VALUES ?type {{ {' '.join(f'kg:{t}' for t in NODE_TYPES)} }}\n"
    + """  ?n a ?type .
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n kg:mentionCount ?mentions }
  OPTIONAL { ?n kg:documentCount ?docs }
}"""
)

_NODE_VALUES = """SELECT ?n ?p ?v WHERE {
  VALUES ?p { skos:altLabel kg:jobTitle kg:demonym }
  ?n ?p ?v .
}"""

_FACTS = """SELECT ?f ?s ?p ?o ?pol ?mod ?sources ?conf ?plabel WHERE {
  ?f kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
  OPTIONAL { ?f kg:polarity ?pol } OPTIONAL { ?f kg:modality ?mod }
  OPTIONAL { ?f kg:sourceCount ?sources } OPTIONAL { ?f kg:confidence ?conf }
  OPTIONAL { ?p rdfs:label ?plabel }
}"""

_FACT_VALUES = """SELECT ?f ?k ?v WHERE {
  ?f kg:subject ?s .
  { ?f a ?v BIND("class" AS ?k) } UNION { ?f kg:timeText ?v BIND("time" AS ?k) }
  UNION { ?f kg:date ?v BIND("date" AS ?k) } UNION { ?f kg:place/rdfs:label ?v BIND("place" AS ?k) }
  UNION { ?f kg:content ?v BIND("content" AS ?k) }
}"""

_STATEMENTS = """SELECT ?f ?s ?about ?pol ?mod ?conf WHERE {
  ?f kg:subject ?s ; kg:about ?about .
  FILTER NOT EXISTS { ?f kg:object ?any }
  OPTIONAL { ?f kg:polarity ?pol } OPTIONAL { ?f kg:modality ?mod } OPTIONAL { ?f kg:confidence ?conf }
}"""

_ROLES = """SELECT ?person ?r ?org ?name ?sources ?conf WHERE {
  ?person kg:holdsRole ?r . ?r kg:roleIn ?org .
  OPTIONAL { ?r kg:roleName ?name } OPTIONAL { ?r kg:sourceCount ?sources } OPTIONAL { ?r kg:confidence ?conf }
}"""

_PLACES = "SELECT ?city ?country WHERE { ?city kg:inCountry ?country }"

_EVIDENCE = """SELECT ?f ?doc ?title ?index ?text WHERE {
  ?f kg:evidence ?e . ?e kg:inDocument ?doc ; kg:sentence ?sent .
  OPTIONAL { ?sent kg:text ?text } OPTIONAL { ?sent kg:index ?index }
  OPTIONAL { ?doc dcterms:title ?title }
}"""


def _rows(store: Store, sparql: str) -> list[tuple]:
    return list(literal_values(store.select(sparql_prologue() + sparql)))


def _local(iri: str | None, default: str = "") -> str:
    if not iri:
        return default
    return iri[len(_KG) :] if iri.startswith(_KG) else shorten(iri)


def edge_status(polarity: str, modality: str) -> str:
    """'' for a positive, asserted fact, else what makes it different: 'not', 'hypothetical', 'not, intended'."""
    parts = ["not"] if polarity == "negative" else []
    if modality != "asserted":
        parts.append(modality)
    return ", ".join(parts)


class _Evidence:
    """Fact or role IRI -> its sentences and documents, in document order."""

    def __init__(self, store: Store) -> None:
        found: dict[str, set[tuple[str, int, str, str]]] = defaultdict(set)
        for f, doc, title, index, text in _rows(store, _EVIDENCE):
            found[f].add((title or shorten(doc), int(index or 0), text or "", doc))
        self.by_fact = {f: sorted(v) for f, v in found.items()}

    def documents(self, facts: Iterable[str]) -> set[str]:
        return {doc for f in facts for *_, doc in self.by_fact.get(f, ())}

    def attributes(self, facts: Iterable[str]) -> dict[str, str]:
        items = sorted({item for f in facts for item in self.by_fact.get(f, ())})
        titles = sorted({title for title, *_ in items})
        sentences = list(dict.fromkeys(text for _, _, text, _ in items if text))
        return {"documents": "; ".join(titles), "sentences": "\n".join(sentences)}


def project(store: Store) -> nx.MultiDiGraph:
    """The whole entity graph of a store (every fact, whatever its status); see `filters.apply`."""
    import networkx as nx

    g = nx.MultiDiGraph()
    _add_nodes(g, store)
    evidence = _Evidence(store)
    _add_facts(g, store, evidence)
    _add_statements(g, store, evidence)
    _add_roles(g, store, evidence)
    _add_places(g, store)
    _concept_sources(g, evidence)
    return g


def _add_nodes(g: nx.MultiDiGraph, store: Store) -> None:
    for n, kind, label, mentions, docs in sorted(_rows(store, _NODES), key=lambda r: (r[0], r[1])):
        node = shorten(n)
        if node in g:  # an entity with two classes keeps the first (the graph model says one)
            continue
        g.add_node(
            node,
            label=str(label or node),
            type=_local(kind),
            iri=n,
            aliases="",
            job_title="",
            demonym="",
            concepts="",
            sources=int(docs or 0),
            mentions=int(mentions or 0),
        )
    values: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n, p, v in _rows(store, _NODE_VALUES):
        values[(shorten(n), p.rsplit("#", 1)[-1])].append(str(v))
    names = {"altLabel": "aliases", "jobTitle": "job_title", "demonym": "demonym"}
    for (node, p), found in sorted(values.items()):
        if node in g:
            unique = {v.casefold(): v for v in sorted(set(found), reverse=True)}  # "President" over "president"
            g.nodes[node][names[p]] = "; ".join(sorted(unique.values()))


def _fact_values(store: Store) -> dict[str, dict[str, list[str]]]:
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for f, k, v in _rows(store, _FACT_VALUES):
        values[f][k].append(_local(v) if k == "class" else str(v))
    return values


def _fact_class(classes: list[str]) -> str:
    specific = sorted(c for c in classes if c not in _GENERIC_FACT_CLASSES)
    return (specific or sorted(classes) or ["Fact"])[0]


def _edge(label: str, predicate: str, kind: str, polarity: str, modality: str, **more: Any) -> dict:
    status = edge_status(polarity, modality)
    shown = f"not {label}" if polarity == "negative" else label
    if modality != "asserted":
        shown += f" ({modality})"
    return {
        "label": shown,
        "predicate": predicate,
        "kind": kind,
        "polarity": polarity,
        "modality": modality,
        "asserted": not status,
        **more,
    }


def _add_facts(g: nx.MultiDiGraph, store: Store, evidence: _Evidence) -> None:
    values = _fact_values(store)
    for f, s, p, o, pol, mod, sources, conf, plabel in sorted(_rows(store, _FACTS), key=lambda r: r[0]):
        u, v, key = shorten(s), shorten(o), shorten(f)
        if u == v or u not in g or v not in g or g.has_edge(u, v, key):
            continue
        more = values.get(f, {})
        attrs = _edge(
            str(plabel or _local(p)),
            shorten(p),
            "fact",
            _local(pol, "positive").lower(),
            _local(mod, "asserted").lower(),
            fact_type=_fact_class(more.get("class", [])),
            confidence=round(float(conf or 0), 2),
            sources=int(sources or 0),
            place="; ".join(sorted(set(more.get("place", [])))),
            time="; ".join(sorted(set(more.get("time", []) + more.get("date", [])))),
            quotes="",
            facts=key,
        )
        g.add_edge(u, v, key=key, **attrs, **evidence.attributes([f]))


def _add_statements(g: nx.MultiDiGraph, store: Store, evidence: _Evidence) -> None:
    """Statements and quotes grouped per speaker, topic and status: 'Joe Biden says about Ukraine'."""
    values = _fact_values(store)
    groups: dict[tuple[str, str, str, str], list[tuple[str, float]]] = defaultdict(list)
    for f, s, about, pol, mod, conf in _rows(store, _STATEMENTS):
        u, v = shorten(s), shorten(about)
        if u != v and u in g and v in g:
            groups[(u, v, _local(pol, "positive").lower(), _local(mod, "asserted").lower())].append((f, conf))
    for (u, v, pol, mod), members in sorted(groups.items()):
        facts = sorted({f for f, _ in members})
        status = edge_status(pol, mod)
        key = f"says:{u}>{v}" + (f":{status.replace(', ', '-')}" if status else "")
        quotes = sorted({q for f in facts for q in values.get(f, {}).get("content", [])})
        attrs = _edge(
            "says about",
            "kg:about",
            "statement",
            pol,
            mod,
            fact_type="Statement",
            confidence=round(max(float(c or 0) for _, c in members), 2),
            sources=len(evidence.documents(facts)),
            place="",
            time="",
            quotes="\n".join(quotes),
            facts=" ".join(shorten(f) for f in facts),
        )
        g.add_edge(u, v, key=key, **attrs, **evidence.attributes(facts))


def _add_roles(g: nx.MultiDiGraph, store: Store, evidence: _Evidence) -> None:
    names: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    counts: dict[str, tuple[int, float]] = {}
    for person, role, org, name, sources, conf in _rows(store, _ROLES):
        names[(person, role, org)].append(str(name or "role"))
        counts[role] = (int(sources or 0), round(float(conf or 0), 2))
    for (person, role, org), found in sorted(names.items()):
        u, v, key = shorten(person), shorten(org), shorten(role)
        if u == v or u not in g or v not in g:
            continue
        sources, confidence = counts[role]
        attrs = _edge(
            sorted(set(found))[0],
            "kg:holdsRole",
            "role",
            "positive",
            "asserted",
            fact_type="Role",
            confidence=confidence,
            sources=sources,
            place="",
            time="",
            quotes="",
            facts=key,
        )
        g.add_edge(u, v, key=key, **attrs, **evidence.attributes([role]))


def _add_places(g: nx.MultiDiGraph, store: Store) -> None:
    for city, country in sorted(_rows(store, _PLACES)):
        u, v = shorten(city), shorten(country)
        if u == v or u not in g or v not in g:
            continue
        key = f"inCountry:{u}"
        attrs = _edge(
            "in country",
            "kg:inCountry",
            "place",
            "positive",
            "asserted",
            fact_type="Place",
            confidence=1.0,
            sources=0,
            place="",
            time="",
            quotes="",
            facts="",
            documents="",
            sentences="",
        )
        g.add_edge(u, v, key=key, **attrs)


def _concept_sources(g: nx.MultiDiGraph, evidence: _Evidence) -> None:
    """A concept has no mention count: its sources are the documents of the facts that point at it."""
    for node, data in g.nodes(data=True):
        if data["type"] == "Concept":
            facts = [f for *_, d in g.in_edges(node, data=True) for f in d["facts"].split()]
            data["sources"] = len(evidence.documents(_expand(facts)))


def _expand(prefixed: Iterable[str]) -> list[str]:
    from ..rdf.ontology import PREFIXES

    out = []
    for name in prefixed:
        prefix, _, local = name.partition(":")
        out.append(PREFIXES[prefix] + local if prefix in PREFIXES else name.strip("<>"))
    return out
