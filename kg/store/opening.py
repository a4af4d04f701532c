"""Opening what `--store` names: a store folder (served by a worker process, see worker.py), an RDF file
(read into memory, read-only), or a SPARQL endpoint URL.

A folder that another process holds open for writing (a running `kg build`, another shell) opens read-only,
with a warning, rather than not at all.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..files import atomic_write
from ..query.run import STORE_LOCK
from ..rdf.ontology import PREFIXES
from .local import Store, is_remote, open_store
from .worker import WorkerStore

__all__ = ["FileStore", "open_for_shell"]

_RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".rdf", ".owl", ".xml", ".jsonld", ".n3"}


class FileStore:
    """An RDF file loaded into an in-memory Oxigraph store; the same interface as LocalStore, read-only."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.location = str(path)
        self.read_only = f"'{path}' is a file, opened read-only in memory"
        self.forkable = True  # in memory, no background threads: a forked child can query it safely
        suffix = Path(path).suffix.lower()
        fmt = ox.RdfFormat.RDF_XML if suffix in {".owl", ".xml"} else ox.RdfFormat.from_extension(suffix[1:])
        if fmt is None:
            raise StoreError(f"Cannot tell the RDF format of '{path}' from its name.")
        self._ox = ox.Store()
        try:
            self._ox.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())
        except SyntaxError as e:
            raise StoreError(f"'{path}' is not valid {fmt.name}: {e}") from e
        except OSError as e:
            raise StoreError(f"Cannot read '{path}': {e.strerror or e}") from e
        self._graph: Graph | None = None

    @property
    def oxigraph(self) -> ox.Store:
        return self._ox

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
            self._graph.store._store = self._ox  # type: ignore[attr-defined]
            for prefix, ns in PREFIXES.items():
                self._graph.bind(prefix, ns, override=True)
        return self._graph

    def query(self, sparql: str) -> Result:
        try:
            return self.graph.query(sparql)
        except SyntaxError as e:
            raise QueryError(str(e)) from e

    def select(self, sparql: str) -> list[tuple[Node | None, ...]]:
        return [tuple(row) for row in self.query(sparql)]  # type: ignore[arg-type]

    def update(self, sparql: str) -> None:
        raise QueryError(f"'{self.location}' is a file opened read-only; build into a store folder to change it.")

    def triple_count(self) -> int:
        with STORE_LOCK:
            return len(self._ox)

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
        with atomic_write(path) as handle:
            self._ox.dump(handle, formats[fmt], from_graph=ox.DefaultGraph(), prefixes=PREFIXES)

    def close(self) -> None:
        self._ox = ox.Store()


def open_for_shell(location: str) -> Store:
    """The store a location names. Its `read_only` attribute, if any, says why it cannot be written."""
    if is_remote(location):
        return open_store(location)
    path = Path(location).expanduser()
    if path.is_file():
        if path.suffix.lower() not in _RDF_SUFFIXES:
            kinds = ", ".join(sorted(_RDF_SUFFIXES))
            raise StoreError(f"'{location}' is neither a store folder nor an RDF file ({kinds}).")
        return FileStore(path)
    if not path.exists():
        raise StoreError(f"No store at '{location}'. Build one first: kg build [FILES] --store {location}")
    if not path.is_dir():
        raise StoreError(f"'{location}' is neither a store folder nor an RDF file.")
    return WorkerStore(path)
