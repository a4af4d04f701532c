"""Printing query results: aligned tables with prefixed names, CSV, TSV, SPARQL JSON, vertical, Turtle."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from tabulate import tabulate

from .ontology import PREFIXES
from .query import QueryResult

__all__ = ["FORMATS", "format_result", "shorten", "term_text"]

FORMATS = ("table", "vertical", "csv", "tsv", "json", "turtle")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def shorten(iri: str) -> str:
    """'https://kg.example.org/entity/joe-biden' -> 'ent:joe-biden' (unchanged when no prefix fits)."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def term_text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return shorten(str(node))
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _json_term(node: Node) -> dict:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    assert isinstance(node, Literal)
    out = {"type": "literal", "value": str(node)}
    if node.language:
        out["xml:lang"] = node.language
    elif node.datatype and str(node.datatype) != _XSD_STRING:
        out["datatype"] = str(node.datatype)
    return out


def _delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.headers)
    for row in result.rows:
        writer.writerow([term_text(v) if isinstance(v, URIRef) else ("" if v is None else str(v)) for v in row])
    return buffer.getvalue()


def _vertical(result: QueryResult) -> str:
    width = max((len(h) for h in result.headers), default=0)
    blocks = []
    for i, row in enumerate(result.rows, 1):
        lines = [f"-[ RECORD {i} ]" + "-" * 20]
        lines += [f"{h.ljust(width)} | {term_text(v)}" for h, v in zip(result.headers, row, strict=False)]
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + ("\n" if blocks else "")


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Text for one result; the status line (row count, time) is the caller's to print."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format '{fmt}'. Available: {', '.join(FORMATS)}")
    if result.kind == "UPDATE":
        return ""
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        return ("yes" if result.boolean else "no") + "\n"
    if result.graph is not None:
        if fmt == "json":
            return result.graph.serialize(format="json-ld", indent=2)
        if fmt in {"csv", "tsv"}:
            rows = [(term_text(s), term_text(p), term_text(o)) for s, p, o in sorted(result.graph)]
            return _delimited(
                QueryResult("SELECT", ["subject", "predicate", "object"], rows), "," if fmt == "csv" else "\t"
            )
        return result.graph.serialize(format="turtle")
    if fmt == "json":
        bindings = [
            {h: _json_term(v) for h, v in zip(result.headers, row, strict=False) if v is not None}
            for row in result.rows
        ]
        return (
            json.dumps({"head": {"vars": result.headers}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"
        )
    if fmt in {"csv", "tsv"}:
        return _delimited(result, "," if fmt == "csv" else "\t")
    if fmt == "vertical":
        return _vertical(result)
    if not result.rows:
        return tabulate([], headers=result.headers, tablefmt="psql") + "\n" if result.headers else ""
    rows = [[term_text(v) for v in row] for row in result.rows]
    return tabulate(rows, headers=result.headers, tablefmt="psql", disable_numparse=True) + "\n"
