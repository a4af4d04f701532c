"""The entity graph for visual tools: GraphML (yEd, Cytoscape), GEXF (Gephi), Cytoscape JSON and CSV.

Each writer takes an annotated graph (`analysis.annotate`) and returns the file's text; nodes and edges
are written in sorted order and nothing depends on the clock, so the same graph gives the same bytes.
GraphML and GEXF are written with ElementTree rather than networkx's writers because those add a date
(GEXF), a multigraph-key column, and no yEd graphics; networkx reads both back in the tests.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "to_csv", "to_cyjs", "to_gexf", "to_graphml"]

# Attributes written for every node and edge, in this order (x, y, size and colour go into the formats'
# own graphics elements where they have them).
NODE_COLUMNS = (
    "label",
    "type",
    "aliases",
    "job_title",
    "demonym",
    "concepts",
    "sources",
    "mentions",
    "degree",
    "centrality",
    "community",
    "color",
    "size",
    "iri",
)
EDGE_COLUMNS = (
    "label",
    "predicate",
    "kind",
    "fact_type",
    "polarity",
    "modality",
    "asserted",
    "confidence",
    "sources",
    "weight",
    "documents",
    "sentences",
    "quotes",
    "place",
    "time",
    "facts",
)
_GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}
_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
_Y = "http://www.yworks.com/xml/graphml"
_GEXF = "http://www.gexf.net/1.2draft"
_VIZ = "http://www.gexf.net/1.2draft/viz"


def _nodes(g: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    return sorted(g.nodes(data=True))


def _edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    return sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _xml(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _column_types(sample: dict, columns: tuple[str, ...], types: dict[type, str]) -> dict[str, str]:
    return {c: types[type(sample[c])] for c in columns}


# --- GraphML with yEd graphics ------------------------------------------------------------------------


def _graphml_keys(root: ET.Element, g: nx.MultiDiGraph) -> None:
    node = _column_types(_nodes(g)[0][1], NODE_COLUMNS, _GRAPHML_TYPES) if len(g) else {}
    edge = _column_types(_edges(g)[0][3], EDGE_COLUMNS, _GRAPHML_TYPES) if g.number_of_edges() else {}
    for scope, columns in (("node", node), ("edge", edge)):
        for name, kind in columns.items():
            ET.SubElement(root, "key", {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name, "attr.type": kind})
    ET.SubElement(root, "key", {"id": "node_name", "for": "node", "attr.name": "name", "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "yed_node", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, "key", {"id": "yed_edge", "for": "edge", "yfiles.type": "edgegraphics"})


def _yed_node(parent: ET.Element, d: dict) -> None:
    shape = ET.SubElement(ET.SubElement(parent, "data", key="yed_node"), f"{{{_Y}}}ShapeNode")
    width = max(60.0, 7.0 * len(d["label"]) * (0.7 + d["size"] / 40))
    height = 20 + d["size"]
    ET.SubElement(
        shape,
        f"{{{_Y}}}Geometry",
        x=f"{d['x'] - width / 2:.1f}",
        y=f"{-d['y'] - height / 2:.1f}",
        width=f"{width:.1f}",
        height=f"{height:.1f}",
    )
    ET.SubElement(shape, f"{{{_Y}}}Fill", color=d["color"], transparent="false")
    ET.SubElement(shape, f"{{{_Y}}}BorderStyle", color="#555555", type="line", width="1.0")
    label = ET.SubElement(shape, f"{{{_Y}}}NodeLabel", fontSize=f"{10 + d['size'] / 4:.0f}")
    label.text = d["label"]
    ET.SubElement(shape, f"{{{_Y}}}Shape", type="roundrectangle" if d["type"] == "Concept" else "ellipse")


def _yed_edge(parent: ET.Element, d: dict) -> None:
    line = ET.SubElement(ET.SubElement(parent, "data", key="yed_edge"), f"{{{_Y}}}PolyLineEdge")
    dashed = not d["asserted"] or d["kind"] == "place"
    color = "#B8C0CC" if d["kind"] == "statement" else ("#888888" if dashed else "#333333")
    width = f"{1 + min(d['sources'], 5) * 0.4:.1f}"
    ET.SubElement(line, f"{{{_Y}}}LineStyle", color=color, type="dashed" if dashed else "line", width=width)
    ET.SubElement(line, f"{{{_Y}}}Arrows", source="none", target="standard")
    label = ET.SubElement(line, f"{{{_Y}}}EdgeLabel", fontSize="9", textColor="#444444")
    label.text = d["label"]
    ET.SubElement(line, f"{{{_Y}}}BendStyle", smoothed="true")


def to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML that yEd opens with labels, colours and the layout, and Cytoscape with every attribute."""
    ET.register_namespace("", "http://graphml.graphdrawing.org/xmlns")
    ET.register_namespace("y", _Y)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element(
        f"{{{ns}}}graphml",
        {
            "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation": f"{ns} "
            "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
        },
    )
    _graphml_keys(root, g)
    graph = ET.SubElement(root, "graph", id="kg", edgedefault="directed")
    for n, d in _nodes(g):
        node = ET.SubElement(graph, "node", id=n)
        for c in NODE_COLUMNS:
            ET.SubElement(node, "data", key=f"n_{c}").text = _text(d[c])
        ET.SubElement(node, "data", key="node_name").text = d["label"]  # Cytoscape shows `name`
        _yed_node(node, d)
    for u, v, k, d in _edges(g):
        edge = ET.SubElement(graph, "edge", id=k, source=u, target=v)
        for c in EDGE_COLUMNS:
            ET.SubElement(edge, "data", key=f"e_{c}").text = _text(d[c])
        _yed_edge(edge, d)
    for element in root.iter():  # plain GraphML elements live in the default namespace
        if not element.tag.startswith("{"):
            element.tag = f"{{{ns}}}{element.tag}"
    return _xml(root)


# --- GEXF with Gephi's viz extension ----------------------------------------------------------------------


def _gexf_attributes(graph: ET.Element, scope: str, sample: dict | None, columns: tuple[str, ...]) -> None:
    attributes = ET.SubElement(graph, f"{{{_GEXF}}}attributes", {"class": scope, "mode": "static"})
    for name, kind in (_column_types(sample, columns, _GEXF_TYPES) if sample else {}).items():
        ET.SubElement(attributes, f"{{{_GEXF}}}attribute", id=name, title=name, type=kind)


def _attvalues(parent: ET.Element, d: dict, columns: tuple[str, ...]) -> None:
    values = ET.SubElement(parent, f"{{{_GEXF}}}attvalues")
    for c in columns:
        ET.SubElement(values, f"{{{_GEXF}}}attvalue", {"for": c, "value": _text(d[c])})


def _rgb(color: str) -> dict[str, str]:
    return {"r": str(int(color[1:3], 16)), "g": str(int(color[3:5], 16)), "b": str(int(color[5:7], 16))}


def to_gexf(g: nx.MultiDiGraph) -> str:
    """GEXF 1.2 that Gephi opens laid out (ForceAtlas2), coloured by type and sized by centrality."""
    ET.register_namespace("", _GEXF)
    ET.register_namespace("viz", _VIZ)
    root = ET.Element(f"{{{_GEXF}}}gexf", version="1.2")
    meta = ET.SubElement(root, f"{{{_GEXF}}}meta")
    ET.SubElement(meta, f"{{{_GEXF}}}creator").text = "kg"
    ET.SubElement(meta, f"{{{_GEXF}}}description").text = "Entity graph: entities and concepts, facts as edges"
    graph = ET.SubElement(root, f"{{{_GEXF}}}graph", defaultedgetype="directed", mode="static")
    node_columns = tuple(c for c in NODE_COLUMNS if c not in {"label", "color", "size"})
    edge_columns = tuple(c for c in EDGE_COLUMNS if c not in {"label", "weight"})
    _gexf_attributes(graph, "node", _nodes(g)[0][1] if len(g) else None, node_columns)
    _gexf_attributes(graph, "edge", _edges(g)[0][3] if g.number_of_edges() else None, edge_columns)
    nodes = ET.SubElement(graph, f"{{{_GEXF}}}nodes")
    for n, d in _nodes(g):
        node = ET.SubElement(nodes, f"{{{_GEXF}}}node", id=n, label=d["label"])
        _attvalues(node, d, node_columns)
        ET.SubElement(node, f"{{{_VIZ}}}color", {**_rgb(d["color"]), "a": "1.0"})
        ET.SubElement(node, f"{{{_VIZ}}}position", x=str(d["x"]), y=str(d["y"]), z="0.0")
        ET.SubElement(node, f"{{{_VIZ}}}size", value=str(d["size"]))
    edges = ET.SubElement(graph, f"{{{_GEXF}}}edges")
    for u, v, k, d in _edges(g):
        edge = ET.SubElement(
            edges, f"{{{_GEXF}}}edge", id=k, source=u, target=v, label=d["label"], weight=str(float(d["weight"]))
        )
        _attvalues(edge, d, edge_columns)
        color = "#B8C0CC" if d["kind"] == "statement" else ("#888888" if not d["asserted"] else "#555555")
        ET.SubElement(edge, f"{{{_VIZ}}}color", {**_rgb(color), "a": "1.0"})
        ET.SubElement(edge, f"{{{_VIZ}}}thickness", value=f"{1 + min(d['sources'], 5) * 0.4:.1f}")
        ET.SubElement(edge, f"{{{_VIZ}}}shape", value="solid" if d["asserted"] else "dashed")
    return _xml(root)


# --- Cytoscape JSON and CSV -------------------------------------------------------------------------------

_CY_STYLE = [
    {
        "selector": "node",
        "style": {
            "label": "data(label)",
            "background-color": "data(color)",
            "width": "data(size)",
            "height": "data(size)",
            "font-size": 10,
        },
    },
    {
        "selector": "edge",
        "style": {
            "label": "data(label)",
            "curve-style": "bezier",
            "target-arrow-shape": "triangle",
            "font-size": 8,
            "width": "mapData(sources, 0, 5, 1, 3)",
        },
    },
    {"selector": "edge[!asserted]", "style": {"line-style": "dashed"}},
    {"selector": "edge[kind = 'statement']", "style": {"line-color": "#B8C0CC", "label": ""}},
]


def to_cyjs(g: nx.MultiDiGraph) -> str:
    """Cytoscape.js JSON (`cy.json()` shape), which Cytoscape desktop imports as a .cyjs network with its
    layout; `networkx.cytoscape_graph` reads it too."""
    nodes = [
        {
            "data": {"id": n, "value": n, "name": d["label"], **{c: d[c] for c in NODE_COLUMNS}},
            "position": {"x": d["x"], "y": -d["y"]},
        }
        for n, d in _nodes(g)
    ]
    edges = [
        {"data": {"id": k, "source": u, "target": v, "key": k, **{c: d[c] for c in EDGE_COLUMNS}}}
        for u, v, k, d in _edges(g)
    ]
    document = {
        "format_version": "1.0",
        "generated_by": "kg",
        "target_cytoscapejs_version": "~3.30",
        "data": {"name": "kg entity graph"},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
        "style": _CY_STYLE,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(g: nx.MultiDiGraph) -> tuple[str, str]:
    """nodes.csv (id, attributes, x, y) and edges.csv (source, target, id, attributes)."""
    nodes, edges = io.StringIO(), io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(["id", *NODE_COLUMNS, "x", "y"])
    writer.writerows([n, *(_text(d[c]) for c in NODE_COLUMNS), d["x"], d["y"]] for n, d in _nodes(g))
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(["source", "target", "id", *EDGE_COLUMNS])
    writer.writerows([u, v, k, *(_text(d[c]) for c in EDGE_COLUMNS)] for u, v, k, d in _edges(g))
    return nodes.getvalue(), edges.getvalue()
