"""How a batch gets into the store, chosen from what the store declares (`Store.bulk_loading`).

Either way the store holds whole documents and consistent counts, even after a crash in the middle of a write:

* `BulkLoads`, a store folder: a batch's triples go in by bulk load, four times faster than a transaction but
  not atomic, so markers naming the documents go in first, in a small transaction, and leave in the closing
  one, which also writes the derived values. The batches come a few at a time (`HOLD_TRIPLES`): each bulk load
  leaves new files that RocksDB merges with the whole store in the background, and loads that come back to
  back are merged in one go. Held batches are bytes of N-Triples, a tenth of the memory of the extractions
  they came from; a process waiting to read the store, or the end of the input, has them written at once.
* `UpdateRequests`, any other store (an endpoint): one SPARQL Update per batch, one transaction; a batch over
  the store's `max_update_bytes` is split at document boundaries, between markers.

A build that finds markers removes the documents they name before it starts (`GraphWriter.prepare`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..rdf.terms import Triple
from ..rdf.triples import DocumentTriples
from ..rdf.updates import delete_data, insert_data, markers, ntriples
from ..store.base import Store

__all__ = ["HOLD_TRIPLES", "BulkLoads", "Derive", "UpdateRequests", "WriteStrategy", "strategy_for"]

# Triples a store folder's writer holds before it loads them: a few batches of 256 documents (~180,000 triples
# and 25 MB each). Building 3,000 documents, RocksDB's merging then took 7.7 s of CPU rather than 10.2.
HOLD_TRIPLES = 500_000

# The derived values of what some documents touch: the deletes of the old values, and the values anew.
Derive = Callable[[list[DocumentTriples], set[str]], tuple[list[str], list[Triple]]]


class WriteStrategy(Protocol):
    def write(self, parts: list[DocumentTriples], touched: set[str]) -> None:
        """Write (or hold) a resolved batch: its documents' triples, and the entities it touched (slugs)."""

    def flush(self) -> None:
        """Write what is held."""

    def write_as_they_come(self) -> None:
        """From now on, hold nothing: the input has ended, and what is left to write should be written now."""


def strategy_for(store: Store, derive: Derive) -> WriteStrategy:
    return BulkLoads(store, derive) if store.bulk_loading else UpdateRequests(store, derive)


@dataclass(slots=True)
class _Held:
    """Batches resolved and turned into triples that the store does not hold yet (see `BulkLoads.flush`)."""

    loads: list[bytes] = field(default_factory=list)  # N-Triples, one bulk load per batch
    parts: list[DocumentTriples] = field(default_factory=list)  # their documents, facts and roles (no triples)
    touched: set[str] = field(default_factory=set)  # slugs of the entities they touched
    triples: int = 0


class BulkLoads:
    """A store that bulk-loads: batches held, then markers, one bulk load per batch, and a closing transaction."""

    def __init__(self, store: Store, derive: Derive) -> None:
        self.store = store
        self.derive = derive
        self.hold_triples = HOLD_TRIPLES  # 0: every batch written at once
        self._held = _Held()

    def write(self, parts: list[DocumentTriples], touched: set[str]) -> None:
        triples = sum(len(p.triples) for p in parts)
        self._held.loads.append(ntriples(t for part in parts for t in part.triples).encode())
        for part in parts:
            part.triples = []
        self._held.parts += parts
        self._held.touched |= touched
        self._held.triples += triples
        if self._held.triples >= self.hold_triples:
            self.flush()

    def write_as_they_come(self) -> None:
        self.hold_triples = 0
        self.flush()

    def flush(self) -> None:
        """Markers naming the held batches' documents, one bulk load per batch, then one transaction that writes
        the derived values of all they touched and removes the markers."""
        held, self._held = self._held, _Held()
        if not held.parts:
            return
        deletes, derived = self.derive(held.parts, held.touched)
        marks = markers(held.parts)
        self.store.update(insert_data(marks))
        for load in held.loads:
            self.store.bulk_insert(load)
        self.store.update(";\n".join(r for r in [*deletes, insert_data(derived), delete_data(marks)] if r))


class UpdateRequests:
    """A store written with SPARQL Update only: each batch at once, as one request unless it exceeds the size
    limit. Holds nothing, so `flush` and `write_as_they_come` have nothing to do."""

    def __init__(self, store: Store, derive: Derive) -> None:
        self.store = store
        self.derive = derive

    def write(self, parts: list[DocumentTriples], touched: set[str]) -> None:
        deletes, derived = self.derive(parts, touched)
        request = ";\n".join([*deletes, insert_data([t for part in parts for t in part.triples] + derived)])
        limit = self.store.max_update_bytes
        if limit is None or len(request) <= limit // 4 or len(request.encode()) <= limit:
            self.store.update(request)
        else:
            self._write_split(parts, deletes, derived, limit)

    def flush(self) -> None:
        pass

    def write_as_they_come(self) -> None:
        pass

    def _write_split(self, parts: list[DocumentTriples], deletes: list[str], derived: list[Triple], limit: int) -> None:
        """A batch over the endpoint's size limit, in several requests, each holding whole documents.

        Order: markers naming the batch's documents; the documents, as many whole ones per request as fit;
        the derived values; then the markers go. Cut off anywhere, the store holds whole documents only, and
        the next build removes the marked ones (refreshing the counts they touched) before it starts.
        """
        marks = markers(parts)
        self.store.update(insert_data(marks))
        for group in _groups([insert_data(part.triples) for part in parts], limit):
            self.store.update(";\n".join(group))
        for group in _groups([*deletes, *(insert_data(c) for c in _slices(derived, 5000))], limit):
            self.store.update(";\n".join(group))
        self.store.update(delete_data(marks))


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
