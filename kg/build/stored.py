"""What the store already holds, read once at the start of a build (and after documents are removed): the
entity registry, the documents' content hashes, the sources of the facts a batch states, and the documents
of a batch that was cut off."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rdflib import Literal
from rdflib.term import Node

from ..lexicon.gazetteer import country_of_demonym
from ..rdf.ontology import ENT, sparql_prologue
from ..rdf.terms import Term, iri
from ..rdf.updates import PENDING, PENDING_DOCUMENT, VALUES_CHUNK
from ..resolve.resolver import Entity, Registry, place_of
from ..store.base import Store

__all__ = ["FactSources", "known_hashes", "load_registry", "pending_documents", "slug_of", "stored_names", "touched_by"]


def slug_of(entity: Node | None) -> str:
    """An entity's slug, from its IRI (the registry's key)."""
    return str(entity)[len(str(ENT)) :]


def _count(value: Node | None) -> int:
    """A number in a result row (an xsd:integer literal)."""
    return int(str(value))


def pending_documents(store: Store) -> list[str]:
    """The documents of a batch whose write was cut off (its markers are still there)."""
    return [str(r[0]) for r in store.select(f"SELECT ?d WHERE {{ {PENDING} {PENDING_DOCUMENT} ?d }}")]


def known_hashes(store: Store) -> dict[str, set[str]]:
    """Content hash -> source file names, for every document in the store."""
    rows = store.select(
        sparql_prologue() + "SELECT ?h ?f WHERE { ?d a kg:Document ; kg:contentHash ?h ; kg:sourceFile ?f }"
    )
    out: dict[str, set[str]] = {}
    for h, f in rows:
        out.setdefault(str(h), set()).add(str(f))
    return out


def load_registry(store: Store) -> Registry:
    """The registry of the entities in the store: their surface forms, NER labels, demonyms and documents."""
    rows = store.select(
        sparql_prologue() + "SELECT ?e ?form ?ner (COUNT(?m) AS ?n) WHERE { ?m kg:refersTo ?e ; kg:surfaceForm ?form ; "
        "kg:nerLabel ?ner } GROUP BY ?e ?form ?ner"
    )
    entities: dict[str, Entity] = {}
    named, demonyms = stored_names(store)
    for e, form, ner, n in rows:
        slug = slug_of(e)
        entity = entities.setdefault(slug, Entity(slug))
        key = (slug, str(form))
        as_demonym = key in demonyms if (key in demonyms) != (key in named) else None
        if as_demonym is None:  # the stored names do not tell: the resolver's usual reading
            as_demonym = str(ner) == "NORP" and country_of_demonym(str(form)) is not None
        if as_demonym:
            entity.demonyms[str(form)] += _count(n)
        else:
            entity.forms[str(form)] += _count(n)
            entity.ner[str(ner)] += _count(n)
    docs = store.select(
        sparql_prologue() + "SELECT ?e (COUNT(?a) AS ?n) WHERE { ?a a kg:Appearance ; kg:entity ?e } GROUP BY ?e"
    )
    for e, n in docs:
        slug = slug_of(e)
        if slug in entities:
            entities[slug].documents = _count(n)
    registry = Registry()
    for entity in entities.values():
        entity.place = place_of(entity.forms, entity.ner, entity.demonyms)
        registry.add_entity(entity)
    return registry


def stored_names(store: Store) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(entity, name) pairs stored as names (label, alias) and as demonyms: they say how the resolver
    took each surface form (a mention's NER label alone does not: 'Ukrainian' can be either)."""
    rows = store.select(
        sparql_prologue() + "SELECT ?e ?v ?d WHERE { { ?e kg:demonym ?v BIND(true AS ?d) } UNION "
        "{ ?e rdfs:label|skos:altLabel ?v ; kg:mentionCount ?any BIND(false AS ?d) } }"
    )
    named: set[tuple[str, str]] = set()
    demonyms: set[tuple[str, str]] = set()
    for e, v, d in rows:
        (demonyms if isinstance(d, Literal) and d.toPython() is True else named).add((slug_of(e), str(v)))
    return named, demonyms


class FactSources:
    """Fact -> Counter{a document's best confidence: documents}: what a fact's sourceCount and confidence are
    computed from. Read from the store once per fact and build, then kept up to date, so that a batch does
    not re-read every earlier source of the facts it states (that grew with the store)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._known: dict[Term, Counter[float]] = {}

    def add(self, batch: dict[Term, dict[str, float]]) -> dict[Term, Counter[float]]:
        """Count a batch's sources (fact -> document -> best confidence; its documents are new to the store);
        returns the sources of each of its facts, from the store and the batch."""
        self._known.update(self.stored([f for f in batch if f not in self._known]))
        for fact, by_doc in batch.items():
            self._known[fact].update(by_doc.values())
        return {fact: self._known[fact] for fact in batch}

    def clear(self) -> None:
        """Forget what was read: documents left the store."""
        self._known.clear()

    def stored(self, facts: Iterable[Term]) -> dict[Term, Counter[float]]:
        """Fact -> how many documents state it with each best confidence, as the store has it."""
        keys = sorted(facts)
        out: dict[Term, Counter[float]] = {f: Counter() for f in keys}
        for i in range(0, len(keys), VALUES_CHUNK):
            chunk = " ".join(keys[i : i + VALUES_CHUNK])
            rows = self.store.select(
                sparql_prologue() + f"SELECT ?f ?d (MAX(?c) AS ?best) WHERE {{ VALUES ?f {{ {chunk} }} "
                "?f kg:evidence ?e . ?e kg:inDocument ?d ; kg:confidence ?c } GROUP BY ?f ?d"
            )
            for f, _, best in rows:
                out[iri(str(f))][float(str(best))] += 1
        return out


def touched_by(store: Store, docs: str) -> tuple[set[str], list[Term]]:
    """The entities (slugs) and the facts that these documents (a VALUES block of IRIs) have a part in."""
    prologue = sparql_prologue()
    entities = store.select(
        prologue + f"SELECT DISTINCT ?e WHERE {{ VALUES ?d {{ {docs} }} ?a kg:inDocument ?d ; kg:entity ?e }}"
    )
    facts = store.select(
        prologue + f"SELECT DISTINCT ?f WHERE {{ VALUES ?d {{ {docs} }} ?e kg:inDocument ?d . ?f kg:evidence ?e }}"
    )
    return {slug_of(r[0]) for r in entities}, [iri(str(r[0])) for r in facts]
