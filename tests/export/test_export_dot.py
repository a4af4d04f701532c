"""DOT rendered by Graphviz's own `dot` program; a clear message when it is missing."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from kg.errors import ExportError
from kg.export.dot import GRAPHVIZ_MISSING, render, rendered_from

pytestmark = pytest.mark.slow  # exports a built store

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (.ci/run installs it)")


@needs_dot
def test_dot_renders_every_node_and_edge(exported):
    folder, _, g, _ = exported
    done = subprocess.run(["dot", "-Tsvg", str(folder / "graph.dot")], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    svg = done.stdout.decode()
    titles = set(map(html.unescape, re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>', svg)))
    assert titles == set(g.nodes)
    assert svg.count('class="edge"') == g.number_of_edges()
    assert "Joe Biden" in svg and "warns" in svg  # node and edge labels are drawn


@needs_dot
def test_pictures_carry_the_hash_of_their_dot(exported):
    import hashlib

    folder, _, _, _ = exported
    digest = hashlib.sha256((folder / "graph.dot").read_bytes()).hexdigest()
    assert rendered_from(folder / "graph.svg") == digest
    assert rendered_from(folder / "graph.png") == digest
    assert (folder / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image  # the stamped PNG is still a valid PNG

    with Image.open(folder / "graph.png") as image:
        image.load()
        assert image.width > 800 and image.text.get("kg-source-sha256") == digest


def test_missing_graphviz_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no dot program on it
    with pytest.raises(ExportError) as error:
        render("digraph { a -> b }", "png")
    assert str(error.value) == GRAPHVIZ_MISSING.format(fmt="png")
    assert "apt-get install graphviz" in str(error.value)


@needs_dot
def test_large_pictures_keep_the_most_central_nodes_with_a_note():
    from kg.export.analysis import Filters, annotate, apply, most_central
    from kg.export.dot import PICTURE_MAX_NODES, picture
    from tests.export.synthetic import synthetic_projection

    g = annotate(apply(synthetic_projection(1500), Filters()))
    assert len(g) > PICTURE_MAX_NODES
    text = picture(g)
    svg = render(text, "svg").decode()
    titles = set(map(html.unescape, re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>', svg)))
    assert titles == {n for n, _ in most_central(g)[:PICTURE_MAX_NODES]}
    assert f"The {PICTURE_MAX_NODES} most central of {len(g):,} nodes" in svg
    assert "splines=false" in text  # straight edges: spline routing was most of the drawing time
