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
from ..rdf.terms import ENT, FACT, HIDDEN_LABEL, TYPE, Term, Triple, iri
from ..rdf.triples import appearance_triples
from ..rdf.updates import (
    ENTITY_DERIVED,
    FACT_DERIVED,
    REFRESH_ROLES,
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
from .stored import FactSources, slug_of, stored_names

__all__ = ["reconcile", "stored_groups"]

_MENTION_INDEX = re.compile(r"-m(\d+)$")


def reconcile(store: Store) -> Registry:
    """Resolve the store's entities anew, rename and refresh what that changes; the store's registry after."""
    groups = stored_groups(store)
    fresh, slugs = resolve_anew(groups)
    renames, registry = settle(groups, slugs, fresh)
    changed = set(renames.values())
    if renames:
        _rename(store, renames)
    changed |= _refresh_entities(store, Resolver(registry))
    if changed:
        _refresh_roles(store, changed)
    return registry


def stored_groups(store: Store) -> list[Group]:
    """The store's mentions as groups: one per document and entity, its names apart from its demonyms."""
    rows = store.select(
        sparql_prologue() + "SELECT ?h ?m ?e ?form ?ner WHERE { ?m kg:refersTo ?e ; kg:surfaceForm ?form ; "
        "kg:nerLabel ?ner ; kg:sentence ?s . ?s kg:inDocument ?d . ?d kg:contentHash ?h }"
    )
    named, demonyms = stored_names(store)
    groups: dict[tuple[str, str, bool], tuple[list[int], Counter[str], Counter[str]]] = {}
    for h, m, e, form, ner in rows:
        slug, key = slug_of(e), (slug_of(e), str(form))
        as_demonym = key in demonyms and key not in named
        first, forms, labels = groups.setdefault((str(h), slug, as_demonym), ([], Counter(), Counter()))
        match = _MENTION_INDEX.search(str(m))
        first.append(int(match.group(1)) if match else 0)
        forms[str(form)] += 1
        labels[str(ner)] += 1
    return [Group(h, slug, min(first), forms, labels) for (h, slug, _), (first, forms, labels) in groups.items()]


# --- renaming -------------------------------------------------------------------------------------------------


def _rename(store: Store, renames: dict[str, str]) -> None:
    """Rename entities (slug -> slug) everywhere in the store, with the facts and roles named after them."""
    old = sorted(ENT[s] for s in renames)
    triples: list[Triple] = []
    for i in range(0, len(old), VALUES_CHUNK):
        triples += _touching(store, " ".join(old[i : i + VALUES_CHUNK]))
    triples = list(dict.fromkeys(triples))
    terms = rename_terms(triples, renames)
    store.update(delete_data(triples))
    store.update(insert_data(renamed_triples(triples, terms)))
    facts = sorted({new for old_term, new in terms.items() if old_term.startswith(FACT[""][:-1])})
    if facts:
        sources = FactSources(store).stored(facts)
        updates = [*delete_values(facts, FACT_DERIVED), insert_data(fact_triples(sources))]
        store.update(";\n".join(u for u in updates if u))
    _merge_appearances(store, sorted({ENT[s] for s in renames.values()}))


def _touching(store: Store, entities: str) -> list[Triple]:
    """Every triple with one of these entities (a VALUES body), or a fact or role named after one, in it."""
    rows = store.select(
        sparql_prologue() + f"SELECT ?s ?p ?o WHERE {{ VALUES ?x {{ {entities} }} "
        "{ ?x ?p ?o BIND(?x AS ?s) } UNION { ?s ?p ?x BIND(?x AS ?o) } UNION "
        "{ ?n kg:subject|kg:object ?x . { ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } } UNION "
        "{ ?x kg:holdsRole ?n . { ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } } }"
    )
    return [(node_term(s), node_term(p), node_term(o)) for s, p, o in rows if s and p and o]


def _merge_appearances(store: Store, entities: list[Term]) -> None:
    """A document that names two entities now one has one Appearance of it, with the mentions of both."""
    prologue = sparql_prologue()
    docs = [
        node_term(r[0])
        for r in store.select(
            prologue + f"SELECT DISTINCT ?d WHERE {{ VALUES ?e {{ {' '.join(entities)} }} "
            "?a kg:entity ?e ; kg:inDocument ?d . ?b kg:entity ?e ; kg:inDocument ?d FILTER(?a != ?b) }"
        )
        if r[0] is not None
    ]
    if not docs:
        return
    block = values_block(docs)
    rows = store.select(
        prologue + f"SELECT ?d ?m ?e WHERE {{ VALUES ?d {{ {block} }} ?s kg:inDocument ?d . ?m kg:sentence ?s ; "
        "kg:refersTo ?e }"
    )
    mentions: dict[Term, list[tuple[int, str]]] = {}
    for d, m, e in rows:
        match = _MENTION_INDEX.search(str(m))
        mentions.setdefault(iri(str(d)), []).append((int(match.group(1)) if match else 0, slug_of(e)))
    inserts: list[Triple] = []
    for doc, found in mentions.items():
        inserts += appearance_triples(doc, Counter(slug for _, slug in sorted(found)))
    store.update(
        prologue + f"DELETE {{ ?a ?p ?o }} WHERE {{ VALUES ?d {{ {block} }} ?a a kg:Appearance ; kg:inDocument ?d ; "
        f"?p ?o }};\nDELETE {{ ?d kg:mentions ?e }} WHERE {{ VALUES ?d {{ {block} }} ?d kg:mentions ?e }};\n"
        + insert_data(inserts)
    )


# --- derived values -----------------------------------------------------------------------------------------


def _refresh_entities(store: Store, resolver: Resolver) -> set[str]:
    """Write every entity's derived values as all the evidence gives them, where they differ from the stored
    ones; return the entities whose type changed."""
    predicates = ", ".join((*ENTITY_DERIVED, HIDDEN_LABEL))
    rows = store.select(
        sparql_prologue() + f"SELECT ?s ?p ?o WHERE {{ ?s kg:mentionCount ?n ; ?p ?o FILTER(?p IN ({predicates})) }}"
    )
    stored = {(node_term(s), node_term(p), node_term(o)) for s, p, o in rows if s and p and o}
    wanted = set(entity_triples(resolver, sorted(resolver.registry.entities)))
    gone, new = sorted(stored - wanted), sorted(wanted - stored)
    if gone or new:
        store.update(";\n".join(u for u in (delete_data(gone), insert_data(new)) if u))
    return {_slug(s) for s, p, _ in (*gone, *new) if p == TYPE}


def _refresh_roles(store: Store, entities: set[str]) -> None:
    """A person's title, employer and nationality read anew off their roles, where the person or what they hold
    a role in was renamed or typed anew."""
    people: set[Term] = set()
    nodes = sorted(ENT[s] for s in entities)
    for i in range(0, len(nodes), VALUES_CHUNK):
        rows = store.select(
            sparql_prologue() + f"SELECT DISTINCT ?p WHERE {{ VALUES ?x {{ {' '.join(nodes[i : i + VALUES_CHUNK])} }} "
            "{ ?p kg:holdsRole/kg:roleIn ?x } UNION { ?x kg:holdsRole ?r BIND(?x AS ?p) } }"
        )
        people |= {node_term(r[0]) for r in rows if r[0] is not None}
    if people:
        store.update(sparql_prologue() + REFRESH_ROLES.format(people=values_block(people)))


def _slug(term: Term) -> str:
    """An entity's slug, from its IRI term."""
    return term[len(ENT[""]) - 1 : -1]
