"""Exports: the RDF graph in every RDF syntax, and the entity graph for visual tools.

`EXPORTERS` maps a format name to an `Exporter`; `@exporter(name, suffix)` fills it. Turtle and N-Triples
are written straight from the store, sorted (`canonical`); the other RDF exporters take the store's graph
in memory (`rdf.rdf_graph`), an entity-graph exporter the projected, filtered and annotated graph
(`projection.project`, `analysis.apply`, `analysis.annotate`). `export()` writes one format,
`export_all()` every format into a folder (the sample corpus's `exports/`). Every file is written
atomically: a crash never leaves half an export.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import ExportError
from ..files import atomic_write
from ..store.base import Store
from . import canonical, dot, graphs, rdf
from .analysis import Filters, annotate, apply
from .projection import project

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = [
    "EXPORTERS",
    "Exporter",
    "Filters",
    "entity_graph",
    "export",
    "export_all",
    "exporter",
    "formats_help",
    "graph_formats",
    "rdf_formats",
    "rdf_graph",
    "render",
]


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str
    suffix: str  # of the file in an export folder; "" for csv, which writes nodes.csv and edges.csv
    kind: str  # "store" (written from the store), "rdf" (from the graph in memory) or "graph" (entity graph)
    write: Callable[..., dict[str, bytes] | None]  # graph -> {file name suffix: bytes}; "store": (store, file)
    description: str


EXPORTERS: dict[str, Exporter] = {}
_UMASK = os.umask(0o022)
os.umask(_UMASK)


_Write = Callable[..., dict[str, bytes] | None]


def exporter(name: str, suffix: str, kind: str, description: str) -> Callable[[_Write], _Write]:
    def register(write: _Write) -> _Write:
        EXPORTERS[name] = Exporter(name, suffix, kind, write, description)
        return write

    return register


def _one(text: str) -> dict[str, bytes]:
    return {"": text.encode("utf-8")}


@exporter("turtle", ".ttl", "store", "Turtle, sorted and with the kg prefixes (diffs cleanly)")
def _turtle(store: Store, out: BinaryIO) -> None:
    canonical.write_turtle(store, out)


@exporter("ntriples", ".nt", "store", "N-Triples, one sorted triple a line")
def _ntriples(store: Store, out: BinaryIO) -> None:
    canonical.write_ntriples(store, out)


@exporter("nquads", ".nq", "rdf", "N-Quads, one named graph per document")
def _nquads(g: Graph) -> dict[str, bytes]:
    return _one(rdf.to_nquads(g))


@exporter("trig", ".trig", "rdf", "TriG, one named graph per document")
def _trig(g: Graph) -> dict[str, bytes]:
    return _one(rdf.to_trig(g))


@exporter("jsonld", ".jsonld", "rdf", "JSON-LD with a context from the ontology")
def _jsonld(g: Graph) -> dict[str, bytes]:
    return _one(rdf.to_jsonld(g))


@exporter("rdfxml", ".rdf", "rdf", "RDF/XML")
def _rdfxml(g: Graph) -> dict[str, bytes]:
    return _one(rdf.to_rdfxml(g))


@exporter("graphml", ".graphml", "graph", "GraphML with yEd labels and colours; Cytoscape reads every attribute")
def _graphml(g: nx.MultiDiGraph) -> dict[str, bytes]:
    return _one(graphs.to_graphml(g))


@exporter("gexf", ".gexf", "graph", "GEXF for Gephi: coloured by type, sized by centrality, laid out")
def _gexf(g: nx.MultiDiGraph) -> dict[str, bytes]:
    return _one(graphs.to_gexf(g))


@exporter("dot", ".dot", "graph", "Graphviz DOT, coloured by type, with edge labels")
def _dot(g: nx.MultiDiGraph) -> dict[str, bytes]:
    return _one(dot.to_dot(g))


@exporter("cyjs", ".cyjs", "graph", "Cytoscape.js JSON (Cytoscape desktop: File > Import > Network from File)")
def _cyjs(g: nx.MultiDiGraph) -> dict[str, bytes]:
    return _one(graphs.to_cyjs(g))


@exporter("csv", "", "graph", "nodes.csv and edges.csv")
def _csv(g: nx.MultiDiGraph) -> dict[str, bytes]:
    nodes, edges = graphs.to_csv(g)
    return {"nodes.csv": nodes.encode("utf-8"), "edges.csv": edges.encode("utf-8")}


@exporter("html", ".html", "graph", "one offline HTML page with an interactive view")
def _html(g: nx.MultiDiGraph) -> dict[str, bytes]:
    from .html import to_html

    return _one(to_html(g))


@exporter("svg", ".svg", "graph", f"a picture drawn by Graphviz (dot program; at most {dot.PICTURE_MAX_NODES} nodes)")
def _svg(g: nx.MultiDiGraph) -> dict[str, bytes]:
    return {"": dot.render(dot.picture(g), "svg")}


@exporter("png", ".png", "graph", f"a picture drawn by Graphviz (dot program; at most {dot.PICTURE_MAX_NODES} nodes)")
def _png(g: nx.MultiDiGraph) -> dict[str, bytes]:
    return {"": dot.render(dot.picture(g), "png")}


def rdf_formats() -> list[str]:
    """The RDF syntaxes (written from the store or from the graph in memory), in the registry's order."""
    return [name for name, e in EXPORTERS.items() if e.kind != "graph"]


def graph_formats() -> list[str]:
    """The entity-graph formats, in the registry's order."""
    return [name for name, e in EXPORTERS.items() if e.kind == "graph"]


def formats_help() -> str:
    """Every format by kind, for help texts: 'RDF: turtle, …. Entity graph: graphml, ….'"""
    return f"RDF: {', '.join(rdf_formats())}. Entity graph: {', '.join(graph_formats())}."


def _lookup(fmt: str) -> Exporter:
    if fmt not in EXPORTERS:
        raise ExportError(f"Unknown export format '{fmt}'. Available: {', '.join(sorted(EXPORTERS))}")
    return EXPORTERS[fmt]


def rdf_graph(store: Store) -> Graph:
    return rdf.rdf_graph(store)


def entity_graph(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    """The projected entity graph, filtered, with centrality, communities, colours and a layout."""
    return annotate(apply(project(store), filters or Filters()))


def _filters_apply(exp: Exporter, filters: Filters | None) -> None:
    if exp.kind != "graph" and filters is not None and filters != Filters():
        raise ExportError(
            f"Filters apply to the entity-graph formats ({', '.join(graph_formats())}); "
            f"'{exp.name}' is always the whole RDF graph. For part of it, use kg query with a CONSTRUCT query."
        )


def export(store: Store, fmt: str, path: str | Path, filters: Filters | None = None) -> list[Path]:
    """Write one format to PATH (for csv, PATH is a folder that gets nodes.csv and edges.csv)."""
    exp = _lookup(fmt)
    _filters_apply(exp, filters)
    if exp.kind == "store":
        return [_stream(exp, store, Path(path))]
    source = rdf_graph(store) if exp.kind == "rdf" else entity_graph(store, filters)
    return _write(_files(exp, source), Path(path), folder=fmt == "csv")


def render(store: Store, fmt: str, filters: Filters | None = None) -> dict[str, bytes]:
    """The bytes of one format without writing them ({'': bytes}, or one entry per file for csv)."""
    exp = _lookup(fmt)
    _filters_apply(exp, filters)
    if exp.kind == "store":
        buffer = io.BytesIO()
        exp.write(store, buffer)
        return {"": buffer.getvalue()}
    return _files(exp, rdf_graph(store) if exp.kind == "rdf" else entity_graph(store, filters))


def _files(exp: Exporter, source: Graph | nx.MultiDiGraph) -> dict[str, bytes]:
    """What an exporter of the graph in memory makes: file name suffix -> bytes."""
    files = exp.write(source)
    assert files is not None, f"the {exp.name} exporter writes to the store's stream, not files"
    return files


def _stream(exp: Exporter, store: Store, path: Path) -> Path:
    with atomic_write(path) as handle:
        exp.write(store, handle)
    return path


def _write(files: dict[str, bytes], path: Path, folder: bool) -> list[Path]:
    written = []
    for name, data in files.items():
        target = path / name if folder or name else path
        with atomic_write(target) as handle:
            handle.write(data)
        os.chmod(target, 0o666 & ~_UMASK)  # a temporary file is private; an export is not
        written.append(target)
    return written


def export_all(
    store: Store, folder: str | Path, skip: set[str] | None = None, filters: Filters | None = None
) -> list[Path]:
    """Every format into FOLDER (graph.ttl ... graph.png, nodes.csv, edges.csv), from one projection; the
    filters apply to the entity-graph formats."""
    folder = Path(folder)
    graph, entities = rdf_graph(store), entity_graph(store, filters)
    written: list[Path] = []
    for name, exp in EXPORTERS.items():
        if skip and name in skip:
            continue
        if exp.kind == "store":
            written.append(_stream(exp, store, folder / f"graph{exp.suffix}"))
            continue
        files = _files(exp, graph if exp.kind == "rdf" else entities)
        written += _write(files, folder / f"graph{exp.suffix}" if exp.suffix else folder, folder=not exp.suffix)
    return written
