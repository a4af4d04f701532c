"""The HTML view opened in headless Chromium (Debian's package): it draws every node, offline."""

from __future__ import annotations

import time

import pytest

from tests.export.chromium import CHROMIUM, Page

pytestmark = [
    pytest.mark.slow,  # opens the export in headless Chromium
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]

_DRAWN = """(() => { const out = {};
  for (const v of Bokeh.index.all_views()) {
    const name = v.model && v.model.data_source && v.model.data_source.name;
    if (!name || !v.glyph) continue;
    if (v.glyph.sxs) {  // edges: lines with finite screen coordinates
      out[name] = [...v.glyph.sxs].filter((xs) => xs.length > 1 && [...xs].every(isFinite)).length;
      continue;
    }
    if (!v.glyph.sx) continue;
    const box = v.parent.frame.bbox; let inside = 0;
    for (let i = 0; i < v.glyph.sx.length; i++) {
      const x = v.glyph.sx[i], y = v.glyph.sy[i];
      if (isFinite(x) && isFinite(y) && x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) inside++;
    }
    out[name] = inside;
  }
  return out; })()"""


def test_html_draws_every_node_without_network(exported, tmp_path):
    folder, _, g, _ = exported
    page = Page()
    try:
        page.open((folder / "graph.html").as_uri())
        page.wait_for(
            "window.Bokeh !== undefined && Bokeh.documents.length > 0 && [...Bokeh.index.all_views()].length > 0"
        )
        time.sleep(1)  # let the canvas paint before counting and the screenshot
        drawn = page.evaluate(_DRAWN)
        page.screenshot(tmp_path / "graph.png")
        requests = page.requests()
    finally:
        page.close()
    nodes = {k: v for k, v in drawn.items() if k.startswith("nodes-")}
    assert sum(nodes.values()) == g.number_of_nodes()
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert set(nodes) == {f"nodes-{t}" for t in types}
    assert sum(v for k, v in drawn.items() if k.startswith("edges-")) == g.number_of_edges()
    assert requests[0] == (folder / "graph.html").as_uri()
    assert [u for u in requests if not u.startswith(("data:", "blob:", "file:"))] == []
    assert [u for u in requests if u.startswith("file:")] == [requests[0]]
    assert (tmp_path / "graph.png").stat().st_size > 50_000  # a picture, not a blank page


def test_html_is_self_contained_and_stable(exported, sample_store):
    from kg.export import render

    folder, _, _, _ = exported
    text = (folder / "graph.html").read_text()
    assert "<script src=" not in text and "<link " not in text
    assert render(sample_store, "html")[""] == (folder / "graph.html").read_bytes()
