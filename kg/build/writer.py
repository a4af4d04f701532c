"""Writing into the store: batches of documents, and the values derived from all sources.

`GraphWriter` coordinates. It keeps the entity registry (kg/resolve) in step with the store: loaded from
what the store holds (`stored`), grown by each batch it resolves. It maps each batch to triples
(kg/rdf/triples.py) and hands them to the store's write strategy (`strategies`), with the derived values of
the entities and facts the batch touches (kg/rdf/derived.py): the deletes of the old values and the values
anew, which the strategy writes in the batch's closing transaction. The update texts are in
kg/rdf/updates.py.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from ..extract.extraction import Extraction
from ..rdf.derived import best_confidences, entity_triples, fact_triples
from ..rdf.ontology import sparql_prologue
from ..rdf.terms import ENT, K, Triple, as_iri, text
from ..rdf.triples import DocumentTriples, document_iri, document_triples
from ..rdf.updates import (
    CLEAR_PENDING,
    COLLECT_ORPHANS,
    ENTITY_DERIVED,
    FACT_DERIVED,
    PERSON_DERIVED,
    REFRESH_ROLES,
    REMOVE_DOCUMENTS,
    UNSETTLED,
    delete_entity_values,
    delete_values,
    insert_data,
    ontology_marker,
    replace_ontology,
    values_block,
)
from ..resolve.resolver import Registry, Resolver
from ..store.base import Store
from .reconcile import reconcile
from .stored import FactSources, known_hashes, load_registry, pending_documents, touched_by
from .strategies import WriteStrategy, strategy_for

__all__ = ["BatchResult", "GraphWriter"]


@dataclass(frozen=True, slots=True)
class BatchResult:
    documents: int
    entities: int
    facts: int
    triples: int


class GraphWriter:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.registry = Registry()
        self.resolver = Resolver(self.registry)
        self._sources = FactSources(store)
        self.strategy: WriteStrategy = strategy_for(store, self._derived_values)
        self.unsettled = False  # written since the store's entities were last resolved as a whole

    # --- start-up -------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load the ontology (once per version) and the entity registry from the store; first remove the
        documents of a batch whose write was cut off (its markers are still there)."""
        if not self.store.select(f"SELECT (1 AS ?x) WHERE {{ {' '.join(ontology_marker())} }}"):
            self.store.update(replace_ontology())
        self.unsettled = bool(self.store.select(f"SELECT (1 AS ?x) WHERE {{ {' '.join(UNSETTLED)} }}"))
        if not self.remove_pending():
            self._use(load_registry(self.store))

    def remove_pending(self) -> int:
        """Remove the documents of a batch whose write was cut off (its markers name them); how many."""
        pending = pending_documents(self.store)
        if pending:
            self.remove_documents(pending)
            self.store.update(CLEAR_PENDING)
        return len(pending)

    def _use(self, registry: Registry) -> None:
        self.registry = registry
        self.resolver = Resolver(registry)

    def known_hashes(self) -> dict[str, set[str]]:
        """Content hash -> source file names, for every document in the store."""
        return known_hashes(self.store)

    def add_source_name(self, sha256: str, source: str) -> None:
        self.flush()
        self.store.update(insert_data([(document_iri(sha256), K.sourceFile, text(source))]))

    # --- writing -----------------------------------------------------------------------------------------

    def write_batch(self, batch: list[Extraction]) -> BatchResult:
        """Resolve a batch against the registry and write it (a store folder's strategy may hold it a while)."""
        self._unsettle()
        mapping, touched = self.resolver.resolve([ex.entities for ex in batch])
        parts: list[DocumentTriples] = []
        for d, ex in enumerate(batch):
            parts.append(document_triples(ex, functools.partial(_slug, mapping, d), self._kind))
        facts = len({f for p in parts for f in (*p.facts, *p.roles)})
        result = BatchResult(len(batch), len(touched), facts, sum(len(p.triples) for p in parts))
        self.strategy.write(parts, touched)
        return result

    def write_as_they_come(self) -> None:
        """From now on, hold nothing: the input has ended, and what is left to write should be written now."""
        self.strategy.write_as_they_come()

    def flush(self) -> None:
        """Write the batches the strategy holds."""
        self.strategy.flush()

    def settle(self) -> None:
        """Once the batches are written: resolve the store's entities as a whole, so that the graph is the same
        whatever order its documents came in (kg/build/reconcile.py)."""
        if not self.unsettled:
            return
        self.flush()
        self._use(reconcile(self.store))
        self._sources.clear()
        self.unsettled = False

    def _unsettle(self) -> None:
        if not self.unsettled:
            self.store.update(insert_data([UNSETTLED]))
            self.unsettled = True

    def _kind(self, slug: str) -> str:
        return self.registry.entities[slug].kind

    def _derived_values(self, parts: list[DocumentTriples], touched: set[str]) -> tuple[list[str], list[Triple]]:
        """Deletes of the derived values of the entities and facts these documents touch, and the values anew."""
        facts = self._sources.add(best_confidences(parts))
        deletes = delete_entity_values(ENT[s] for s in touched) + delete_values(facts, FACT_DERIVED)
        return deletes, entity_triples(self.resolver, touched) + fact_triples(facts)

    # --- removing documents (a changed file replaces its old version) -------------------------------------

    def remove_documents(self, docs: Iterable[str]) -> None:
        """Remove documents (their IRIs, or IRI terms) and all they alone supported; refresh the counts of what
        they touched."""
        self.flush()
        self._unsettle()
        prologue = sparql_prologue()
        docs_block = values_block(as_iri(d) for d in docs)
        slugs, facts = touched_by(self.store, docs_block)
        self.store.update(prologue + REMOVE_DOCUMENTS.format(docs=docs_block))
        if facts:
            self.store.update(prologue + COLLECT_ORPHANS.format(facts=values_block(facts)))
        self._use(load_registry(self.store))
        gone = {s for s in slugs if s not in self.registry.entities}
        kept = slugs - gone
        updates = delete_values((ENT[s] for s in gone), [*ENTITY_DERIVED, *PERSON_DERIVED, K.holdsRole])
        updates += delete_entity_values(ENT[s] for s in kept)
        updates.append(insert_data(entity_triples(self.resolver, kept)))
        if kept:
            updates.append(REFRESH_ROLES.format(people=values_block(ENT[s] for s in kept)))
        self._sources.clear()
        remaining = self._sources.stored(facts)
        updates += delete_values(remaining, FACT_DERIVED)
        updates.append(insert_data(fact_triples({f: c for f, c in remaining.items() if c})))
        self.store.update(prologue + ";\n".join(u for u in updates if u))


def _slug(mapping: dict[tuple[int, int], str], document: int, local: int) -> str:
    """The registry's slug for a document's local entity."""
    return mapping[(document, local)]
