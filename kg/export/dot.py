"""Graphviz: the entity graph as DOT, written by hand as rdflib's tools/rdf2dot.py does (no pydot), and
rendered to SVG or PNG by the `dot` program when it is installed.

Nodes are filled with their type's colour and sized by centrality; edges carry their predicate as a label,
are dashed when the fact is not positive and asserted, thicker with more sources, and have the source
sentences as a tooltip (shown on hover in the SVG). A legend of the types drawn sits under the graph.
Rendered files carry the SHA-256 of the DOT text they were drawn from, so a stale picture can be detected.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError
from .analysis import COLORS, most_central

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GRAPHVIZ_MISSING", "PICTURE_MAX_NODES", "picture", "render", "rendered_from", "to_dot"]

GRAPHVIZ_MISSING = (
    "Rendering {fmt} needs Graphviz's 'dot' program, which is not installed. Install Graphviz "
    "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; Windows: winget install "
    "graphviz), or export --format dot and render it elsewhere."
)
_STAMP = "kg-source-sha256"
PICTURE_MAX_NODES = 300  # a picture of more is neither readable nor quick to draw: the most central are kept
_TOOLTIP_CHARS = 900


def _q(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(label: str, width: int = 22) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line]) if line else label


def _attrs(**values: str) -> str:
    return "[" + ", ".join(f"{k}={v}" for k, v in values.items()) + "]"


def _node(n: str, d: dict) -> str:
    tooltip = f"{d['label']} ({d['type']})" + (f"\naka {d['aliases']}" if d["aliases"] else "")
    tooltip += f"\n{d['sources']} source(s), degree {d['degree']}, community {d['community']}"
    return f"  {_q(n)} " + _attrs(
        label=_q(_wrap(d["label"])),
        fillcolor=_q(d["color"]),
        fontsize=_q(f"{9 + d['size'] / 4:.1f}"),
        shape="box" if d["type"] == "Concept" else "ellipse",
        tooltip=_q(tooltip),
    )


def _edge(u: str, v: str, d: dict) -> str:
    tooltip = f"{d['label']}, confidence {d['confidence']}, {d['sources']} source(s)"
    if d["sentences"]:
        tooltip += "\n" + d["sentences"][:_TOOLTIP_CHARS]
    style = {} if d["asserted"] else {"style": "dashed", "color": _q("#888888")}
    if d["kind"] == "place":
        style = {"style": "dotted", "color": _q("#AAAAAA")}
    label = _q(_wrap(d["label"], 18))
    if d["kind"] == "statement":  # many and weak: thin, grey, unlabelled (the legend says what they are)
        style["color"] = _q("#B8C0CC")
        label = _q("" if d["asserted"] else d["label"])
    return f"  {_q(u)} -> {_q(v)} " + _attrs(
        label=label,
        penwidth=_q(f"{1 + min(d['sources'], 5) * 0.4:.1f}"),
        tooltip=_q(tooltip),
        **style,
    )


def _legend(types: list[str], note: str) -> str:
    cells = "".join(f'<td bgcolor="{COLORS.get(t, "#999999")}">{_html(t)}</td>' for t in types)
    rows = f'<tr>{cells}</tr><tr><td colspan="{len(types)}">solid: asserted · dashed: negated, denied or '
    rows += "hypothetical · grey: says about · dotted: located in</td></tr>"
    if note:
        rows += f'<tr><td colspan="{len(types)}">{_html(note)}</td></tr>'
    return f'<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">{rows}</table>>'


def to_dot(g: nx.MultiDiGraph, title: str = "kg", note: str = "") -> str:
    """DOT text of an annotated entity graph; nodes and edges in a stable order. Straight edges: Graphviz's
    spline routing took nine tenths of the drawing time and drew no clearer."""
    types = [t for t in COLORS if any(d["type"] == t for _, d in g.nodes(data=True))]
    lines = [
        f"digraph {_q(title)} {{",
        "  graph "
        + _attrs(
            layout="sfdp",
            overlap="prism",
            overlap_scaling="2",
            splines="false",
            K="1.2",
            outputorder="edgesfirst",
            fontname='"Helvetica,Arial,sans-serif"',
            label=_legend(types, note),
            labelloc="b",
            pad="0.3",
        ),
        "  node "
        + _attrs(style='"filled"', fontname='"Helvetica,Arial,sans-serif"', color='"#555555"', margin='"0.08,0.04"'),
        "  edge "
        + _attrs(fontname='"Helvetica,Arial,sans-serif"', fontsize="8", fontcolor='"#444444"', arrowsize="0.6"),
    ]
    lines += [_node(n, g.nodes[n]) for n in sorted(g.nodes)]
    lines += [_edge(u, v, d) for u, v, _, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])]
    lines.append("}")
    return "\n".join(lines) + "\n"


def picture(g: nx.MultiDiGraph) -> str:
    """The DOT text drawn as SVG or PNG: the whole graph up to PICTURE_MAX_NODES nodes, else the most central
    ones, with a note that says so."""
    if len(g) <= PICTURE_MAX_NODES:
        return to_dot(g)
    keep = [n for n, _ in most_central(g)[:PICTURE_MAX_NODES]]
    note = (
        f"The {PICTURE_MAX_NODES} most central of {len(g):,} nodes. All of them: graph.html, graph.gexf or "
        "graph.dot; fewer: kg export --top N, --type, --around NAME."
    )
    return to_dot(g.subgraph(keep), note=note)


def render(dot_text: str, fmt: str) -> bytes:
    """SVG or PNG bytes drawn by Graphviz, stamped with the SHA-256 of the DOT text."""
    program = shutil.which("dot")
    if program is None:
        raise ExportError(GRAPHVIZ_MISSING.format(fmt=fmt))
    done = subprocess.run([program, f"-T{fmt}"], input=dot_text.encode(), capture_output=True, timeout=600)
    if done.returncode != 0:
        raise ExportError(f"Graphviz could not render {fmt}: {done.stderr.decode(errors='replace').strip()}")
    digest = hashlib.sha256(dot_text.encode()).hexdigest()
    return _stamp_png(done.stdout, digest) if fmt == "png" else _stamp_svg(done.stdout, digest)


def _stamp_svg(svg: bytes, digest: str) -> bytes:
    head, sep, rest = svg.partition(b"?>")
    stamp = f"\n<!-- {_STAMP}: {digest} -->".encode()
    return head + sep + stamp + rest if sep else stamp + b"\n" + svg


def _stamp_png(png: bytes, digest: str) -> bytes:
    """Add a tEXt chunk after the IHDR chunk (8-byte signature + 25-byte IHDR)."""
    data = _STAMP.encode() + b"\0" + digest.encode()
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    return png[:33] + chunk + png[33:]


def rendered_from(path: Path) -> str | None:
    """The DOT SHA-256 stamped into an SVG or PNG written by `render`, if any."""
    data = path.read_bytes()
    marker = _STAMP.encode()
    at = data.find(marker)
    if at < 0:
        return None
    start = at + len(marker) + (1 if data[at + len(marker) : at + len(marker) + 1] == b"\0" else 2)
    return data[start : start + 64].decode(errors="replace")
