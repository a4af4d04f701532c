"""The end of a build: the store made what a build of all its documents at once, in any order, makes.

Batches are resolved against what the store held before them, so the entities they make depend on the order
documents came in. Once a build has written its batches, `reconcile` resolves every entity's mentions anew, in
one fixed order (kg/resolve/canonical.py); renames what that changes in the store (an entity's IRI, its facts'
and roles', its documents' appearances); and writes every entity's derived values from all the evidence the
store holds (type, label, aliases, counts, a city's country), and a person's title, employer and nationality
where the type of what they hold a role in changed.
"""

from __future__ import annotations

import re
from collections import Counter

from ..rdf.derived import entity_triples, fact_triples
from ..rdf.ontology import sparql_prologue
from ..rdf.renaming import rename_terms, renamed_triples
from ..rdf.terms import ENT, HIDDEN_LABEL, TYPE, Term, Triple, iri
from ..rdf.triples import appearance_triples
from ..rdf.updates import (
    ENTITY_DERIVED,
    FACT_DERIVED,
    REFRESH_ROLES,
    UNSETTLED,
    VALUES_CHUNK,
    delete_data,
    delete_values,
    insert_data,
    node_term,
    values_block,
)
from ..resolve.canonical import Group, resolve_anew, settle
from ..resolve.registry import Registry
from ..resolve.resolver import Resolver
from ..store.base import Store
from .stored import slug_of, stored_names

__all__ = ["reconcile", "stored_groups"]

_MENTION_INDEX = re.compile(r"-m(\d+)$")


def reconcile(store: Store) -> Registry:
    """Resolve the store's entities anew, rename and refresh what that changes; the store's registry after."""
    groups = stored_groups(store)
    fresh, slugs = resolve_anew(groups)
    renames, registry = settle(groups, slugs, fresh)
    if renames:
        _rename(store, renames)
    _merge_appearances(store)
    _refresh(store, Resolver(registry), set(renames.values()))
    return registry


def stored_groups(store: Store) -> list[Group]:
    """The store's mentions as groups: one per document and entity, its names apart from its demonyms."""
    rows = store.select(
        sparql_prologue() + "SELECT ?h ?m ?e ?form ?ner WHERE { ?m kg:refersTo ?e ; kg:surfaceForm ?form ; "
        "kg:nerLabel ?ner ; kg:sentence ?s . ?s kg:inDocument ?d . ?d kg:contentHash ?h }"
    )
    named, demonyms = stored_names(store)
    # in the order of the documents and their mentions, so that the counters' ties fall the same way every time
    mentions = sorted((str(h), _mention_index(m), slug_of(e), str(form), str(ner)) for h, m, e, form, ner in rows)
    groups: dict[tuple[str, str, bool], Group] = {}
    for h, index, slug, form, ner in mentions:
        as_demonym = (slug, form) in demonyms and (slug, form) not in named
        group = groups.setdefault((h, slug, as_demonym), Group(h, slug, index, Counter(), Counter()))
        group.forms[form] += 1
        group.labels[ner] += 1
    return list(groups.values())


def _mention_index(mention: object) -> int:
    """A mention's place in its document, from its IRI ('…-m12')."""
    match = _MENTION_INDEX.search(str(mention))
    return int(match.group(1)) if match else 0


# --- renaming -------------------------------------------------------------------------------------------------


def _rename(store: Store, renames: dict[str, str]) -> None:
    """Rename entities (slug -> slug) everywhere in the store, with the facts and roles named after them, and
    count the sources of the facts and roles that became one; in one request, so a kill leaves all or nothing."""
    old = sorted(ENT[s] for s in renames)
    triples: list[Triple] = []
    for i in range(0, len(old), VALUES_CHUNK):
        triples += _touching(store, " ".join(old[i : i + VALUES_CHUNK]))
    triples = list(dict.fromkeys(triples))
    terms = rename_terms(triples, renames)
    counted = {s for s, p, _ in triples if p in FACT_DERIVED}  # facts and roles: their sources are counted
    targets = sorted({terms.get(s, s) for s in counted})
    sources = _sources(store, sorted(counted | set(targets)), terms)
    updates = [
        delete_data(triples),
        *delete_values(targets, FACT_DERIVED),
        insert_data([*renamed_triples(triples, terms), *fact_triples(sources)]),
    ]
    store.update(";\n".join(u for u in updates if u))


def _sources(store: Store, nodes: list[Term], terms: dict[Term, Term]) -> dict[Term, Counter[float]]:
    """Each renamed fact's (or role's) sources: how many documents state it with each best confidence, over
    the facts that become one."""
    best: dict[tuple[Term, str], float] = {}
    for i in range(0, len(nodes), VALUES_CHUNK):
        rows = store.select(
            sparql_prologue()
            + f"SELECT ?f ?d (MAX(?c) AS ?best) WHERE {{ VALUES ?f {{ {' '.join(nodes[i : i + VALUES_CHUNK])} }} "
            "?f kg:evidence ?e . ?e kg:inDocument ?d ; kg:confidence ?c } GROUP BY ?f ?d"
        )
        for f, d, c in rows:
            key = (terms.get(iri(str(f)), iri(str(f))), str(d))
            best[key] = max(best.get(key, 0.0), float(str(c)))
    out: dict[Term, Counter[float]] = {}
    for (node, _), confidence in best.items():
        out.setdefault(node, Counter())[confidence] += 1
    return out


def _touching(store: Store, entities: str) -> list[Triple]:
    """Every triple with one of these entities (a VALUES body), or a fact or role named after one, in it."""
    rows = store.select(
        sparql_prologue() + f"SELECT ?s ?p ?o WHERE {{ VALUES ?x {{ {entities} }} "
        "{ ?x ?p ?o BIND(?x AS ?s) } UNION { ?s ?p ?x BIND(?x AS ?o) } UNION "
        "{ ?n kg:subject|kg:object ?x . { ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } } UNION "
        "{ ?x kg:holdsRole ?n . { ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } } }"
    )
    return [(node_term(s), node_term(p), node_term(o)) for s, p, o in rows if s and p and o]


def _merge_appearances(store: Store) -> None:
    """A document that names two entities now one has one Appearance of it, with the mentions of both."""
    prologue = sparql_prologue()
    found = store.select(
        prologue
        + "SELECT DISTINCT ?d WHERE { ?a kg:entity ?e ; kg:inDocument ?d } GROUP BY ?d ?e HAVING (COUNT(?a) > 1)"
    )
    docs = [iri(str(r[0])) for r in found if r[0] is not None]
    if not docs:
        return
    block = values_block(docs)
    rows = store.select(
        prologue + f"SELECT ?d ?m ?e WHERE {{ VALUES ?d {{ {block} }} ?s kg:inDocument ?d . ?m kg:sentence ?s ; "
        "kg:refersTo ?e }"
    )
    mentions: dict[Term, list[tuple[int, str]]] = {}
    for d, m, e in rows:
        mentions.setdefault(iri(str(d)), []).append((_mention_index(m), slug_of(e)))
    inserts: list[Triple] = []
    for doc, found_here in mentions.items():
        inserts += appearance_triples(doc, Counter(slug for _, slug in sorted(found_here)))
    store.update(
        prologue + f"DELETE {{ ?a ?p ?o }} WHERE {{ VALUES ?d {{ {block} }} ?a a kg:Appearance ; kg:inDocument ?d ; "
        f"?p ?o }};\nDELETE {{ ?d kg:mentions ?e }} WHERE {{ VALUES ?d {{ {block} }} ?d kg:mentions ?e }};\n"
        + insert_data(inserts)
    )


# --- derived values -----------------------------------------------------------------------------------------


def _refresh(store: Store, resolver: Resolver, renamed: set[str]) -> None:
    """Write every entity's derived values as all the evidence gives them, where they differ from the stored
    ones; read a person's title, employer and nationality anew off their roles where the person or what they
    hold a role in was renamed or typed anew; and mark the store settled. One request."""
    predicates = ", ".join((*ENTITY_DERIVED, HIDDEN_LABEL))
    rows = store.select(
        sparql_prologue() + f"SELECT ?s ?p ?o WHERE {{ ?s kg:mentionCount ?n ; ?p ?o FILTER(?p IN ({predicates})) }}"
    )
    stored = {(node_term(s), node_term(p), node_term(o)) for s, p, o in rows if s and p and o}
    wanted = set(entity_triples(resolver, sorted(resolver.registry.entities)))
    gone, new = sorted(stored - wanted), sorted(wanted - stored)
    people = _role_holders(store, renamed | {_slug(s) for s, p, _ in (*gone, *new) if p == TYPE})
    updates = [delete_data(gone), insert_data(new), delete_data([UNSETTLED])]
    if people:
        updates.append(REFRESH_ROLES.format(people=values_block(people)))
    store.update(sparql_prologue() + ";\n".join(u for u in updates if u))


def _role_holders(store: Store, entities: set[str]) -> set[Term]:
    """The people who are, or hold a role in, one of these entities."""
    people: set[Term] = set()
    nodes = sorted(ENT[s] for s in entities)
    for i in range(0, len(nodes), VALUES_CHUNK):
        rows = store.select(
            sparql_prologue() + f"SELECT DISTINCT ?p WHERE {{ VALUES ?x {{ {' '.join(nodes[i : i + VALUES_CHUNK])} }} "
            "{ ?p kg:holdsRole/kg:roleIn ?x } UNION { ?x kg:holdsRole ?r BIND(?x AS ?p) } }"
        )
        people |= {node_term(r[0]) for r in rows if r[0] is not None}
    return people


def _slug(term: Term) -> str:
    """An entity's slug, from its IRI term."""
    return term[len(ENT[""]) - 1 : -1]
