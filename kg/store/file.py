"""An RDF file read into an in-memory Oxigraph store: read-only, queried in forked children (no background
threads in memory: safe to fork), so that Ctrl-C can stop any query."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from .native import NativeStore

__all__ = ["RDF_SUFFIXES", "FileStore"]

RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".rdf", ".owl", ".xml", ".jsonld", ".n3"}


class FileStore(NativeStore):
    """An RDF file loaded into an in-memory Oxigraph store; read-only."""

    kind = "RDF file"
    forkable = True

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.location = str(path)
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

    @property
    def read_only(self) -> str | None:
        return f"'{self.location}' is a file, opened read-only in memory"

    @property
    def oxigraph(self) -> ox.Store:
        return self._ox

    def update(self, sparql: str) -> None:
        raise StoreError(f"'{self.location}' is a file opened read-only; build into a store folder to change it.")

    def close(self) -> None:
        self._drop_view()
        self._ox = ox.Store()
