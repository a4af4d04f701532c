"""What a store with its Oxigraph store in this process does the same way, folder (`local`) or RDF file read
into memory (`file`): queries in a thread or a forked child, plain values, dumps in any RDF format, and the
rdflib view of the default graph.

The rdflib view is oxrdflib's `OxigraphStore`, given the open pyoxigraph store (its `store=` argument): one view
per handle, closed when the handle goes, so that no view keeps a folder open after `release()`.
"""

from __future__ import annotations

import abc
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

from ..errors import QueryError, StoreError
from ..files import atomic_write
from ..query.cancel import STORE_LOCK, forked, in_thread
from ..query.result import QueryResult, solutions_result, triples_result
from ..rdf.ontology import PREFIXES
from .base import RDF_FORMATS, Store

__all__ = ["NativeStore", "rdflib_view"]


def rdflib_view(handle: ox.Store) -> Graph:
    """The default graph of an open pyoxigraph store as an rdflib Graph, with kg's prefixes bound."""
    graph = Graph(store=OxigraphStore(store=handle), identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


class NativeStore(Store):
    """A store whose pyoxigraph store lives in this process (`oxigraph`)."""

    in_process = True
    dump_formats = frozenset(RDF_FORMATS)
    _view: tuple[ox.Store, Graph] | None = None  # the rdflib view, and the handle it shows

    @property
    @abc.abstractmethod
    def oxigraph(self) -> ox.Store:
        """The open pyoxigraph store."""

    @property
    def graph(self) -> Graph:
        handle = self.oxigraph
        if self._view is None or self._view[0] is not handle:
            self._drop_view()
            self._view = (handle, rdflib_view(handle))
        return self._view[1]

    def _drop_view(self) -> None:
        """Close the rdflib view: a Graph kept somewhere no longer holds the pyoxigraph store."""
        if self._view is not None:
            self._view[1].close()
            self._view = None

    def query(self, sparql: str) -> Result:
        try:
            return self.graph.query(sparql)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(f"Store '{self.location}' could not be read: {e}") from e

    def evaluate(
        self, text: str, max_rows: int | None = None, cancellable: bool = True, timeout: float | None = None
    ) -> QueryResult:
        """Native Oxigraph: in a forked child if the store allows it (`forkable`), else in a thread (which a
        time limit leaves behind, as Ctrl-C does)."""
        native = self.oxigraph
        if cancellable and self.forkable and hasattr(os, "fork"):
            return forked(native, text, max_rows, timeout)

        def run() -> QueryResult:
            return _native_result(native, text, max_rows)

        return in_thread(run, timeout) if cancellable else run()

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        native = self.oxigraph
        with STORE_LOCK:
            try:
                solutions = native.query(sparql, prefixes=PREFIXES)
                if not isinstance(solutions, ox.QuerySolutions):
                    raise QueryError("values() takes a SELECT query.")
                return [tuple(None if t is None else t.value for t in s) for s in solutions]
            except SyntaxError as e:
                raise QueryError(str(e)) from e

    def triple_count(self) -> int:
        native = self.oxigraph
        with STORE_LOCK:
            return len(native)

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        """Write the default graph (through a temporary file: never half a file), with kg's prefixes in
        Turtle and TriG."""
        if fmt not in self.dump_formats:
            raise self._cannot_dump(fmt)
        name = RDF_FORMATS[fmt]
        options: dict[str, Any] = {"prefixes": PREFIXES} if fmt in {"turtle", "trig"} else {}
        native = self.oxigraph
        with STORE_LOCK, atomic_write(path) as handle:
            native.dump(handle, getattr(ox.RdfFormat, name), from_graph=ox.DefaultGraph(), **options)


def _native_result(native: ox.Store, text: str, max_rows: int | None) -> QueryResult:
    with STORE_LOCK:
        try:
            answer = native.query(text, prefixes=PREFIXES)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                return solutions_result(answer, max_rows)
            return triples_result(answer, max_rows)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(f"The store could not be read: {e}") from e
