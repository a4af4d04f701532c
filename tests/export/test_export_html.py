"""The HTML view opened in headless Chromium (Debian's package), offline: sigma.js draws every node, the
labels it draws do not overlap at any zoom, and search, cards, type filters and highlighting work. At the
sample's size, at a real 31-article corpus when it is there, and at the sizes of 50 and 1,000 articles."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.export.chromium import CHROMIUM, Page

pytestmark = [
    pytest.mark.slow,  # opens the export in headless Chromium
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"),
]

NEWS = Path(os.environ.get("KG_NEWS_CORPUS", "/work/shared/corpus/news"))

_STATE = """(() => {
  const r = kgView.renderer, dims = r.getDimensions();
  let drawn = 0, hidden = 0;
  kgView.graph.forEachNode((n) => {
    const d = r.getNodeDisplayData(n);
    if (d.hidden) { hidden++; return; }
    const p = r.framedGraphToViewport(d);
    if (p.x >= 0 && p.x <= dims.width && p.y >= 0 && p.y <= dims.height) drawn++;
  });
  return { nodes: kgView.graph.order, edges: kgView.graph.size, drawn, hidden,
           labels: [...r.displayedNodeLabels], boxes: kgView.drawnBoxes.map((b) => [b.node, b.x, b.y, b.w, b.h]) };
})()"""


def _overlaps(boxes: list[list]) -> list[tuple[str, str]]:
    found = []
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        for b, bx, by, bw, bh in boxes[i + 1 :]:
            if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                found.append((a, b))
    return found


def _settle(page: Page) -> dict:
    time.sleep(1.0)  # a frame or two after the last change: sigma draws on animation frames
    return page.evaluate(_STATE)


def _open(path: Path) -> Page:
    page = Page()
    page.open(path.as_uri())
    page.wait_for("window.kgView !== undefined && kgView.drawnBoxes.length > 0")
    return page


def _check_labels(state: dict) -> None:
    """The labels sigma drew are the ones the page recorded drawing, and no two of them overlap."""
    assert sorted(state["labels"]) == sorted(b[0] for b in state["boxes"])
    assert _overlaps(state["boxes"]) == []


def _offline(page: Page, path: Path) -> None:
    requests = page.requests()
    assert requests[0] == path.as_uri()
    assert [u for u in requests if not u.startswith(("data:", "blob:"))] == [path.as_uri()]


def test_html_draws_every_node_without_network(exported, tmp_path):
    folder, _, g, _ = exported
    page = _open(folder / "graph.html")
    try:
        state = _settle(page)
        page.screenshot(tmp_path / "graph.png")
        _offline(page, folder / "graph.html")
    finally:
        page.close()
    assert state["nodes"] == state["drawn"] == g.number_of_nodes() and state["hidden"] == 0
    assert state["edges"] == g.number_of_edges()
    _check_labels(state)
    assert len(state["labels"]) >= g.number_of_nodes() * 0.8  # a small graph is nearly all named
    assert (tmp_path / "graph.png").stat().st_size > 50_000  # a picture, not a blank page


def test_search_card_filters_and_neighbourhood(exported):
    folder, _, g, _ = exported
    page = _open(folder / "graph.html")
    try:
        page.evaluate("const s = document.getElementById('search'); s.value = 'Biden';"
                      "s.dispatchEvent(new Event('input'))")  # fmt: skip
        assert page.evaluate("document.getElementById('found').textContent") == "1 found"
        page.evaluate("kgView.select('ent:joe-biden')")
        card = page.evaluate("document.getElementById('card').innerText")
        focused = _settle(page)
        page.evaluate("kgView.select(null)")
        person = page.evaluate("document.querySelector('[data-type=Person]')")
        page.evaluate("const box = document.querySelector('input[data-type=Person]'); box.click()")
        filtered = _settle(page)
    finally:
        page.close()
    assert person is not None
    biden = g.nodes["ent:joe-biden"]
    assert card.startswith("×\nJoe Biden\nPerson") and "Also: Biden" in card and "President" in card
    sentence = g.edges["ent:joe-biden", "ent:vladimir-putin", "fact:joe-biden-warns-vladimir-putin"]["sentences"]
    assert sentence.splitlines()[0] in card
    assert f"{biden['sources']} source(s)" in card
    neighbours = set(g.to_undirected(as_view=True).neighbors("ent:joe-biden")) | {"ent:joe-biden"}
    assert set(focused["labels"]) <= neighbours and "ent:joe-biden" in focused["labels"]
    _check_labels(focused)
    people = {n for n, d in g.nodes(data=True) if d["type"] == "Person"}
    assert filtered["hidden"] == len(people) and not set(filtered["labels"]) & people
    _check_labels(filtered)


def test_html_is_self_contained_and_stable(exported, sample_store):
    from kg.export import render

    folder, _, _, _ = exported
    text = (folder / "graph.html").read_text()
    assert "<script src=" not in text and "<link " not in text and "sourceMappingURL" not in text
    assert render(sample_store, "html")[""] == (folder / "graph.html").read_bytes()


def _large(g, tmp_path: Path, name: str) -> dict:
    """Open the view of G, check it at its first zoom and zoomed in four times; the state at each."""
    from kg.export.html import to_html

    path = tmp_path / f"{name}.html"
    path.write_text(to_html(g), encoding="utf-8")
    page = _open(path)
    try:
        whole = _settle(page)
        page.screenshot(tmp_path / f"{name}.png")
        page.evaluate("kgView.renderer.getCamera().setState({ ratio: 0.25 }) && 0")
        zoomed = _settle(page)
        _offline(page, path)
    finally:
        page.close()
    for state in (whole, zoomed):
        assert state["nodes"] == g.number_of_nodes() and state["hidden"] == 0
        _check_labels(state)
    assert whole["drawn"] == g.number_of_nodes()
    assert 30 <= len(whole["labels"]) < g.number_of_nodes() / 2  # named by importance, not all at once
    assert set(zoomed["labels"]) - set(whole["labels"])  # zooming in names more entities
    return {"whole": whole, "zoomed": zoomed}


@pytest.mark.parametrize(("entities", "name"), [(600, "50-articles"), (6000, "1000-articles")])
def test_large_graphs_stay_readable(entities, name, tmp_path):
    from kg.export.analysis import Filters, annotate, apply
    from tests.export.synthetic import synthetic_projection

    g = annotate(apply(synthetic_projection(entities), Filters()))
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "Concept"]  # folded
    states = _large(g, tmp_path, name)
    top = max(g.nodes, key=lambda n: g.nodes[n]["centrality"])
    assert top in states["whole"]["labels"]  # the most central entity is named first
    print(name, json.dumps({k: (len(s["labels"]), s["drawn"]) for k, s in states.items()}))


@pytest.mark.skipif(not NEWS.is_dir(), reason=f"no news corpus at {NEWS}")
def test_real_news_corpus_stays_readable(tmp_path):
    from kg.export import entity_graph
    from kg.store.opening import open_store
    from tests.conftest import run_kg

    built = run_kg("build", str(NEWS), "--store", str(tmp_path / "store"), "--no-export", cwd=tmp_path, timeout=600)
    assert built.returncode == 0, built.stderr
    store = open_store(tmp_path / "store", create=False)
    try:
        g = entity_graph(store)
    finally:
        store.close()
    assert len(g) > 150
    _large(g, tmp_path, "news")
