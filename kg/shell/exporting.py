"""`\\export FORMAT FILE`: the whole graph or the last CONSTRUCT/DESCRIBE result, in an RDF format."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..errors import ExportError
from ..files import atomic_write
from ..store.base import Store

__all__ = ["EXPORT_FORMATS", "export_graph", "export_result"]

# name -> (rdflib serializer, pyoxigraph RdfFormat attribute)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", "TURTLE"),
    "ntriples": ("nt", "N_TRIPLES"),
    "nquads": ("nquads", "N_QUADS"),
    "trig": ("trig", "TRIG"),
    "rdfxml": ("xml", "RDF_XML"),
    "jsonld": ("json-ld", "JSON_LD"),
}


def _check(fmt: str) -> tuple[str, str]:
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Unknown export format '{fmt}'. Available: {', '.join(EXPORT_FORMATS)}")
    return EXPORT_FORMATS[fmt]


def export_graph(store: Store, fmt: str, path: Path) -> int:
    """Write the store's default graph; returns the number of triples."""
    _check(fmt)
    if fmt not in store.dump_formats:
        return export_result(store.graph, fmt, path)
    try:
        store.dump(path, fmt)
    except OSError as e:
        raise ExportError(f"Could not write {path}: {e.strerror or e}") from e
    return store.triple_count()


def export_result(graph: Graph, fmt: str, path: Path) -> int:
    """Write an rdflib graph (the last CONSTRUCT result); returns the number of triples."""
    rdflib_name, _ = _check(fmt)
    try:
        with atomic_write(path, "w", encoding="utf-8") as handle:
            handle.write(graph.serialize(format=rdflib_name))
    except OSError as e:
        raise ExportError(f"Could not write {path}: {e.strerror or e}") from e
    return len(graph)
