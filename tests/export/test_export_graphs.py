"""The entity graph: projected from the store, filtered, and read back by networkx from every format."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from kg.export.analysis import COLORS, Filters, annotate, apply
from kg.export.graphs import EDGE_COLUMNS, NODE_COLUMNS
from kg.rdf.ontology import sparql_prologue

pytestmark = pytest.mark.slow  # exports a built store


def _same_graph(read: nx.MultiDiGraph, g: nx.MultiDiGraph, node_columns, edge_columns) -> None:
    assert set(read.nodes) == set(g.nodes)
    assert {(u, v, str(k)) for u, v, k in read.edges(keys=True)} == set(g.edges(keys=True))
    for n, d in g.nodes(data=True):
        assert {c: read.nodes[n][c] for c in node_columns} == {c: d[c] for c in node_columns}, n
    for u, v, k, d in g.edges(keys=True, data=True):
        assert {c: read.edges[u, v, k][c] for c in edge_columns} == {c: d[c] for c in edge_columns}, k


def test_projection_matches_the_store(exported, sample_store):
    _, _, g, full = exported
    facts = sample_store.select(
        sparql_prologue() + "SELECT ?f ?n ?c WHERE { ?f kg:subject ?s ; kg:object ?o ; kg:polarity kg:Positive ; "
        "kg:modality kg:Asserted ; kg:sourceCount ?n ; kg:confidence ?c FILTER(?s != ?o) "
        "FILTER NOT EXISTS { ?o a kg:Concept } }"  # facts about a concept are folded (below)
    )
    edges = {k: d for *_, k, d in g.edges(keys=True, data=True)}
    assert len(facts) >= 10
    for f, n, c in facts:
        key = "fact:" + str(f).rsplit("/", 1)[-1]
        assert edges[key]["sources"] == int(n) and edges[key]["confidence"] == float(c)
        assert edges[key]["asserted"] and edges[key]["sentences"] and edges[key]["documents"]
    assert all(n.startswith(("ent:", "concept:")) for n in g)  # no evidence, sentence or document nodes
    assert {d["type"] for _, d in g.nodes(data=True)} <= set(COLORS)
    biden = g.nodes["ent:joe-biden"]
    assert biden["label"] == "Joe Biden" and "Biden" in biden["aliases"] and biden["sources"] == 5
    negated = [d for *_, d in full.edges(data=True) if not d["asserted"]]
    assert negated and not [d for *_, d in g.edges(data=True) if not d["asserted"]]


def test_include_negated_draws_them_dashed(exported):
    _, _, _, full = exported
    g = annotate(apply(full, Filters(include_negated=True)))
    denied = g.edges["ent:vladimir-putin", "ent:ukraine", "fact:vladimir-putin-invades-ukraine-denied"]
    assert not denied["asserted"] and denied["modality"] == "denied" and denied["label"] == "invades (denied)"
    from kg.export.dot import to_dot

    assert 'label="invades (denied)"' in to_dot(g) and "style=dashed" in to_dot(g)


def test_analytics_are_node_attributes(exported):
    _, _, g, _ = exported
    assert sum(d["centrality"] for _, d in g.nodes(data=True)) == pytest.approx(1.0, abs=1e-3)
    top = max(g.nodes, key=lambda n: g.nodes[n]["centrality"])
    assert g.nodes[top]["label"] in {"Joe Biden", "Vladimir Putin", "Russia"}
    communities = {d["community"] for _, d in g.nodes(data=True)}
    assert len(communities) > 2 and min(communities) == 1
    assert all(g.nodes[n]["degree"] == g.degree(n) > 0 for n in g)


@pytest.mark.parametrize(
    ("filters", "check"),
    [
        (
            Filters(types=("person", "Country")),
            lambda g: {d["type"] for _, d in g.nodes(data=True)} <= {"Person", "Country"},
        ),
        (Filters(min_sources=2), lambda g: all(d["sources"] >= 2 for _, d in g.nodes(data=True))),
        (Filters(top=5), lambda g: len(g) == 5 and "ent:joe-biden" in g),
        (
            Filters(around="Blinken", hops=1),
            lambda g: (
                "ent:antony-blinken" in g
                and all(nx.has_path(g.to_undirected(), "ent:antony-blinken", n) for n in g)
                and "ent:joe-biden" not in g
            ),
        ),
    ],
)
def test_filters(exported, filters, check):
    _, _, _, full = exported
    g = apply(full, filters)
    assert len(g) and check(g)


def test_filter_errors_name_the_options(exported):
    from kg.errors import ExportError

    _, _, _, full = exported
    with pytest.raises(ExportError, match=r"Unknown type 'Persons'\. Available: Person, Organization"):
        apply(full, Filters(types=("Persons",)))
    with pytest.raises(ExportError, match=r"No entity named 'Jo Bidenn' in the graph\. Did you mean: Joe Biden"):
        apply(full, Filters(around="Jo Bidenn"))


def test_graphml_reads_back_in_networkx_with_yed_labels(exported):
    folder, _, g, _ = exported
    read = nx.read_graphml(folder / "graph.graphml", force_multigraph=True)
    _same_graph(read, g, NODE_COLUMNS, EDGE_COLUMNS)
    for n, d in g.nodes(data=True):  # networkx reads yEd's y:NodeLabel and y:Geometry too
        assert read.nodes[n]["name"] == d["label"] and read.nodes[n]["shape_type"] in {"ellipse", "roundrectangle"}
        assert float(read.nodes[n]["x"]) < d["x"] < float(read.nodes[n]["x"]) + 400
    text = (folder / "graph.graphml").read_text()
    assert 'yfiles.type="nodegraphics"' in text and "<y:EdgeLabel" in text


def test_gexf_reads_back_with_colours_sizes_and_layout(exported):
    folder, _, g, _ = exported
    read = nx.read_gexf(folder / "graph.gexf")
    columns = [c for c in NODE_COLUMNS if c not in {"color", "size"}]
    _same_graph(read, g, columns, [c for c in EDGE_COLUMNS if c != "weight"])
    for n, d in g.nodes(data=True):
        viz = read.nodes[n]["viz"]
        assert "#{r:02X}{g:02X}{b:02X}".format(**viz["color"]) == COLORS[d["type"]]
        assert (viz["position"]["x"], viz["position"]["y"], viz["size"]) == (d["x"], d["y"], d["size"])
    assert "lastmodifieddate" not in (folder / "graph.gexf").read_text()
    xs = [d["x"] for _, d in g.nodes(data=True)]
    assert max(xs) - min(xs) > 500  # laid out, not a pile at the origin


def test_cyjs_reads_back_in_networkx(exported):
    folder, _, g, _ = exported
    document = json.loads((folder / "graph.cyjs").read_text())
    read = nx.cytoscape_graph(document)
    _same_graph(read, g, NODE_COLUMNS, EDGE_COLUMNS)
    assert document["elements"]["nodes"][0]["position"].keys() == {"x", "y"}


def test_csv_has_one_row_per_node_and_edge(exported):
    folder, _, g, _ = exported
    with (folder / "nodes.csv").open() as f:
        nodes = list(csv.DictReader(f))
    with (folder / "edges.csv").open() as f:
        edges = list(csv.DictReader(f))
    assert {r["id"] for r in nodes} == set(g.nodes) and len(nodes) == len(g)
    assert {(r["source"], r["target"], r["id"]) for r in edges} == set(g.edges(keys=True))
    row = next(r for r in edges if r["id"] == "fact:joe-biden-warns-vladimir-putin")
    assert row["label"] == "warns" and int(row["sources"]) == 3 and "Putin" in row["sentences"]


def test_concepts_are_folded_into_their_entities(exported):
    _, _, g, full = exported
    concepts = {n for n, d in full.nodes(data=True) if d["type"] == "Concept"}
    assert concepts and not concepts & set(g)
    folded = [
        (u, d["label"], full.nodes[v]["label"])
        for u, v, d in full.edges(data=True)
        if v in concepts and d["asserted"] and u in g
    ]
    assert folded
    for u, predicate, concept in folded:
        assert f"{predicate}: {concept}" in g.nodes[u]["concepts"].splitlines() or any(
            line.startswith(f"{predicate}: {concept} (") for line in g.nodes[u]["concepts"].splitlines()
        )
    assert all(d["type"] != "Concept" for _, d in g.nodes(data=True))


@pytest.mark.parametrize("filters", [Filters(concepts=True), Filters(types=("Concept", "Country"))])
def test_concepts_come_back_when_asked(exported, filters):
    _, _, _, full = exported
    g = apply(full, filters)
    concepts = [n for n, d in g.nodes(data=True) if d["type"] == "Concept"]
    assert concepts and all(g.in_degree(n) for n in concepts)
    assert not any(d["concepts"] for _, d in g.nodes(data=True))


def test_large_components_are_laid_out_quickly_and_the_same_each_time():
    from kg.export.analysis import FA2_MAX_NODES, _layout

    h = nx.relabel_nodes(nx.barabasi_albert_graph(FA2_MAX_NODES * 3, 1, seed=3), lambda i: f"ent:n{i}")
    nx.set_edge_attributes(h, 1, "weight")
    first, second = _layout(h), _layout(h)
    assert first == second and set(first) == set(h)
    assert len(set(first.values())) == len(h)  # spread out, not a pile


def test_an_empty_selection_still_exports(exported):
    from kg.export.dot import to_dot
    from kg.export.graphs import to_gexf
    from kg.export.html import to_html

    _, _, _, full = exported
    g = annotate(apply(full, Filters(min_sources=10_000)))
    assert len(g) == 0
    assert "kg-data" in to_html(g) and to_dot(g).startswith("digraph") and "<nodes" in to_gexf(g)
