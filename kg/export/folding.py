"""Concepts folded away: the visual exports draw entities and the facts between them.

A concept ("$ 100 million", "watertight guarantees on NATO expansion") is the object of the facts of one or
two entities and links to nothing else, so drawn as a node it is a leaf that crowds the picture: a third
of the nodes of a news graph. `fold_concepts(g)` removes the concept nodes and writes each fact that
pointed at one into the `concepts` attribute of the entity on its other end, one line per fact
("seeks: deal (2 sources)"; "warns (by): report" when the concept is the subject), so no fact is lost
from the files; `kg export --concepts` draws them as nodes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["fold_concepts"]


def _line(predicate: str, concept: str, sources: int) -> str:
    counted = f" ({sources} source{'s' if sources != 1 else ''})" if sources > 1 else ""
    return f"{predicate}: {concept}{counted}"


def fold_concepts(g: nx.MultiDiGraph) -> int:
    """Remove the concept nodes of G (in place), folding their facts into the entities' `concepts`
    attribute; returns how many concepts were folded."""
    concepts = sorted(n for n, d in g.nodes(data=True) if d["type"] == "Concept")
    lines: dict[str, list[str]] = defaultdict(list)
    for c in concepts:
        label = g.nodes[c]["label"]
        for u, _, d in g.in_edges(c, data=True):
            if g.nodes[u]["type"] != "Concept":
                lines[u].append(_line(d["label"], label, d["sources"]))
        for _, v, d in g.out_edges(c, data=True):
            if g.nodes[v]["type"] != "Concept":
                lines[v].append(_line(f"{d['label']} (by)", label, d["sources"]))
    g.remove_nodes_from(concepts)
    for node, found in lines.items():
        g.nodes[node]["concepts"] = "\n".join(sorted(set(found), key=str.casefold))
    return len(concepts)
