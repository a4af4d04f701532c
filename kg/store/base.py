"""The one interface of every store, with what each kind declares it can do.

A store declares its capabilities in class attributes, as rdflib's `Store` declares `context_aware` and
`transaction_aware`; callers test them, or just call. Every optional operation is here: a store that cannot
do it raises a `StoreError` saying so, or does nothing where nothing is the right meaning (`release()` of a
store that holds nothing).

| store | bulk_loading | exclusive_folder | in_process | forkable | dump_formats | max_update_bytes |
|---|---|---|---|---|---|---|
| `LocalStore`, a folder | yes | yes | yes | no | all | None |
| `FileStore`, an RDF file in memory | no | no | yes | yes | all | None |
| `WorkerStore`, a folder in a worker process | no | no | no | no | all | None |
| `RemoteStore`, a SPARQL endpoint | no | no | no | no | turtle, ntriples | 16 MiB |

`remote_engine` is true of `RemoteStore` alone: its queries run on the server, so a SERVICE clause makes
the server fetch, not this machine (kg/query/guard.py allows it there).

`read_only` says why a store cannot be written, or is None: a file always has a reason; a folder has one when
opened read-only, or when its worker found another process writing it.

Imports nothing but the standard library and `kg.errors`: the worker process (kg/store/worker.py) defines its
client on this base and must start fast.
"""

from __future__ import annotations

import abc
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..errors import StoreError

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.query import Result
    from rdflib.term import Node

    from ..query.result import QueryResult

__all__ = ["RDF_FORMATS", "Store"]

# The formats a dump can take, by name, with the pyoxigraph `RdfFormat` of each (its name: nothing imported).
RDF_FORMATS = {
    "turtle": "TURTLE",
    "ntriples": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "rdfxml": "RDF_XML",
    "jsonld": "JSON_LD",
}


class Store(abc.ABC):
    """Where the graph lives: its default graph, read with SPARQL, written with SPARQL Update."""

    kind: ClassVar[str] = "Store"  # what messages call it: "Store folder", "SPARQL endpoint", …

    # --- declared capabilities ---------------------------------------------------------------------------
    # `bulk_insert()` adds N-Triples outside any transaction (four times faster than an update, not atomic).
    bulk_loading: ClassVar[bool] = False
    # A folder this process opens itself and one process at a time may hold: `release()` lets it go between
    # batches, `awaited()` says whether another kg process waits for it, `optimize()` compacts it.
    exclusive_folder: ClassVar[bool] = False
    # An Oxigraph store in this process (`oxigraph`): it queries and dumps without holding Python's lock.
    in_process: ClassVar[bool] = False
    # In memory without background threads: a forked child can run a query that Ctrl-C then kills.
    forkable: ClassVar[bool] = False
    # The query engine runs on another machine: SERVICE and LOAD fetch from there, not from here.
    remote_engine: ClassVar[bool] = False
    # The formats `dump()` writes (keys of RDF_FORMATS).
    dump_formats: ClassVar[frozenset[str]] = frozenset()
    # The largest update request it takes, in bytes; None: any size.
    max_update_bytes: int | None = None

    location: str  # the folder, file or URL, as the user gave it (without credentials)

    @property
    def read_only(self) -> str | None:
        """Why the store cannot be written (opened read-only, a file, another process writes it); None when
        it can."""
        return None

    # --- every store -------------------------------------------------------------------------------------

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (kg's prefixes predeclared), as one transaction."""

    @abc.abstractmethod
    def triple_count(self) -> int:
        """Triples in the default graph."""

    @abc.abstractmethod
    def close(self) -> None:
        """Let go of everything the store holds; it is not used again."""

    def query(self, sparql: str) -> Result:
        """Run a query; rdflib's result."""
        raise StoreError(
            f"{self.kind} '{self.location}' gives no rdflib results; use evaluate(), select() or values()."
        )

    def select(self, sparql: str) -> list[tuple[Node | None, ...]]:
        """A SELECT's rows of rdflib terms."""
        return [tuple(row) for row in self.query(sparql)]  # type: ignore[arg-type]

    def evaluate(
        self, text: str, max_rows: int | None = None, cancellable: bool = True, timeout: float | None = None
    ) -> QueryResult:
        """Run a query that somebody waits for: at most `max_rows` rows (the result says if there were more);
        with `cancellable`, Ctrl-C (KeyboardInterrupt) stops the wait at once; after `timeout` seconds a
        `QueryTimeout` does.

        Here through `query()`, in a thread that Ctrl-C leaves behind; a store that can do better does."""
        from ..query.cancel import in_thread
        from ..query.result import rdflib_result

        def run() -> QueryResult:
            return rdflib_result(self.query(text), max_rows)

        return in_thread(run, timeout) if cancellable else run()

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT's values as plain strings (IRIs and literals alike), for metadata; not cancellable."""
        return [tuple(None if v is None else str(v) for v in row) for row in self.select(sparql)]

    @property
    def graph(self) -> Graph:
        """The default graph as an rdflib Graph."""
        raise StoreError(f"{self.kind} '{self.location}' has no rdflib view; query it with SPARQL.")

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        """Write the default graph to `path` in one of `dump_formats`, whole or not at all."""
        raise self._cannot_dump(fmt)

    def _cannot_dump(self, fmt: str) -> StoreError:
        known = ", ".join(sorted(self.dump_formats)) or "none"
        return StoreError(f"{self.kind} '{self.location}' cannot write its graph as {fmt}. It writes: {known}.")

    # --- optional: see the capabilities ------------------------------------------------------------------

    def bulk_insert(self, ntriples: bytes) -> None:
        """Add N-Triples outside any transaction (`bulk_loading`)."""
        raise StoreError(f"{self.kind} '{self.location}' cannot bulk-load triples; write them with update().")

    def release(self) -> None:  # noqa: B027 - doing nothing is the meaning here
        """Let other processes at the store until its next use (`exclusive_folder`). Nothing to do here: this
        store holds nothing that another process waits for."""

    def awaited(self) -> bool:
        """Whether another process waits for the store (`exclusive_folder`). Never, here: none has to."""
        return False

    def optimize(self) -> None:
        """Compact the store's files (`exclusive_folder`)."""
        raise StoreError(f"{self.kind} '{self.location}' cannot be compacted: only a store folder can.")

    def reopen(self) -> None:  # noqa: B027 - doing nothing is the meaning here
        """Look again at what other processes wrote since the store was opened read-only. Nothing to do here:
        this store shows their writes as they land (or, a file, has no other writer)."""

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store in this process (`in_process`)."""
        raise StoreError(f"{self.kind} '{self.location}' has no Oxigraph store in this process.")
