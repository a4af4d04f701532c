"""Writing into the store: batches of documents, and the values derived from all sources.

`GraphWriter` keeps the entity registry in step with the store. For each batch it deletes the derived values
of the entities and facts the batch touches, and inserts the batch's triples and the recomputed derived values
(entity label, aliases, type, counts; fact source count and confidence). To an endpoint that is one SPARQL
Update, one transaction. A local store takes the documents' triples by bulk load, four times faster than a
transaction but not atomic, so markers naming the documents go in first and leave in the closing transaction;
a build that finds markers removes what they name first (`prepare`). Either way the store holds whole
documents and consistent counts, even after a crash in the middle of a write.

A local store gets the batches' triples a few batches at a time (`HOLD_TRIPLES`, `flush`): each bulk load
leaves new files that RocksDB merges with the whole store in the background, and loads that come back to back
are merged in one go. Held batches are bytes of N-Triples, a tenth of the memory of the extractions they came
from; a process waiting to read the store, or the end of the input, has them written at once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef

from ..extract.extraction import Extraction
from ..lexicon.gazetteer import country_of_demonym
from ..rdf.ontology import ENT, ONTOLOGY_IRI, load_ontology, ontology_text, sparql_prologue
from ..rdf.terms import ALT_LABEL, HIDDEN_LABEL, LABEL, TYPE, K, Term, Triple, as_iri, decimal, integer, iri, text
from ..rdf.terms import ENT as ENTITY
from ..rdf.triples import DocumentTriples, document_iri, document_triples
from ..resolve.resolver import Entity, Registry, Resolver, place_of
from ..store.base import Store

__all__ = ["BatchResult", "GraphWriter"]

_ENTITY_DERIVED = (
    TYPE,
    LABEL,
    ALT_LABEL,
    K.demonym,
    K.mentionCount,
    K.documentCount,
    K.countryCode,
    K.locatedIn,
)
_FACT_DERIVED = (K.sourceCount, K.confidence)
_PERSON_DERIVED = (K.jobTitle, K.worksFor, K.nationality)
_VALUES_CHUNK = 2000
# A batch too large for one request to the endpoint is written in several, and these markers name its
# documents until the last request lands; a build that finds them removes what they name (see `prepare`).
_PENDING = "<https://kg.example.org/build#pending>"
_PENDING_DOCUMENT = "<https://kg.example.org/build#document>"


# Triples a local store's writer holds before it loads them: a few batches of 256 documents (~180,000 triples
# and 25 MB each). Building 3,000 documents, RocksDB's merging then took 7.7 s of CPU rather than 10.2.
HOLD_TRIPLES = 500_000


@dataclass(frozen=True, slots=True)
class BatchResult:
    documents: int
    entities: int
    facts: int
    triples: int


@dataclass(slots=True)
class _Held:
    """Batches resolved and turned into triples that a local store does not hold yet (see `flush`)."""

    loads: list[bytes] = field(default_factory=list)  # N-Triples, one bulk load per batch
    parts: list[DocumentTriples] = field(default_factory=list)  # their documents, facts and roles (no triples)
    touched: set[str] = field(default_factory=set)  # slugs of the entities they touched
    triples: int = 0


def _ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def _insert_data(triples: Iterable[Triple]) -> str:
    body = _ntriples(dict.fromkeys(triples))
    return f"INSERT DATA {{\n{body}}}" if body else ""


def _delete_data(triples: Iterable[Triple]) -> str:
    return _insert_data(triples).replace("INSERT DATA", "DELETE DATA", 1)


def _markers(parts: list[DocumentTriples]) -> list[Triple]:
    """The triples naming a batch's documents while it is being written (see `prepare`)."""
    return [(_PENDING, _PENDING_DOCUMENT, part.document) for part in parts]


def _delete_entity_values(entities: Iterable[Term]) -> list[str]:
    """Deletes of the derived values of these entities. A place's kg:locatedIn is derived from the gazetteer
    and also a relation the articles state: a stated one stays while a positive, asserted fact supports it."""
    entities = set(entities)
    derived = [p for p in _ENTITY_DERIVED if p != K.locatedIn]
    stated = (
        f"?f {K.subject} ?s ; {K.predicate} ?p ; {K.object} ?o ; {K.polarity} {K.Positive} ; {K.modality} {K.Asserted}"
    )
    return _delete_values(entities, derived) + _delete_values(entities, [K.locatedIn], unless=stated)


def _delete_values(subjects: Iterable[Term], predicates: Iterable[Term], unless: str = "") -> list[str]:
    """Deletes of the subjects' values of these predicates, except where the pattern `unless` (over ?s ?p ?o)
    matches."""
    subjects = sorted(set(subjects))
    predicates = list(predicates)
    if len(predicates) == 1:  # in the pattern: only its triples are read, and tested against `unless`
        triples = f"?s {predicates[0]} ?o BIND({predicates[0]} AS ?p)"
    else:
        # subjects first, predicates as a filter: Oxigraph then reads only these subjects' triples (a second
        # VALUES for ?p made it scan the whole store: 1.2 s per batch at 600,000 triples, and growing)
        triples = f"?s ?p ?o FILTER(?p IN ({', '.join(predicates)}))"
    keep = f" FILTER NOT EXISTS {{ {unless} }}" if unless else ""
    out = []
    for i in range(0, len(subjects), _VALUES_CHUNK):
        values = " ".join(subjects[i : i + _VALUES_CHUNK])
        out.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} {triples}{keep} }}")
    return out


class GraphWriter:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.registry = Registry()
        self.resolver = Resolver(self.registry)
        # Fact -> Counter{a document's best confidence: documents}: what a fact's sourceCount and confidence
        # are computed from. Read from the store once per fact and build, then kept up to date, so that a
        # batch does not re-read every earlier source of the facts it states (that grew with the store).
        self._sources: dict[Term, Counter[float]] = {}
        self._held = _Held()
        self.hold_triples = HOLD_TRIPLES  # 0: every batch written at once

    # --- start-up -------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load the ontology (once per version) and the entity registry from the store; clear away the
        documents of a split batch that was cut off (only ever on an endpoint with a request size limit)."""
        self._load_ontology()
        pending = [str(r[0]) for r in self.store.select(f"SELECT ?d WHERE {{ {_PENDING} {_PENDING_DOCUMENT} ?d }}")]
        if pending:
            self.remove_documents(pending)
            self.store.update(f"DELETE WHERE {{ {_PENDING} {_PENDING_DOCUMENT} ?d }}")
        else:
            self._load_registry()

    def _load_ontology(self) -> None:
        """Insert the ontology, replacing an older version's terms when the file changed."""
        digest = hashlib.sha256(ontology_text().encode()).hexdigest()
        marker = (iri(ONTOLOGY_IRI), K.contentHash, text(digest))
        if self.store.select(f"SELECT (1 AS ?x) WHERE {{ {' '.join(marker)} }}"):
            return
        old_terms = f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {text(ONTOLOGY_IRI)})) }}"
        ontology = [tuple(_term(t) for t in triple) for triple in load_ontology()]
        self.store.update(old_terms + ";\n" + _insert_data([*ontology, marker]))

    def _load_registry(self) -> None:
        rows = self.store.select(
            sparql_prologue()
            + "SELECT ?e ?form ?ner (COUNT(?m) AS ?n) WHERE { ?m kg:refersTo ?e ; kg:surfaceForm ?form ; "
            "kg:nerLabel ?ner } GROUP BY ?e ?form ?ner"
        )
        entities: dict[str, Entity] = {}
        named, demonyms = self._stored_names()
        for e, form, ner, n in rows:
            slug = _slug(e)
            entity = entities.setdefault(slug, Entity(slug))
            key = (slug, str(form))
            as_demonym = key in demonyms if (key in demonyms) != (key in named) else None
            if as_demonym is None:  # the stored names do not tell: the resolver's usual reading
                as_demonym = str(ner) == "NORP" and country_of_demonym(str(form)) is not None
            if as_demonym:
                entity.demonyms[str(form)] += int(n)
            else:
                entity.forms[str(form)] += int(n)
                entity.ner[str(ner)] += int(n)
        docs = self.store.select(
            sparql_prologue() + "SELECT ?e (COUNT(?a) AS ?n) WHERE { ?a a kg:Appearance ; kg:entity ?e } GROUP BY ?e"
        )
        for e, n in docs:
            slug = _slug(e)
            if slug in entities:
                entities[slug].documents = int(n)
        for entity in entities.values():
            entity.place = place_of(entity.forms, entity.ner, entity.demonyms)
            self.registry.add_entity(entity)

    def _stored_names(self) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
        """(entity, name) pairs stored as names (label, alias) and as demonyms: they say how the resolver
        took each surface form (a mention's NER label alone does not: 'Ukrainian' can be either)."""
        rows = self.store.select(
            sparql_prologue() + "SELECT ?e ?v ?d WHERE { { ?e kg:demonym ?v BIND(true AS ?d) } UNION "
            "{ ?e rdfs:label|skos:altLabel ?v ; kg:mentionCount ?any BIND(false AS ?d) } }"
        )
        named: set[tuple[str, str]] = set()
        demonyms: set[tuple[str, str]] = set()
        for e, v, d in rows:
            (demonyms if d.toPython() else named).add((_slug(e), str(v)))
        return named, demonyms

    # --- documents already in the store ------------------------------------------------------------------

    def known_hashes(self) -> dict[str, set[str]]:
        """Content hash -> source file names, for every document in the store."""
        rows = self.store.select(
            sparql_prologue() + "SELECT ?h ?f WHERE { ?d a kg:Document ; kg:contentHash ?h ; kg:sourceFile ?f }"
        )
        out: dict[str, set[str]] = {}
        for h, f in rows:
            out.setdefault(str(h), set()).add(str(f))
        return out

    def add_source_name(self, sha256: str, source: str) -> None:
        self.flush()
        self.store.update(_insert_data([(document_iri(sha256), K.sourceFile, text(source))]))

    # --- writing -----------------------------------------------------------------------------------------

    def write_batch(self, batch: list[Extraction]) -> BatchResult:
        """Resolve a batch against the registry and write it, or hold it for the next `flush` (a local store)."""
        mapping, touched = self.resolver.resolve([ex.entities for ex in batch])
        parts: list[DocumentTriples] = []
        for d, ex in enumerate(batch):
            parts.append(document_triples(ex, lambda local, d=d: mapping[(d, local)], self._kind))
        triples = sum(len(p.triples) for p in parts)
        result = BatchResult(len(batch), len(touched), len({f for p in parts for f in (*p.facts, *p.roles)}), triples)
        if not self.store.bulk_loading:
            self._write_requests(parts, *self._derived_values(parts, touched))
            return result
        self._held.loads.append(_ntriples(t for part in parts for t in part.triples).encode())
        for part in parts:
            part.triples = []
        self._held.parts += parts
        self._held.touched |= touched
        self._held.triples += triples
        if self._held.triples >= self.hold_triples:
            self.flush()
        return result

    def write_as_they_come(self) -> None:
        """From now on, hold nothing: the input has ended, and what is left to write should be written now."""
        self.hold_triples = 0
        self.flush()

    def flush(self) -> None:
        """Write the batches held for a local store: markers naming their documents, one bulk load per batch, then
        one transaction that writes the derived values of all they touched and removes the markers."""
        held, self._held = self._held, _Held()
        if not held.parts:
            return
        deletes, derived = self._derived_values(held.parts, held.touched)
        markers = _markers(held.parts)
        self.store.update(_insert_data(markers))
        for load in held.loads:
            self.store.bulk_insert(load)
        self.store.update(";\n".join(r for r in [*deletes, _insert_data(derived), _delete_data(markers)] if r))

    def _derived_values(self, parts: list[DocumentTriples], touched: set[str]) -> tuple[list[str], list[Triple]]:
        """Deletes of the derived values of the entities and facts these documents touch, and the values anew."""
        facts = self._fact_confidences(parts)
        deletes = _delete_entity_values(ENTITY[s] for s in touched) + _delete_values(facts, _FACT_DERIVED)
        return deletes, self._entity_triples(touched) + self._fact_triples(facts)

    def _write_requests(self, parts: list[DocumentTriples], deletes: list[str], derived: list[Triple]) -> None:
        """An endpoint: the whole batch as one request (one transaction), unless it exceeds the size limit."""
        request = ";\n".join([*deletes, _insert_data([t for part in parts for t in part.triples] + derived)])
        limit = self.store.max_update_bytes
        if limit is None or len(request) <= limit // 4 or len(request.encode()) <= limit:
            self.store.update(request)
        else:
            self._write_split(parts, deletes, derived, limit)

    def _write_split(self, parts: list[DocumentTriples], deletes: list[str], derived: list[Triple], limit: int) -> None:
        """A batch over the endpoint's size limit, in several requests, each holding whole documents.

        Order: markers naming the batch's documents; the documents, as many whole ones per request as fit;
        the derived values; then the markers go. Cut off anywhere, the store holds whole documents only, and
        the next build removes the marked ones (refreshing the counts they touched) before it starts.
        """
        markers = _markers(parts)
        self.store.update(_insert_data(markers))
        for group in _groups([_insert_data(part.triples) for part in parts], limit):
            self.store.update(";\n".join(group))
        for group in _groups([*deletes, *(_insert_data(c) for c in _slices(derived, 5000))], limit):
            self.store.update(";\n".join(group))
        self.store.update(_delete_data(markers))

    def _kind(self, slug: str) -> str:
        return self.registry.entities[slug].kind

    def _fact_confidences(self, parts: list[DocumentTriples]) -> dict[Term, Counter[float]]:
        """Fact -> its sources, from the store and this batch (see `_sources`)."""
        batch: dict[Term, dict[str, float]] = {}
        for part in parts:
            for fact, confidence in (*part.facts.items(), *part.roles.items()):
                doc = str(part.document)
                batch.setdefault(fact, {})[doc] = max(batch.get(fact, {}).get(doc, 0.0), confidence)
        self._sources.update(self._stored_sources([f for f in batch if f not in self._sources]))
        for fact, by_doc in batch.items():  # the batch's documents are new to the store
            self._sources[fact].update(by_doc.values())
        return {fact: self._sources[fact] for fact in batch}

    def _stored_sources(self, facts: Iterable[Term]) -> dict[Term, Counter[float]]:
        """Fact -> how many documents state it with each best confidence, as the store has it."""
        keys = sorted(facts)
        out: dict[Term, Counter[float]] = {f: Counter() for f in keys}
        for i in range(0, len(keys), _VALUES_CHUNK):
            values = " ".join(keys[i : i + _VALUES_CHUNK])
            rows = self.store.select(
                sparql_prologue() + f"SELECT ?f ?d (MAX(?c) AS ?best) WHERE {{ VALUES ?f {{ {values} }} "
                "?f kg:evidence ?e . ?e kg:inDocument ?d ; kg:confidence ?c } GROUP BY ?f ?d"
            )
            for f, _, best in rows:
                out[iri(f)][float(best)] += 1
        return out

    def _fact_triples(self, facts: dict[Term, Counter[float]]) -> list[Triple]:
        out: list[Triple] = []
        for fact, sources in facts.items():
            doubt = 1.0
            for c, n in sorted(sources.items()):  # a fixed order: the same sources give the same bits
                doubt *= (1.0 - min(c, 0.95)) ** n
            out.append((fact, K.sourceCount, integer(sum(sources.values()))))
            out.append((fact, K.confidence, decimal(f"{min(0.99, 1 - doubt):.2f}")))
        return out

    def _entity_triples(self, slugs: Iterable[str]) -> list[Triple]:
        out: list[Triple] = []
        for slug in slugs:
            e = self.registry.entities[slug]
            node = ENTITY[slug]
            out.append((node, TYPE, getattr(K, e.kind)))
            out.append((node, LABEL, text(e.label)))
            out += [(node, ALT_LABEL, text(f)) for f in e.aliases()]
            for surname in e.surnames:  # found when searched by surname alone, unless another person has it
                if len(self.registry.people_named(surname)) == 1:
                    out.append((node, HIDDEN_LABEL, text(surname)))
            out += [(node, K.demonym, text(d)) for d in sorted(e.demonyms)]
            out.append((node, K.mentionCount, integer(e.mentions)))
            out.append((node, K.documentCount, integer(e.documents)))
            if e.place is not None and e.kind in {"Country", "City"}:
                if e.kind == "Country" and e.place.code:
                    out.append((node, K.countryCode, text(e.place.code)))
                country = e.place.country and self.resolver.entity_for_place(e.place.country)
                if e.kind == "City" and country is not None:
                    out.append((node, K.locatedIn, ENTITY[country.slug]))
        return out

    def remove_documents(self, docs: Iterable[str]) -> None:
        """Remove documents (their IRIs, or IRI terms) and all they alone supported; refresh the counts of what
        they touched."""
        self.flush()
        values = _values(as_iri(d) for d in docs)
        prologue = sparql_prologue()
        slugs = {
            _slug(r[0])
            for r in self.store.select(
                prologue + f"SELECT DISTINCT ?e WHERE {{ VALUES ?d {{ {values} }} ?a kg:inDocument ?d ; kg:entity ?e }}"
            )
        }
        facts = [
            iri(r[0])
            for r in self.store.select(
                prologue
                + f"SELECT DISTINCT ?f WHERE {{ VALUES ?d {{ {values} }} ?e kg:inDocument ?d . ?f kg:evidence ?e }}"
            )
        ]
        self.store.update(prologue + _REMOVE_DOCUMENTS.format(docs=values))
        if facts:
            self.store.update(prologue + _COLLECT_ORPHANS.format(facts=_values(facts)))
        self.registry = Registry()
        self.resolver = Resolver(self.registry)
        self._load_registry()
        gone = {s for s in slugs if s not in self.registry.entities}
        kept = slugs - gone
        updates = _delete_values((ENTITY[s] for s in gone), [*_ENTITY_DERIVED, *_PERSON_DERIVED, K.holdsRole])
        updates += _delete_entity_values(ENTITY[s] for s in kept)
        updates.append(_insert_data(self._entity_triples(kept)))
        if kept:
            updates.append(_REFRESH_ROLES.format(people=_values(ENTITY[s] for s in kept)))
        self._sources.clear()
        remaining = self._stored_sources(facts)
        updates += _delete_values(remaining, _FACT_DERIVED)
        updates.append(_insert_data(self._fact_triples({f: c for f, c in remaining.items() if c})))
        self.store.update(prologue + ";\n".join(u for u in updates if u))


# --- removing documents (a changed file replaces its old version) -----------------------------------------

_REMOVE_DOCUMENTS = """
DELETE {{ ?m ?p ?o }} WHERE {{ VALUES ?d {{ {docs} }} ?s kg:inDocument ?d . ?m kg:sentence ?s ; a kg:Mention ; ?p ?o }};
DELETE {{ ?f kg:evidence ?e }} WHERE {{ VALUES ?d {{ {docs} }} ?e kg:inDocument ?d . ?f kg:evidence ?e }};
DELETE {{ ?x ?p ?o }} WHERE {{ VALUES ?d {{ {docs} }} ?x kg:inDocument ?d ; ?p ?o }};
DELETE {{ ?d ?p ?o }} WHERE {{ VALUES ?d {{ {docs} }} ?d ?p ?o }}
"""
# Facts and roles left with no evidence go, with the direct triples only they supported.
_COLLECT_ORPHANS = """
DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?f {{ {facts} }} FILTER NOT EXISTS {{ ?f kg:evidence ?any }}
  ?f kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:polarity kg:Positive ; kg:modality kg:Asserted }};
DELETE {{ ?person kg:holdsRole ?f }} WHERE {{ VALUES ?f {{ {facts} }} FILTER NOT EXISTS {{ ?f kg:evidence ?any }}
  ?person kg:holdsRole ?f }};
DELETE {{ ?f ?p ?o }} WHERE {{ VALUES ?f {{ {facts} }} FILTER NOT EXISTS {{ ?f kg:evidence ?any }} ?f ?p ?o }};
DELETE {{ ?c ?p ?o }} WHERE {{ ?c a kg:Concept ; ?p ?o FILTER NOT EXISTS {{ ?f kg:object|kg:about ?c }} }}
"""
# A person's title and employer are read off the roles that remain.
_REFRESH_ROLES = """
DELETE {{ ?p ?r ?o }} WHERE {{ VALUES ?p {{ {people} }} VALUES ?r {{ kg:jobTitle kg:worksFor kg:nationality }}
  ?p ?r ?o }};
INSERT {{ ?p kg:jobTitle ?t }} WHERE {{ VALUES ?p {{ {people} }} ?p kg:holdsRole/kg:roleName ?t }};
INSERT {{ ?p kg:worksFor ?o }} WHERE {{ VALUES ?p {{ {people} }} ?p kg:holdsRole/kg:roleIn ?o .
  ?o a ?k FILTER(?k IN (kg:Organization, kg:Country, kg:City)) }};
INSERT {{ ?p kg:nationality ?o }} WHERE {{ VALUES ?p {{ {people} }} ?p kg:holdsRole/kg:roleIn ?o . ?o a kg:Country }}
"""


def _slices(items: list[Triple], size: int) -> Iterable[list[Triple]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def _groups(requests: list[str], limit: int) -> Iterable[list[str]]:
    """Requests packed into groups whose joined size stays under the limit (a single oversized one alone)."""
    group: list[str] = []
    size = 0
    for request in (r for r in requests if r):
        length = len(request.encode()) + 2
        if group and size + length > limit:
            yield group
            group, size = [], 0
        group.append(request)
        size += length
    if group:
        yield group


def _slug(entity: URIRef | BNode | Literal | None) -> str:
    """An entity's slug, from its IRI (the registry's key)."""
    return str(entity)[len(str(ENT)) :]


def _values(nodes: Iterable[Term]) -> str:
    return " ".join(sorted(set(nodes)))


def _term(node: URIRef | BNode | Literal) -> Term:
    """An rdflib term (the ontology's) as N-Triples text."""
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal) and node.language is None and node.datatype is None:
        return text(str(node))
    return node.n3()
