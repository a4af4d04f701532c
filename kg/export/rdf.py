"""RDF exports from the graph in memory: N-Quads, TriG, JSON-LD and RDF/XML, stable from one build to the next.

(Turtle and N-Triples are written from the store without this copy: see `canonical`.)
`rdf_graph(store)` copies the store's graph into memory with canonical blank-node labels (rdflib.compare)
and plain literals for xsd:string (RDF 1.1 says they are the same), so two exports of the same graph are
the same bytes: N-Quads is sorted, and TriG and JSON-LD are written in sorted order.

N-Quads and TriG put each document in its own named graph, named by the document's IRI: the document, its
sentences, mentions and evidence, and every fact and role it supports (its `kg:evidence` link and the
fact's own triples). A fact stated by two documents is in both graphs. What belongs to no single document
is in the default graph: the ontology, entities and concepts with their derived values (labels, types,
counts), the open relations, the facts' `kg:sourceCount` and `kg:confidence`, and the direct triples.
The union of all graphs is exactly the store's graph.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from ..rdf.ontology import DOC, KG, PREFIXES, load_ontology
from ..store.base import Store

__all__ = [
    "document_dataset",
    "jsonld_context",
    "rdf_graph",
    "to_jsonld",
    "to_nquads",
    "to_rdfxml",
    "to_trig",
]

_FACT_DERIVED = {KG.sourceCount, KG.confidence}


def _plain(term):
    if isinstance(term, Literal) and term.datatype == XSD.string and term.language is None:
        return Literal(str(term))
    return term


def _bind(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


def rdf_graph(store: Store) -> Graph:
    """The store's default graph in memory: canonical blank nodes, plain strings, kg prefixes bound."""
    triples = [(s, p, _plain(o)) for s, p, o in store.graph]
    source = Graph(bind_namespaces="none")
    for t in triples:
        source.add(t)
    if any(isinstance(t, BNode) for triple in triples for t in (triple[0], triple[2])):
        triples = list(to_canonical_graph(source))
    graph = Graph(bind_namespaces="none")
    _bind(graph)
    for t in sorted(triples):
        graph.add(t)
    return graph


def _document_of(node: URIRef) -> URIRef | None:
    """doc:<hash>, doc:<hash>-s3, doc:<hash>-e12 -> doc:<hash>."""
    text = str(node)
    if not text.startswith(str(DOC)):
        return None
    return DOC[text[len(str(DOC)) :].split("-", 1)[0]]


def document_dataset(graph: Graph) -> Dataset:
    """One named graph per document (see the module docstring); the rest in the default graph."""
    evidence_doc = {
        e: d
        for e, d in graph.subject_objects(KG.inDocument)
        if isinstance(d, URIRef) and (e, RDF.type, KG.Evidence) in graph
    }
    fact_docs: dict[Node, set[URIRef]] = defaultdict(set)
    for fact, e in graph.subject_objects(KG.evidence):
        if e in evidence_doc:
            fact_docs[fact].add(evidence_doc[e])
    dataset = Dataset()
    _bind(dataset)
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    for s, p, o in graph:
        for name in _graphs_of(s, p, o, fact_docs, evidence_doc):
            (default if name is None else dataset.graph(name)).add((s, p, o))
    return dataset


def _graphs_of(
    s: Node, p: Node, o: Node, fact_docs: dict[Node, set[URIRef]], evidence_doc: dict[Node, URIRef]
) -> Sequence[URIRef | None]:
    owner = _document_of(s) if isinstance(s, URIRef) else None
    if owner is not None:
        return [owner]
    if s in fact_docs and p not in _FACT_DERIVED:
        return [evidence_doc[o]] if p == KG.evidence else sorted(fact_docs[s])
    return [None]


def to_nquads(graph: Graph) -> str:
    lines = document_dataset(graph).serialize(format="nquads", encoding="utf-8").decode().splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def to_trig(graph: Graph) -> str:
    """TriG: the default graph first, then each document's graph, each in Turtle order."""
    dataset = document_dataset(graph)
    parts = ["".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())]
    named = sorted(
        (g for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID), key=lambda g: g.identifier
    )
    for sub in [dataset.graph(DATASET_DEFAULT_GRAPH_ID), *named]:
        if len(sub) == 0:
            continue
        body = _turtle_body(sub)
        name = "" if sub.identifier == DATASET_DEFAULT_GRAPH_ID else sub.identifier.n3(dataset.namespace_manager) + " "
        parts.append(f"\n{name}{{\n{body}}}\n")
    return "".join(parts)


def _turtle_body(sub: Graph) -> str:
    copy = Graph(bind_namespaces="none")
    _bind(copy)
    for t in sorted(sub):
        copy.add(t)
    text = copy.serialize(format="longturtle")
    lines = [line for line in text.splitlines() if not line.startswith("PREFIX ")]
    return "\n".join("    " + line if line else "" for line in lines).strip("\n") + "\n"


def _ox(term):
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def to_rdfxml(graph: Graph) -> str:
    """RDF/XML written by Oxigraph from the sorted triples (rdflib's writers order by Python sets)."""
    import pyoxigraph as ox

    triples = [ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in sorted(graph)]
    return (ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES) or b"").decode("utf-8")


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """A JSON-LD context from the ontology: its prefixes, and a short term for each kg property."""
    ontology = load_ontology()
    context: dict[str, object] = dict(PREFIXES)
    context.update(label="rdfs:label", altLabel="skos:altLabel", title="dcterms:title")
    for prop in sorted(ontology.subjects(RDF.type, OWL.ObjectProperty), key=str):
        if str(prop).startswith(str(KG)):
            context[str(prop)[len(str(KG)) :]] = {"@id": f"kg:{str(prop)[len(str(KG)) :]}", "@type": "@id"}
    for prop in sorted(ontology.subjects(RDF.type, OWL.DatatypeProperty), key=str):
        if str(prop).startswith(str(KG)):
            local = str(prop)[len(str(KG)) :]
            term: dict[str, str] = {"@id": f"kg:{local}"}
            ranges = [r for r in ontology.objects(prop, RDFS.range) if r != XSD.string and str(r).startswith(str(XSD))]
            if len(ranges) == 1:
                term["@type"] = f"xsd:{str(ranges[0])[len(str(XSD)) :]}"
            context[local] = term
    return context


def _sorted_json(value: Any, in_list: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_json(v, in_list=k == "@list") for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return items if in_list else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> str:
    context = jsonld_context()
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    nodes = sorted((_sorted_json(n) for n in nodes), key=lambda n: str(n.get("@id", "")))
    document = {"@context": context, "@graph": nodes}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
