"""A store folder: Oxigraph (RocksDB) in this process, opened in turn with the other kg processes.

The build writes through `update()` (SPARQL Update, which Oxigraph runs as one transaction) and, for the
bulk of a batch's triples, `bulk_insert()`; kg/build/strategy.py makes a crash in the middle of a batch
recoverable.

Sharing a folder between processes. Oxigraph lets one process at a time open a folder, and reading a folder
that another process writes is undefined behaviour, so kg never does that. Instead a `LocalStore` opens the
folder only while it works and `release()`s it in between; `kg query` opens it for one query. A process that
finds the folder taken waits for it (`wait` seconds) in a turnstile (kg/store/locking.py), telling the user
once through `on_wait`, with who holds it (a note in the folder, `locking.note_holder`). The build keeps
the folder between batches while nobody waits (closing it flushes RocksDB's write buffers, a quarter of a
second per batch; instead it flushes every `FLUSH_AFTER` bytes of updates) and lets go when somebody does
(`awaited()`): after the batch it is writing, or while it waits for the parser.

A folder this user may read but not write (another user's, a read-only mount) opens read-only when the
store is not to be created (`kg query`, `kg stats`, `kg export`): nobody can write it behind our back.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreError, StoreLocked
from ..files import write_error
from ..query.cancel import STORE_LOCK
from ..rdf.ontology import PREFIXES
from .locking import TURNSTILE, clear_holder, held_by_another, holder, note_holder, open_error, turn
from .native import NativeStore

__all__ = ["DEFAULT_STORE", "DEFAULT_WAIT", "FLUSH_AFTER", "LocalStore"]

DEFAULT_STORE = ".kg"
DEFAULT_WAIT = 120.0  # seconds a process waits for a folder another kg process is writing
_KEEP_LOGS = 3  # RocksDB keeps an info log per open; an open per batch would pile them up
# A store kept open through a long build flushes after this much update text: what RocksDB holds in
# memory and in its write-ahead log until a flush would otherwise grow with the build.
FLUSH_AFTER = 32 * 1024 * 1024


class LocalStore(NativeStore):
    """An Oxigraph store in a folder; `graph` is the rdflib view of its default graph.

    The folder is opened on first use and after `release()`, so other kg processes can use it in between.
    """

    kind = "Store folder"
    bulk_loading = True
    exclusive_folder = True

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
        self._read_only = f"'{path}' was opened read-only" if read_only else None
        self.wait = wait
        self.on_wait = on_wait
        if not path.exists() and (read_only or not create):
            raise StoreError(f"No store at '{path}'. Build one first: kg build [FILES] --store {path}")
        if path.exists() and not path.is_dir():
            raise StoreError(f"'{path}' is a file, not a store folder. Choose another --store.")
        self._create = create
        self._ox: ox.Store | None = None
        self._writing = False  # noted in the folder as writing (not only reading)
        self._told = False
        self._unflushed = 0  # bytes of update text since the last flush
        self._open()

    @property
    def read_only(self) -> str | None:
        return self._read_only

    # --- opening and letting go ---------------------------------------------------------------------------

    def _open(self) -> ox.Store:
        if self._ox is not None:
            return self._ox
        deadline = time.monotonic() + self.wait
        with turn(self.path, deadline, self._tell_waiting):
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

    def _tell_waiting(self) -> None:
        if self.on_wait is not None and not self._told:
            who = holder(self.path)
            busy = f"{who} has it open" if who else "another process has it open"
            self.on_wait(f"Store '{self.location}' is busy: {busy}; waiting…")
            self._told = True

    def _open_once(self) -> ox.Store:
        try:
            if self.read_only:
                return ox.Store.read_only(str(self.path))
            if not self._create and self.path.is_dir() and not os.access(self.path, os.W_OK):
                self._read_only = f"'{self.path}' is not writable by this user (opened read-only)"
                return ox.Store.read_only(str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            handle = ox.Store(str(self.path))
        except OSError as e:
            raise open_error(self.path, e) from e
        self._writing = False
        note_holder(self.path, "reading")
        return handle

    def _note_writing(self) -> None:
        if not self._writing:
            self._writing = True
            note_holder(self.path, "writing")

    def awaited(self) -> bool:
        """Whether another process waits for the folder (it holds the turnstile)."""
        return held_by_another(self.path / TURNSTILE)

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
            self._drop_view()
            self._ox = None
            self._unflushed = 0
            if not self.read_only:
                clear_holder(self.path)
            _prune_logs(self.path)

    def reopen(self) -> None:
        """A folder opened read-only is a snapshot: let it go, and the next use sees what was written since."""
        self.release()

    @property
    def oxigraph(self) -> ox.Store:
        return self._open()

    # --- writing -----------------------------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        store = self._open()
        if self.read_only:
            raise QueryError(f"Store '{self.location}' is read-only: {self.read_only}")
        try:
            self._note_writing()
            with STORE_LOCK:
                store.update(sparql, prefixes=PREFIXES)
            self._unflushed += len(sparql)
            if self._unflushed >= FLUSH_AFTER:
                store.flush()
                self._unflushed = 0
        except SyntaxError as e:
            raise QueryError(f"Invalid SPARQL update: {e}") from e
        except OSError as e:
            raise write_error(self.location, e, whole=False) from e

    def bulk_insert(self, ntriples: bytes) -> None:
        """Add N-Triples outside any transaction: Oxigraph writes them straight to new files, four times faster
        than an update. A crash may leave part of them, so the caller marks what it writes (see
        kg/build/strategy.py)."""
        try:
            store = self._open()
            self._note_writing()
            store.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES)
        except OSError as e:
            raise write_error(self.location, e, whole=False) from e

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        try:
            super().dump(path, fmt)
        except OSError as e:
            raise write_error(str(path), e) from e

    def optimize(self) -> None:
        """Compact the folder (RocksDB merges the files that the batches left): queries then read fewer files.
        About a second per 1,000 documents; worth it after a build that wrote a good share of the store."""
        try:
            self._open().optimize()
        except OSError as e:
            raise write_error(self.location, e, whole=False) from e

    def close(self) -> None:
        with contextlib.suppress(StoreError):
            self.release()


def _prune_logs(path: Path) -> None:
    logs = sorted(path.glob("LOG.old.*"), key=lambda p: p.name)
    for old in logs[:-_KEEP_LOGS]:
        with contextlib.suppress(OSError):
            old.unlink()
