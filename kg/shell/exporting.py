"""`\\export FORMAT FILE`: the whole graph or the last CONSTRUCT/DESCRIBE result, in an RDF format."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..errors import ExportError
from ..export import EXPORTERS, rdf_formats
from ..files import atomic_write, write_error
from ..store.base import Store

__all__ = ["export_graph", "export_result"]


def _check(fmt: str) -> ox.RdfFormat:
    """The syntax of one of `kg export`'s RDF formats, known to Oxigraph and rdflib by its file suffix."""
    if fmt not in rdf_formats():
        raise ExportError(f"Unknown export format '{fmt}'. Available: {', '.join(rdf_formats())}")
    rdf_format = ox.RdfFormat.from_extension(EXPORTERS[fmt].suffix.lstrip("."))
    if rdf_format is None:
        raise ExportError(f"The shell cannot write '{fmt}': Oxigraph does not know its syntax. Use kg export.")
    return rdf_format


def export_graph(store: Store, fmt: str, path: Path) -> int:
    """Write the store's default graph; returns the number of triples."""
    _check(fmt)
    if fmt not in store.dump_formats:
        return export_result(store.graph, fmt, path)
    try:
        store.dump(path, fmt)
    except OSError as e:
        raise ExportError(str(write_error(str(path), e))) from e
    return store.triple_count()


def export_result(graph: Graph, fmt: str, path: Path) -> int:
    """Write an rdflib graph (the last CONSTRUCT result); returns the number of triples."""
    rdf_format = _check(fmt)
    source = _as_dataset(graph) if rdf_format.supports_datasets else graph
    try:
        with atomic_write(path, "w", encoding="utf-8") as handle:
            handle.write(source.serialize(format=rdf_format.media_type))  # rdflib knows serializers by media type
    except OSError as e:
        raise ExportError(str(write_error(str(path), e))) from e
    return len(graph)


def _as_dataset(graph: Graph) -> Dataset:
    """The graph as the default graph of a dataset: what N-Quads and TriG write."""
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True)
    dataset.default_graph += graph
    return dataset
