"""The persistent store: an Oxigraph folder used through rdflib (oxrdflib), or a remote SPARQL endpoint.

The build writes through `update()` (SPARQL Update, which Oxigraph runs as one transaction) and, for the
bulk of a batch's triples, `bulk_insert()`; `kg.graph` makes a crash in the middle of a batch recoverable.
Against any SPARQL 1.1 endpoint (see `kg.remote`) every batch is SPARQL Update requests.

Sharing a folder between processes. Oxigraph (RocksDB) lets one process at a time open a folder, and reading
a folder that another process writes is undefined behaviour, so kg never does that. Instead a `LocalStore`
opens the folder only while it works and `release()`s it in between; `kg query` opens it for one query. A
process that finds the folder taken waits for it (`wait` seconds) in a turnstile, telling the user once through
`on_wait`. The build keeps the folder between batches while nobody waits (closing it flushes RocksDB's
write buffers, a quarter of a second per batch; instead it flushes every `FLUSH_AFTER` bytes of updates) and
lets go when somebody does (`awaited()`): after the batch it is writing, or while it waits for the
parser. Two builds into one folder are refused by `build_lock()`, a lock file held for the
whole build.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError, StoreError, StoreLocked
from ..files import atomic_write, write_error
from ..rdf.ontology import PREFIXES

__all__ = [
    "DEFAULT_STORE",
    "DEFAULT_WAIT",
    "LocalStore",
    "Store",
    "build_lock",
    "is_remote",
    "open_store",
]

DEFAULT_STORE = ".kg"
DEFAULT_WAIT = 120.0  # seconds a process waits for a folder another kg process is writing
BUILD_LOCK = "kg-build.lock"  # inside the store folder; RocksDB ignores files it does not own
TURNSTILE = "kg-open.lock"
_KEEP_LOGS = 3  # RocksDB keeps an info log per open; an open per batch would pile them up
# A store kept open through a long build flushes after this much update text: what RocksDB holds in
# memory and in its write-ahead log until a flush would otherwise grow with the build.
FLUSH_AFTER = 32 * 1024 * 1024


class Store(Protocol):
    location: str

    @property
    def graph(self) -> Graph: ...

    def query(self, sparql: str) -> Result: ...

    def select(self, sparql: str) -> list[tuple[Node | None, ...]]: ...

    def update(self, sparql: str) -> None: ...

    def triple_count(self) -> int: ...

    def dump(self, path: Path, fmt: str = "turtle") -> None: ...

    def release(self) -> None: ...

    def close(self) -> None: ...


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


class LocalStore:
    """An Oxigraph store in a folder; `graph` is the rdflib view of its default graph.

    The folder is opened on first use and after `release()`, so other kg processes can use it in between.
    """

    max_update_bytes: int | None = None  # Oxigraph takes any size in one transaction

    def __init__(
        self,
        location: str | os.PathLike[str],
        read_only: bool = False,
        create: bool = True,
        wait: float = 0.0,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        path = Path(location)
        self.location = str(path)
        self.path = path
        self.read_only = read_only
        self.wait = wait
        self.on_wait = on_wait
        if not path.exists() and (read_only or not create):
            raise StoreError(f"No store at '{path}'. Build one first: kg build [FILES] --store {path}")
        if path.exists() and not path.is_dir():
            raise StoreError(f"'{path}' is a file, not a store folder. Choose another --store.")
        self._ox: ox.Store | None = None
        self._graph: Graph | None = None
        self._told = False
        self._unflushed = 0  # bytes of update text since the last flush
        self._open()

    # --- opening and letting go ---------------------------------------------------------------------------

    def _open(self) -> ox.Store:
        if self._ox is not None:
            return self._ox
        deadline = time.monotonic() + self.wait
        with self._turn(deadline):
            delay = 0.02
            collected = False
            while True:
                try:
                    self._ox = self._open_once()
                    return self._ox
                except StoreLocked as e:
                    if not collected:
                        # This process may hold it: an earlier handle kept alive only by a reference cycle
                        # (an exception's traceback) lets the folder go when the cycle is collected.
                        collected = True
                        gc.collect()
                        continue
                    if time.monotonic() >= deadline:
                        raise StoreLocked(f"{e} (waited {self.wait:.0f} s)" if self.wait else str(e)) from e
                    self._tell_waiting()
                    time.sleep(delay)
                    delay = min(delay * 1.5, 0.1)

    @contextlib.contextmanager
    def _turn(self, deadline: float) -> Iterator[None]:
        """Take turns: a process holds the turnstile from when it starts waiting for the folder until it has
        it open, so the next process to get the folder is the one that has waited longest (a build between
        two batches is never starved by a client that queries in a loop)."""
        try:
            handle = open(self.path / TURNSTILE, "a")  # noqa: SIM115 - closed below
        except OSError:  # a folder we may not write (a read-only copy): no turns to take
            yield
            return
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise _open_error(self.path, BlockingIOError(errno.EAGAIN, "lock hold by")) from None
                    self._tell_waiting()
                    time.sleep(0.01)
            yield
        finally:
            handle.close()  # releases the turnstile

    def _tell_waiting(self) -> None:
        if self.on_wait is not None and not self._told:
            self.on_wait(f"Store '{self.location}' is busy (another kg process is writing); waiting…")
            self._told = True

    def _open_once(self) -> ox.Store:
        try:
            if self.read_only:
                return ox.Store.read_only(str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as e:
            raise _open_error(self.path, e) from e

    def awaited(self) -> bool:
        """Whether another process waits for the folder (it holds the turnstile)."""
        return _held_by_another(self.path / TURNSTILE)

    def release(self) -> None:
        """Flush and close the folder so that other processes can open it; the next use reopens it."""
        if self._ox is None:
            return
        try:
            if not self.read_only:  # a read-only store has nothing to flush (pyoxigraph raises RuntimeError)
                self._ox.flush()
        except OSError as e:
            raise write_error(self.location, e) from e
        finally:
            if self._graph is not None:
                self._graph.store._store = None
            self._ox = None
            self._unflushed = 0
            _prune_logs(self.path)

    @property
    def graph(self) -> Graph:
        handle = self._open()
        if self._graph is None:
            self._graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
            for prefix, ns in PREFIXES.items():
                self._graph.bind(prefix, ns, override=True)
        self._graph.store._store = handle  # share the open Oxigraph handle with rdflib
        return self._graph

    @property
    def oxigraph(self) -> ox.Store:
        return self._open()

    # --- reading and writing -----------------------------------------------------------------------------

    def query(self, sparql: str) -> Result:
        try:
            return self.graph.query(sparql)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(f"Store '{self.location}' could not be read: {e}") from e

    def select(self, sparql: str) -> list[tuple[Node | None, ...]]:
        return [tuple(row) for row in self.query(sparql)]  # type: ignore[arg-type]

    def update(self, sparql: str) -> None:
        try:
            store = self._open()
            store.update(sparql)
            self._unflushed += len(sparql)
            if self._unflushed >= FLUSH_AFTER:
                store.flush()
                self._unflushed = 0
        except SyntaxError as e:
            raise QueryError(f"Invalid SPARQL update: {e}") from e
        except OSError as e:
            raise write_error(self.location, e) from e

    def bulk_insert(self, ntriples: bytes) -> None:
        """Add N-Triples outside any transaction: Oxigraph writes them straight to new files, four times faster
        than an update. A crash may leave part of them, so the caller marks what it writes (see `kg.graph`)."""
        try:
            self._open().bulk_load(ntriples, ox.RdfFormat.N_TRIPLES)
        except OSError as e:
            raise write_error(self.location, e) from e

    def triple_count(self) -> int:
        return len(self._open())

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
        try:
            with atomic_write(path) as handle:
                self._open().dump(handle, formats[fmt], from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        except OSError as e:
            raise write_error(str(path), e) from e

    def flush(self) -> None:
        self._open().flush()

    def optimize(self) -> None:
        """Compact the folder (RocksDB merges the files that the batches left): queries then read fewer files.
        About a second per 1,000 documents; worth it after a build that wrote a good share of the store."""
        try:
            self._open().optimize()
        except OSError as e:
            raise write_error(self.location, e) from e

    def close(self) -> None:
        with contextlib.suppress(StoreError):
            self.release()


def _held_by_another(lock_file: Path) -> bool:
    try:
        with open(lock_file, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # let go when the file closes
    except BlockingIOError:
        return True
    except OSError:  # no turnstile in a folder we may not write: nobody can wait in it
        return False
    return False


def _prune_logs(path: Path) -> None:
    logs = sorted(path.glob("LOG.old.*"), key=lambda p: p.name)
    for old in logs[:-_KEEP_LOGS]:
        with contextlib.suppress(OSError):
            old.unlink()


def _open_error(path: Path, error: OSError) -> StoreError:
    text = str(error)
    lowered = text.lower()
    if isinstance(error, PermissionError) or "permission denied" in lowered:
        return StoreError(f"Permission denied opening store '{path}'. Choose a folder you can write to with --store.")
    if any(sign in lowered for sign in _LOCK_SIGNS):
        return StoreLocked(
            f"Store '{path}' is in use by another process (it holds the store's lock). "
            "Wait for it to finish, or use another --store."
        )
    if getattr(error, "errno", None) == errno.ENOSPC or "no space left" in lowered:
        return StoreError(f"No space left on the device holding store '{path}'. Free some space, then run again.")
    return StoreError(f"Store '{path}' could not be opened: {text}")


# How RocksDB says that another process (or this one) holds the folder.
_LOCK_SIGNS = ("while lock file", "lock hold by", "resource temporarily unavailable", "no locks available")


@contextlib.contextmanager
def build_lock(store: Store) -> Iterator[None]:
    """Hold the store's build lock for a whole build, so that two builds never interleave their batches.

    Local folders only (the lock is a file in the folder, released by the OS even on SIGKILL); a remote
    endpoint has no such lock: do not point two builds at one endpoint at once.
    """
    if not isinstance(store, LocalStore) or store.read_only:
        yield
        return
    lock_path = store.path / BUILD_LOCK
    try:
        handle = open(lock_path, "a+")  # noqa: SIM115 - held open for the duration of the build
    except OSError as e:
        raise _open_error(store.path, e) from e
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            pid = handle.read().strip() or "?"
            raise StoreLocked(
                f"Store '{store.location}' is being built by another kg process (pid {pid}). "
                "Wait for it to finish, or build into another --store."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_store(
    location: str | os.PathLike[str] | None = None,
    read_only: bool = False,
    create: bool = True,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> Store:
    """Open the store at a folder (created on demand unless read_only) or a SPARQL endpoint URL.

    `wait`: seconds to wait for a folder that another kg process holds (a build writing a batch).
    """
    location = str(location or DEFAULT_STORE)
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore(location)
    return LocalStore(location, read_only=read_only, create=create, wait=wait, on_wait=on_wait)


def literal_values(rows: list[tuple[Node | None, ...]]) -> Iterator[tuple]:
    """Plain Python values of result rows (str for IRIs, Python values for literals)."""
    for row in rows:
        yield tuple(v.toPython() if isinstance(v, Literal) else str(v) if isinstance(v, URIRef) else v for v in row)
