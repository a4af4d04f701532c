"""One self-contained HTML file with an interactive view of the entity graph, drawn by sigma.js (WebGL).

sigma.js and graphology (both MIT) are kept in `static/` as published on npm (sigma@3.0.3's
`dist/sigma.min.js`, graphology@0.26.0's `dist/graphology.umd.min.js`, with their licences) and written into
the page, less the source-map comment, with the view's own script and style, so the file opens offline
and makes no request. (ipysigma's HTML export needs Jupyter's widget manager from a CDN.)
The view draws thousands of nodes: nodes and edges on the GPU, labels chosen by importance for the
current zoom with none overlapping (`static/view.js`), the layout computed beforehand (`analysis.annotate`,
the same as in the GEXF file). It has search (labels and aliases), hover and click cards (aliases, roles,
counts, facts and their source sentences), type filters and neighbourhood highlighting.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources
from typing import TYPE_CHECKING, Any

from .analysis import COLORS

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SCRIPTS", "SENTENCES_PER_EDGE", "graph_data", "to_html"]

SCRIPTS = ("graphology-0.26.0.umd.min.js", "sigma-3.0.3.min.js", "view.js")
SENTENCES_PER_EDGE = 4  # in the page; every sentence is in the other exports
_EDGE_COLORS = {"fact": "#8C96A3", "statement": "#CDD3DC", "role": "#C4A484", "place": "#C8C8C8"}


def _static(name: str) -> str:
    text = resources.files("kg.export").joinpath("static", name).read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//# sourceMappingURL="))


def _node(n: str, d: dict) -> dict[str, Any]:
    return {
        "key": n,
        "attributes": {
            "x": d["x"],
            "y": d["y"],
            "size": round(2.5 + d["size"] / 3.5, 2),
            "color": d["color"],
            "label": d["label"],
            "type": "circle",
            "kind": d["type"],
            **{k: d[k] for k in ("aliases", "job_title", "demonym", "concepts", "sources", "mentions", "degree")},
            "centrality": d["centrality"],
            "community": d["community"],
        },
    }


def _edge(u: str, v: str, k: str, d: dict, nth: int) -> dict[str, Any]:
    """An edge; the NTH (from 1) of several between two nodes is drawn as a curve bent more than the last."""
    sentences = d["sentences"].splitlines()
    return {
        "key": k,
        "source": u,
        "target": v,
        "attributes": {
            "type": "curved" if nth else "arrow",
            **({"curvature": round(0.12 * nth, 2)} if nth else {}),
            "size": round(0.6 + min(d["sources"], 5) * 0.35, 2),
            "color": _EDGE_COLORS.get(d["kind"], "#999999"),
            "label": d["label"],
            "kind": d["kind"],
            "asserted": d["asserted"],
            "confidence": d["confidence"],
            "sources": d["sources"],
            "documents": d["documents"],
            "sentences": sentences[:SENTENCES_PER_EDGE],
            "more": max(0, len(sentences) - SENTENCES_PER_EDGE),
            "quotes": d["quotes"].splitlines()[:SENTENCES_PER_EDGE],
            "place": d["place"],
            "time": d["time"],
        },
    }


def graph_data(g: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """What the page draws: graphology's serialised graph, with the title and the types for the legend."""
    pairs = Counter(frozenset((u, v)) for u, v in g.edges())
    seen: Counter[frozenset] = Counter()
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    folded = sum(1 for _, d in g.nodes(data=True) if d["concepts"])
    return {
        "title": title,
        "folded": folded,
        "types": [{"name": t, "color": c, "count": types[t]} for t, c in COLORS.items() if types[t]],
        "graph": {
            "options": {"type": "directed", "multi": True, "allowSelfLoops": False},
            "nodes": [_node(n, d) for n, d in sorted(g.nodes(data=True))],
            "edges": [_edge(u, v, k, d, _nth(pairs, seen, u, v)) for u, v, k, d in _sorted_edges(g)],
        },
    }


def _sorted_edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    return sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])


def _nth(pairs: Counter, seen: Counter, u: str, v: str) -> int:
    """0 for the only edge between U and V, else its rank among them (1, 2, ...)."""
    pair = frozenset((u, v))
    if pairs[pair] == 1:
        return 0
    seen[pair] += 1
    return seen[pair]


def _json(value: object) -> str:
    """JSON that can sit in a <script> element: no '</' to close it early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def to_html(g: nx.MultiDiGraph, title: str = "kg entity graph") -> str:
    """The page's HTML text; the same graph always gives the same text."""
    scripts = "\n".join(f"<script>\n{_static(name)}\n</script>" for name in SCRIPTS)
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_static('view.css')}\n</style>\n</head>\n<body>\n"
        f"{_static('view.html')}\n"
        f"<script type='application/json' id='kg-data'>{_json(graph_data(g, title))}</script>\n"
        f"{scripts}\n</body>\n</html>\n"
    )
