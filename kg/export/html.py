"""One self-contained HTML file with an interactive view of the entity graph, drawn with Bokeh.

Bokeh (a maintained, NumFOCUS-sponsored library) writes its JavaScript into the page (`resources=INLINE`),
so the file opens offline and makes no network request. The view has pan, wheel zoom, box zoom and reset;
hovering a node shows its type, aliases and counts, hovering an edge its confidence, sources and source
sentences; the legend colours nodes by type and hides a type on click; a search box highlights entities by
name. Positions are the ForceAtlas2 layout of `analysis.annotate`, the same as in the GEXF file.
"""

from __future__ import annotations

import html
import re
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .analysis import COLORS

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["to_html"]

_NODE_TOOLTIP = """<div style="max-width:360px">
<b style="font-size:13px">@label</b> <span style="color:#666">@type</span><br>
<span style="color:#444">@aliases{safe}</span>
<div style="color:#666">@counts</div></div>"""
_EDGE_TOOLTIP = """<div style="max-width:480px">
<b>@subject</b> — <i>@label</i> → <b>@object</b><br>
<span style="color:#666">@counts</span>
<div style="margin-top:4px;font-size:11px">@sentences{safe}</div></div>"""
_SEARCH_JS = """
const q = cb_obj.value_input.trim().toLowerCase();
for (const s of sources) {
  const hits = [];
  if (q.length > 1) {
    s.data.search.forEach((t, i) => { if (t.includes(q)) hits.push(i); });
  }
  s.selected.indices = hits;
}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _curve(x0: float, y0: float, x1: float, y1: float, bend: float, steps: int = 12) -> tuple[list[float], list[float]]:
    """Points of a quadratic curve from (x0, y0) to (x1, y1); bend 0 is a straight line."""
    mx, my = (x0 + x1) / 2 - bend * (y1 - y0), (y0 + y1) / 2 + bend * (x1 - x0)
    ts = [i / steps for i in range(steps + 1)]
    xs = [(1 - t) ** 2 * x0 + 2 * (1 - t) * t * mx + t**2 * x1 for t in ts]
    ys = [(1 - t) ** 2 * y0 + 2 * (1 - t) * t * my + t**2 * y1 for t in ts]
    return xs, ys


def _edge_rows(g: nx.MultiDiGraph) -> dict[str, dict[str, list]]:
    """Edge columns for the solid (asserted) and the dashed renderers; parallel edges fan out."""
    pairs: dict[frozenset, list] = defaultdict(list)
    for u, v, k in sorted(g.edges(keys=True)):
        pairs[frozenset((u, v))].append((u, v, k))
    groups: dict[str, dict[str, list]] = {"solid": defaultdict(list), "dashed": defaultdict(list)}
    for members in pairs.values():
        for i, (u, v, k) in enumerate(members):
            d, a, b = g.edges[u, v, k], g.nodes[u], g.nodes[v]
            bend = 0.0 if len(members) == 1 else (i - (len(members) - 1) / 2) * 0.18 * (1 if u < v else -1)
            xs, ys = _curve(a["x"], a["y"], b["x"], b["y"], bend)
            sentences = "".join(f"<p style='margin:2px 0'>“{_esc(s)}”</p>" for s in d["sentences"].splitlines()[:6])
            if d["documents"]:
                sentences += f"<p style='color:#666;margin:2px 0'>{_esc(d['documents'])}</p>"
            row = groups["solid" if d["asserted"] and d["kind"] != "place" else "dashed"]
            row["xs"].append(xs)
            row["ys"].append(ys)
            row["mx"].append(xs[6])
            row["my"].append(ys[6])
            row["ax"].append(xs[7])
            row["ay"].append(ys[7])
            row["subject"].append(a["label"])
            row["object"].append(b["label"])
            row["label"].append(d["label"])
            row["shown"].append("" if d["kind"] == "statement" else d["label"])
            row["color"].append("#B8C0CC" if d["kind"] == "statement" else "#666666")
            row["width"].append(1 + min(d["sources"], 5) * 0.4)
            row["counts"].append(f"{d['kind']}, confidence {d['confidence']}, {d['sources']} source(s)")
            row["sentences"].append(sentences)
    return groups


def _node_rows(g: nx.MultiDiGraph) -> dict[str, dict[str, list]]:
    by_type: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for n, d in sorted(g.nodes(data=True)):
        row = by_type[d["type"]]
        aliases = f"also {_esc(d['aliases'])}" if d["aliases"] else ""
        if d["job_title"]:
            aliases += f"<br>{_esc(d['job_title'])}"
        row["id"].append(n)
        row["x"].append(d["x"])
        row["y"].append(d["y"])
        row["size"].append(d["size"])
        row["label"].append(d["label"])
        row["type"].append(d["type"])
        row["aliases"].append(aliases)
        row["search"].append(" ".join([d["label"], d["aliases"], n]).lower())
        row["counts"].append(
            f"{d['sources']} source(s), {d['mentions']} mention(s), degree {d['degree']}, "
            f"centrality {d['centrality']:.3f}, community {d['community']}"
        )
    return {t: by_type[t] for t in COLORS if t in by_type}


def _figure(g: nx.MultiDiGraph, title: str) -> Any:
    from bokeh.models import Arrow, ColumnDataSource, HoverTool, LabelSet, VeeHead
    from bokeh.plotting import figure

    plot = figure(
        title=title,
        tools="pan,wheel_zoom,box_zoom,reset,save",
        active_scroll="wheel_zoom",
        sizing_mode="stretch_both",
        match_aspect=True,
        output_backend="canvas",
    )
    plot.axis.visible = False
    plot.grid.visible = False
    edge_renderers = []
    for style, rows in _edge_rows(g).items():
        if not rows:
            continue
        source = ColumnDataSource(dict(rows), name=f"edges-{style}")
        dash = "solid" if style == "solid" else "dashed"
        edge_renderers.append(
            plot.multi_line("xs", "ys", source=source, line_color="color", line_width="width", line_dash=dash)
        )
        plot.add_layout(
            Arrow(
                end=VeeHead(size=7, line_color="color", fill_color="color"),
                x_start="mx",
                y_start="my",
                x_end="ax",
                y_end="ay",
                source=source,
                line_alpha=0,
            )
        )
        plot.add_layout(
            LabelSet(x="mx", y="my", text="shown", source=source, text_font_size="8pt", text_color="#555555")
        )
    plot.add_tools(HoverTool(renderers=edge_renderers, tooltips=_EDGE_TOOLTIP, line_policy="interp"))
    node_renderers, sources = [], []
    for kind, rows in _node_rows(g).items():
        source = ColumnDataSource(dict(rows), name=f"nodes-{kind}")
        sources.append(source)
        renderer = plot.scatter(
            "x", "y", size="size", source=source, fill_color=COLORS[kind], line_color="#444444", legend_label=kind
        )
        renderer.selection_glyph = renderer.glyph.clone(line_color="#000000", line_width=3)
        node_renderers.append(renderer)
        labels = LabelSet(x="x", y="y", text="label", source=source, text_font_size="9pt", y_offset=-6)
        labels.text_baseline = "top"
        labels.text_align = "center"
        plot.add_layout(labels)
    plot.add_tools(HoverTool(renderers=node_renderers, tooltips=_NODE_TOOLTIP))
    plot.legend.click_policy = "hide"
    plot.legend.location = "top_left"
    return plot, sources


def to_html(g: nx.MultiDiGraph, title: str = "kg entity graph") -> str:
    """The page's HTML text; the same graph always gives the same text."""
    from bokeh.embed import file_html
    from bokeh.layouts import column
    from bokeh.models import CustomJS, TextInput
    from bokeh.resources import INLINE

    heading = f"{title}: {g.number_of_nodes()} entities and concepts, {g.number_of_edges()} facts"
    plot, sources = _figure(g, heading)
    search = TextInput(placeholder="Find an entity by name or alias…", width=320)
    search.js_on_change("value_input", CustomJS(args={"sources": sources}, code=_SEARCH_JS))
    page = column(search, plot, sizing_mode="stretch_both")
    return _stable_ids(file_html(page, INLINE, title))


def _stable_ids(text: str) -> str:
    """Bokeh names its models with a process-wide counter and its documents with random UUIDs: number both
    in order of appearance so that the same graph gives the same bytes."""
    uuids: dict[str, str] = {}
    pattern = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    text = re.sub(pattern, lambda m: uuids.setdefault(m[0], str(uuid.UUID(int=len(uuids) + 1))), text)
    ids: dict[str, str] = {}
    return re.sub(r'"p(\d{4,})"', lambda m: ids.setdefault(m[0], f'"p{1000 + len(ids)}"'), text)
