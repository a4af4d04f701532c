"""The shell's engine: runs a backslash command or SPARQL, and keeps the session's state.

It owns the store, the settings, the last results (for `\\export`) and the completion metadata, which
a background thread reloads after anything that changes the graph (`refresh`).
"""

from __future__ import annotations

import gc
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import KGError
from ..query.run import QueryPolicy, QueryResult, run_query, strip_terminator
from ..store.base import Store
from .buffer import is_command
from .config import Settings
from .metadata import Metadata, load_metadata
from .special import EditQuery, Output, execute
from .vocabulary import unknown_note

__all__ = ["Executor"]

_USED_NAMES = re.compile(r"(?<![\w?$])(?:[A-Za-z][\w-]*:[\w.-]*\w|[A-Z]{2,}(?: BY)?)")


class Executor:
    """Runs what the user typed; `run(text)` yields the outputs to show."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.metadata = Metadata()
        self.usage: Counter[str] = Counter()
        self.listeners: list[Callable[[], None]] = []
        self.last_query = ""
        self.last_graph: QueryResult | None = None  # the last CONSTRUCT or DESCRIBE result
        self.output_path: Path | None = None  # \o FILE
        self.auto_vertical = False  # \x auto: tables too wide for the terminal show as vertical records
        self._loaded = threading.Event()
        self._running = False
        self._again = False
        self._lock = threading.Lock()
        self.refresh_error: str | None = None

    @property
    def location(self) -> str:
        return self.store.location

    @property
    def read_only(self) -> str | None:
        """Why the store cannot be written, or None."""
        return self.store.read_only

    # --- running ------------------------------------------------------------------------------------------

    def run(self, text: str) -> Iterator[Output]:
        text = text.strip()
        if not text:
            return
        if text.endswith("\\e") and not text.startswith("\\"):
            raise EditQuery(self.edit(text[:-2]))
        if is_command(text):
            yield from execute(self, text)
            return
        yield self.sparql(text)

    def sparql(self, text: str) -> Output:
        text = strip_terminator(text)
        result = self.query(text)
        self.last_query = text
        self.note_usage(text)
        if result.kind == "UPDATE":
            self.refresh()
        elif result.graph is not None:
            self.last_graph = result
        notes = [self.unknown_note(text, result), self.empty_note(result)]
        return Output(result=result, note="\n".join(n for n in notes if n) or None)

    def unknown_note(self, text: str, result: QueryResult) -> str | None:
        """Name the classes and properties the query uses that nothing has; an empty answer waits for the
        names to load (a script has not loaded them yet) rather than stay unexplained."""
        meta = self.metadata
        if not meta.loaded and (_nothing(result) or result.boolean is False):
            if not unknown_note(text, Metadata(loaded=True)):  # the ontology and the vocabularies know them all
                return None
            try:
                meta = self.wait_metadata()
            except KGError:
                return None
        return unknown_note(text, meta)

    def query(self, text: str, *, limit: bool = True) -> QueryResult:
        """Run SPARQL with the session's row limit; Ctrl-C cancels it."""
        if self.read_only and _is_update(text):
            raise KGError(f"The store is read-only: {self.read_only}")
        settings = self.settings
        rows = settings.row_limit if limit and settings.row_limit else None
        policy = QueryPolicy(settings.update, settings.service, settings.timeout or None)
        return run_query(self.store, text, max_rows=rows, policy=policy)

    def empty_note(self, result: QueryResult) -> str | None:
        """On an empty answer from an empty store, say so and how to fill it."""
        if not _nothing(result) or not self.store_is_empty():
            return None
        return (
            f"The store '{self.location}' is empty. Build articles into it with \\load FILES "
            f"(or from a terminal: kg build FILES --store {self.location})."
        )

    def store_is_empty(self) -> bool:
        if self._loaded.is_set():
            return self.metadata.empty
        from ..query.stats import store_is_empty

        return store_is_empty(self.store)

    def edit(self, text: str) -> str:
        """Open the text (or the last query) in $EDITOR; returns the edited text."""
        import click

        try:
            edited = click.edit(text.strip() or self.last_query, extension=".rq", require_save=False)
        except click.ClickException as e:  # no editor found, or it failed
            raise KGError(f"{e.format_message()} Set $EDITOR to the editor you use.") from None
        return (edited or "").rstrip()

    # --- completion metadata ------------------------------------------------------------------------------

    def note_usage(self, text: str) -> None:
        """Count the names and keywords a query uses, to rank completions the way this user writes."""
        self.usage.update(_USED_NAMES.findall(text))
        self.metadata.usage = self.usage

    def learn_from_history(self, entries: Iterable[str]) -> None:
        for entry in entries:
            self.usage.update(_USED_NAMES.findall(entry))
        self.metadata.usage = self.usage

    @property
    def refreshing(self) -> bool:
        return self._running

    def refresh(self) -> None:
        """Reload the metadata in a background thread (once more if asked while it runs)."""
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._load, name="kg-refresh", daemon=True).start()

    def _load(self) -> None:
        while True:
            try:
                meta = load_metadata(self.store)
                meta.usage = self.usage
                meta.index  # noqa: B018 - build the name index here, not on the first keystroke
                gc.unfreeze()  # what the last refresh froze may be garbage now
                gc.collect()
                gc.freeze()  # the metadata has no cycles: keep later collections from scanning it
                self.metadata = meta
                self.refresh_error = None
            except Exception as e:  # the shell works without completions; say why in the toolbar
                self.refresh_error = f"{type(e).__name__}: {e}"
            self._loaded.set()
            with self._lock:
                if not self._again:
                    self._running = False
                    break
                self._again = False
        for listener in self.listeners:
            listener()

    def wait_metadata(self) -> Metadata:
        """The metadata, loading it first if needed (Ctrl-C interrupts the wait)."""
        if not self._loaded.is_set() and not self.refreshing:
            self.refresh()
        started = time.monotonic()
        while not self._loaded.wait(0.05):
            if time.monotonic() - started > 600:
                raise KGError("Loading the entity names took too long; try \\refresh.")
        if self.refresh_error and not self.metadata.loaded:
            raise KGError(f"Could not read the entity names from the store: {self.refresh_error}")
        return self.metadata


def _nothing(result: QueryResult) -> bool:
    return (result.kind == "SELECT" and not result.rows) or (result.graph is not None and not len(result.graph))


def _is_update(text: str) -> bool:
    from ..query.run import query_kind

    return query_kind(text) == "UPDATE"
