"""Filters that make a large entity graph readable, and the analytics drawn on it (networkx).

`apply(g, filters)` narrows the projected graph (concepts folded into their entities unless asked);
`annotate(g)` adds to every node its `degree`,
`centrality` (PageRank over the undirected graph, edges weighted by their number of sources),
`community` (Louvain, numbered from 1 by decreasing size), a `color` for its type, a `size` for its
centrality and an `x`/`y` layout. Every random choice uses a fixed seed, so the same graph always gives
the same numbers and the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ExportError
from .folding import fold_concepts
from .projection import NODE_TYPES

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "COLORS",
    "FA2_MAX_NODES",
    "SEED",
    "Filters",
    "annotate",
    "apply",
    "centrality_table",
    "find_node",
    "most_central",
    "undirected",
]

SEED = 42
FA2_MAX_NODES = 300  # ForceAtlas2 (networkx) is quadratic: larger components are laid out by igraph
# Tableau 10: distinct, colour-blind friendly, readable with black labels.
COLORS = {
    "Person": "#4E79A7",
    "Organization": "#F28E2B",
    "Country": "#59A14F",
    "City": "#76B7B2",
    "Place": "#EDC948",
    "Group": "#E15759",
    "NamedEvent": "#B07AA1",
    "Work": "#FF9DA7",
    "Concept": "#BAB0AC",
}
_FACT_KINDS = {"fact", "statement", "role"}


@dataclass(frozen=True, slots=True)
class Filters:
    types: tuple[str, ...] = ()
    min_sources: int = 0
    around: str | None = None
    hops: int = 1
    top: int | None = None
    include_negated: bool = False
    isolated: bool = False  # keep entities that no drawn fact connects
    concepts: bool = False  # draw concepts as nodes (else folded into their entities' `concepts`)


def _types(names: tuple[str, ...]) -> set[str]:
    known = {t.lower(): t for t in NODE_TYPES}
    wanted = set()
    for name in names:
        if name.strip().lower() not in known:
            raise ExportError(f"Unknown type '{name.strip()}'. Available: {', '.join(NODE_TYPES)}")
        wanted.add(known[name.strip().lower()])
    return wanted


def apply(g: nx.MultiDiGraph, filters: Filters) -> nx.MultiDiGraph:
    """A filtered copy: asserted facts only unless asked, then types, sources, neighbourhood and top N."""
    g = g.copy()
    drop = [
        (u, v, k)
        for u, v, k, d in g.edges(keys=True, data=True)
        if (not filters.include_negated and not d["asserted"])
        or (d["kind"] in _FACT_KINDS and d["sources"] < filters.min_sources)
    ]
    g.remove_edges_from(drop)
    types = _types(filters.types) if filters.types else set(NODE_TYPES)
    if not filters.concepts and "Concept" not in _types(filters.types):
        fold_concepts(g)
    g.remove_nodes_from(
        [n for n, d in g.nodes(data=True) if d["type"] not in types or d["sources"] < filters.min_sources]
    )
    g.remove_nodes_from(
        [n for n, d in g.nodes(data=True) if g.degree(n) == 0 and (d["type"] == "Concept" or not filters.isolated)]
    )
    if filters.around:
        g = _neighbourhood(g, find_node(g, filters.around), filters.hops)
    if filters.top is not None:
        keep = [n for n, _ in most_central(g)[: filters.top]]
        g = g.subgraph(keep).copy()
    return g


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node a user means by a label, an alias, a prefixed name or a slug (case does not matter)."""
    wanted = name.strip().casefold()
    matches = [
        n
        for n, d in g.nodes(data=True)
        if wanted in {n.casefold(), n.split(":", 1)[-1].casefold(), d["label"].casefold()}
        or wanted in {a.strip().casefold() for a in d["aliases"].split(";")}
    ]
    if not matches:  # "Blinken" for Antony Blinken: every word of the name is a word of one label
        words = set(wanted.split())
        matches = [n for n, d in g.nodes(data=True) if words <= set(d["label"].casefold().split())]
    if matches:
        return max(matches, key=lambda n: (g.nodes[n]["sources"], g.degree(n), n))
    from rapidfuzz import process

    labels = {n: d["label"] for n, d in g.nodes(data=True)}
    close = [labels[key] for _, _, key in process.extract(name, labels, limit=3, score_cutoff=60)]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise ExportError(f"No entity named '{name}' in the graph.{hint}")


def _neighbourhood(g: nx.MultiDiGraph, center: str, hops: int) -> nx.MultiDiGraph:
    import networkx as nx

    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), center, cutoff=hops)
    return g.subgraph(near).copy()


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per connected pair, weighted by the sources of its facts (at least 1 each)."""
    import networkx as nx

    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        weight = max(1, d["sources"])
        if h.has_edge(u, v):
            h.edges[u, v]["weight"] += weight
        else:
            h.add_edge(u, v, weight=weight)
    return h


def _pagerank(h: nx.Graph) -> dict[str, float]:
    import networkx as nx

    if h.number_of_edges() == 0:
        return dict.fromkeys(h.nodes, 1.0 / max(1, len(h)))
    return nx.pagerank(h, weight="weight")


def most_central(g: nx.MultiDiGraph) -> list[tuple[str, float]]:
    """Nodes by decreasing PageRank (ties by label), with their score."""
    rank = _pagerank(undirected(g))
    return sorted(rank.items(), key=lambda kv: (-round(kv[1], 9), g.nodes[kv[0]]["label"], kv[0]))


def centrality_table(g: nx.MultiDiGraph, top: int) -> tuple[str, str]:
    """The `top` most central nodes of an annotated graph as a psql-style table, and a line saying what was
    ranked (`kg stats --centrality`)."""
    from tabulate import tabulate

    rows = [
        (i, d["label"], d["type"], f"{score:.4f}", d["degree"], d["sources"], d["community"])
        for i, (n, score) in enumerate(most_central(g)[:top], 1)
        for d in [g.nodes[n]]
    ]
    headers = ["rank", "entity", "type", "centrality", "degree", "sources", "community"]
    note = f"PageRank over {g.number_of_nodes()} entities and concepts and {g.number_of_edges()} asserted facts"
    return tabulate(rows, headers=headers, tablefmt="psql", disable_numparse=True), note


def _communities(h: nx.Graph) -> dict[str, int]:
    import networkx as nx

    if h.number_of_edges() == 0:
        groups = [{n} for n in h.nodes]
    else:
        groups = nx.community.louvain_communities(h, weight="weight", seed=SEED)
    ordered = sorted(groups, key=lambda c: (-len(c), min(c)))
    return {n: i for i, group in enumerate(ordered, 1) for n in group}


def annotate(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add degree, centrality, community, colour, size and a layout to every node (in place)."""
    h = undirected(g)
    rank = _pagerank(h)
    community = _communities(h)
    top = max(rank.values(), default=1.0)
    positions = _layout(h)
    for n, d in g.nodes(data=True):
        d["degree"] = int(g.degree(n))
        d["centrality"] = round(rank.get(n, 0.0), 6)
        d["community"] = community.get(n, 0)
        d["color"] = COLORS.get(d["type"], "#999999")
        d["size"] = round(8 + 32 * math.sqrt(rank.get(n, 0.0) / top), 1) if top else 8.0
        d["x"], d["y"] = positions.get(n, (0.0, 0.0))
    for *_, d in g.edges(data=True):
        d["weight"] = max(1, d["sources"])
    return g


def _layout(h: nx.Graph) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 (as in Gephi) per connected component, components packed in rows from the largest,
    about 1000 units across, rounded so that files stay stable."""
    import networkx as nx

    parts = sorted(nx.connected_components(h), key=lambda c: (-len(c), min(c)))
    boxes = [_component_layout(_component(h, c)) for c in parts]
    return _pack(boxes) if boxes else {}


def _component(h: nx.Graph, nodes: set[str]) -> nx.Graph:
    """A component as a graph of its own, nodes and edges in sorted order (a subgraph view would iterate the
    node set, whose order changes from one Python process to the next)."""
    import networkx as nx

    part = nx.Graph()
    part.add_nodes_from(sorted(nodes))
    part.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in h.edges(nodes, data=True)))
    return part


def _component_layout(h: nx.Graph) -> dict[str, tuple[float, float]]:
    import networkx as nx

    if len(h) == 1:
        return {next(iter(h)): (0.0, 0.0)}
    if len(h) > FA2_MAX_NODES:
        pos = _grid_layout(h)
    else:
        sizes = {n: 1.0 + math.log1p(h.degree(n, weight="weight")) for n in h}
        pos = nx.forceatlas2_layout(
            h, max_iter=400, scaling_ratio=3.0, gravity=1.0, node_size=sizes, weight="weight", seed=SEED
        )
    scale = 75.0 * math.sqrt(len(h)) if len(h) > 2 else 60.0  # the same density whatever the size
    pos = nx.rescale_layout_dict(pos, scale=scale)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _grid_layout(h: nx.Graph) -> dict:
    """Fruchterman-Reingold with igraph's grid (near-linear per iteration, in C), from a seeded start."""
    import random

    import igraph

    nodes = list(h.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in h.edges])
    rng = random.Random(SEED)
    start = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in nodes]
    igraph.set_random_number_generator(rng)
    try:
        layout = graph.layout_fruchterman_reingold(seed=start, niter=500, grid=True)
    finally:
        igraph.set_random_number_generator(random)
    return {n: (x, y) for n, (x, y) in zip(nodes, layout.coords, strict=True)}


def _extent(values: list[float]) -> float:
    return max(values) - min(values)


def _pack(boxes: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Shelf packing: components left to right in rows (the whole about 1.6 times as wide as high), centred."""
    gap = 80.0
    extents = [(_extent([x for x, _ in b.values()]) + gap, _extent([y for _, y in b.values()]) + gap) for b in boxes]
    area = sum(w * h for w, h in extents)
    width = max([400.0, math.sqrt(area * 1.6), *(w for w, _ in extents)])  # about as wide as a screen
    out: dict[str, tuple[float, float]] = {}
    cx = cy = row_height = 0.0
    for box in boxes:
        xs, ys = [x for x, _ in box.values()], [y for _, y in box.values()]
        w, hgt = max(xs) - min(xs), max(ys) - min(ys)
        if cx > 0 and cx + w > width:
            cx, cy, row_height = 0.0, cy - row_height - gap, 0.0
        for n, (x, y) in box.items():
            out[n] = (cx + x - min(xs), cy - (max(ys) - y))
        cx += w + gap
        row_height = max(row_height, hgt)
    xs, ys = [x for x, _ in out.values()], [y for _, y in out.values()]
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (round(x - mx, 1), round(y - my, 1)) for n, (x, y) in sorted(out.items())}
