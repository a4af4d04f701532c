"""Printing query results: aligned tables with prefixed names, vertical records, CSV, TSV, SPARQL JSON, Turtle.

Tables fit the terminal when a width is given: the widest columns wrap instead of the lines running off
the screen. IRIs are shown as prefixed names, and with `labels` an entity whose name cannot be read from
its IRI gets the name next to it (`ent:zelenskyy (Volodymyr Zelenskyy)`). CSV, TSV and JSON never carry
labels: they are for programs.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..rdf.ontology import PREFIXES

if TYPE_CHECKING:
    from .run import QueryResult

__all__ = [
    "FORMATS",
    "display_width",
    "format_result",
    "format_table",
    "shorten",
    "table_fits",
    "term_text",
    "without_empty_columns",
]

FORMATS = ("table", "vertical", "csv", "tsv", "json", "turtle")  # the output formats of kg query and the shell
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_MIN_COLUMN = 10
_PROSE_MIN = 20


def shorten(iri: str) -> str:
    """'https://kg.example.org/entity/joe-biden' -> 'ent:joe-biden' (<iri> when no prefix fits)."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def term_text(node: Node | None, labels: Mapping[str, str] | None = None) -> str:
    """A term as people read it: a prefixed name (with its label where that helps), or the literal's text."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        name = shorten(str(node))
        label = labels.get(str(node)) if labels else None
        return f"{name} ({label})" if label and not _says_the_same(name, label) else name
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _says_the_same(name: str, label: str) -> bool:
    """True when the label adds nothing to the name: 'ent:joe-biden' and 'Joe Biden'."""
    local = name.rsplit(":", 1)[-1]
    return re.sub(r"[^a-z0-9]", "", local.lower()) == re.sub(r"[^a-z0-9]", "", label.lower())


def display_width(text: str) -> int:
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


# --- tables -----------------------------------------------------------------------------------------------


def format_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None = None,
    right: Sequence[bool] | None = None,
    names: Sequence[int] | None = None,
) -> str:
    """A psql-style table of text cells; with `width`, wide columns wrap so that lines fit. `names` is, per
    column, the width of its widest name (an IRI shown next to its label): prose wraps no narrower."""
    if not headers:
        return ""
    right = list(right or [False] * len(headers))
    cells = [[_one_line_breaks(c) for c in row] for row in rows]
    natural = [max([display_width(h)] + [_widest(r[i]) for r in cells]) for i, h in enumerate(headers)]
    prose = [any(" " in r[i].strip() for r in cells) for i in range(len(headers))]
    widths = _fit(natural, width, prose, names) if width else natural
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [rule, *_row_lines(headers, widths, [False] * len(widths)), "|" + rule[1:-1] + "|"]
    for row in cells:
        lines += _row_lines(row, widths, right)
    lines.append(rule)
    return "\n".join(lines) + "\n"


def _one_line_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\t", "    ")


def _widest(cell: str) -> int:
    return max((display_width(line) for line in cell.split("\n")), default=0)


def table_fits(result: QueryResult, width: int, labels: Mapping[str, str] | None = None) -> bool:
    """True when the result's table fits `width` columns with no name (IRI) broken across lines: prose
    may wrap down to _PROSE_MIN, names may not (`\\x auto` shows the others as vertical records)."""
    if result.kind != "SELECT" or result.graph is not None or not result.headers:
        return True
    cells = [[_one_line_breaks(term_text(v, labels)) for v in row] for row in result.rows]
    natural = [max([display_width(h)] + [_widest(r[i]) for r in cells]) for i, h in enumerate(result.headers)]
    prose = [any(" " in r[i].strip() for r in cells) for i in range(len(result.headers))]
    floor = _floor(natural, prose, _name_widths(result))
    return sum(floor) + 3 * len(floor) + 1 <= width


def _name_widths(result: QueryResult) -> list[int]:
    """Per column, the width of its widest IRI as a prefixed name (0 where it holds none)."""
    return [
        max((display_width(term_text(r[i])) for r in result.rows if isinstance(r[i], URIRef)), default=0)
        for i in range(len(result.headers))
    ]


def _floor(natural: list[int], prose: list[bool], names: Sequence[int] | None) -> list[int]:
    """The narrowest each column may get before a name breaks: prose _PROSE_MIN (or its widest name)."""
    names = names or [0] * len(natural)
    return [min(w, max(_PROSE_MIN, n)) if p else w for w, p, n in zip(natural, prose, names, strict=True)]


def without_empty_columns(result: QueryResult) -> QueryResult:
    """The result without the columns that no row binds (they take no width)."""
    if result.kind != "SELECT" or result.graph is not None or not result.rows:
        return result
    keep = [i for i in range(len(result.headers)) if any(row[i] not in (None, Literal("")) for row in result.rows)]
    if len(keep) == len(result.headers):
        return result
    return replace(
        result, headers=[result.headers[i] for i in keep], rows=[tuple(row[i] for i in keep) for row in result.rows]
    )


def _fit(natural: list[int], width: int, prose: list[bool], names: Sequence[int] | None = None) -> list[int]:
    """Column widths that fit `width`. Names (cells without spaces) keep their width while every column
    of prose still gets _PROSE_MIN (or the width of its widest name); the room left goes to prose in
    proportion to its length. Only when that cannot fit are names broken too."""
    room = width - (3 * len(natural) + 1)
    if sum(natural) <= room:
        return natural
    floor = _floor(natural, prose, names)
    if sum(floor) > room:  # names must break as well: cap them, prose at its floor
        names = [w for w, p in zip(natural, prose, strict=True) if not p]
        cap = _cap(names, room - sum(f for f, p in zip(floor, prose, strict=True) if p)) if names else 0
        floor = [f if p else min(w, cap) for f, w, p in zip(floor, natural, prose, strict=True)]
        if sum(floor) > room:
            cap = _cap(natural, room)
            return [min(w, cap) for w in natural]
    spare = room - sum(floor)
    wants = [w - f for w, f in zip(natural, floor, strict=True)]
    total = sum(wants) or 1
    widths = [f + spare * want // total for f, want in zip(floor, wants, strict=True)]
    return [min(w, n) for w, n in zip(widths, natural, strict=True)]


def _cap(widths: list[int], room: int) -> int:
    """The largest width limit (at least _MIN_COLUMN) under which the columns fit in `room`."""
    low, high = _MIN_COLUMN, max(widths)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in widths) <= room:
            low = cap
        else:
            high = cap - 1
    return low


def _row_lines(row: Sequence[str], widths: list[int], right: list[bool]) -> list[str]:
    wrapped = [_wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
    height = max((len(c) for c in wrapped), default=1)
    lines = []
    for i in range(height):
        parts = []
        for cell, w, r in zip(wrapped, widths, right, strict=True):
            text = cell[i] if i < len(cell) else ""
            pad = " " * max(0, w - display_width(text))
            parts.append(f" {pad}{text} " if r else f" {text}{pad} ")
        lines.append("|" + "|".join(parts) + "|")
    return lines


def _wrap(cell: str, width: int) -> list[str]:
    out: list[str] = []
    for line in cell.split("\n") or [""]:
        if display_width(line) <= width:
            out.append(line)
        else:
            out += textwrap.wrap(line, width, break_on_hyphens=True, drop_whitespace=True) or [""]
    return out or [""]


def _is_number(node: Node | None) -> bool:
    return isinstance(node, Literal) and node.datatype is not None and str(node.datatype) in _NUMERIC


def _table(result: QueryResult, width: int | None, labels: Mapping[str, str] | None) -> str:
    rows = [[term_text(v, labels) for v in row] for row in result.rows]
    right = [
        bool(result.rows) and all(_is_number(r[i]) or r[i] is None for r in result.rows)
        for i in range(len(result.headers))
    ]
    return format_table(result.headers, rows, width, right, _name_widths(result))


def _vertical(result: QueryResult, width: int | None, labels: Mapping[str, str] | None) -> str:
    name_width = max((display_width(h) for h in result.headers), default=0)
    value_width = max(20, (width or 10_000) - name_width - 3)
    blocks = []
    for i, row in enumerate(result.rows, 1):
        lines = [f"-[ RECORD {i} ]".ljust(min(width or 40, 40), "-")]
        for header, value in zip(result.headers, row, strict=False):
            text = term_text(value, labels)
            parts = [text] if isinstance(value, URIRef) else _wrap(text, value_width)  # a name is never broken
            for j, part in enumerate(parts):
                lines.append(f"{(header if j == 0 else '').ljust(name_width)} | {part}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks) + ("\n" if blocks else "")


# --- machine formats --------------------------------------------------------------------------------------


def _json_term(node: Node) -> dict:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    assert isinstance(node, Literal)
    out = {"type": "literal", "value": str(node)}
    if node.language:
        out["xml:lang"] = node.language
    elif node.datatype and str(node.datatype) != _XSD + "string":
        out["datatype"] = str(node.datatype)
    return out


def _delimited(headers: Sequence[str], rows: Sequence[Sequence[Node | None]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([term_text(v) if isinstance(v, URIRef) else ("" if v is None else str(v)) for v in row])
    return buffer.getvalue()


def _json(result: QueryResult) -> str:
    bindings = [
        {h: _json_term(v) for h, v in zip(result.headers, row, strict=False) if v is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.headers}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"


def _graph_text(result: QueryResult, fmt: str) -> str:
    assert result.graph is not None
    if fmt == "json":
        return result.graph.serialize(format="json-ld", indent=2) + "\n"
    if fmt in {"csv", "tsv"}:
        rows = sorted(result.graph, key=lambda t: tuple(str(x) for x in t))
        return _delimited(["subject", "predicate", "object"], rows, "," if fmt == "csv" else "\t")
    return result.graph.serialize(format="turtle")


def format_result(
    result: QueryResult, fmt: str = "table", *, width: int | None = None, labels: Mapping[str, str] | None = None
) -> str:
    """Text for one result; the status line (row count, time) is the caller's to print.

    SELECT in `turtle` format prints as a table; CONSTRUCT and DESCRIBE print as Turtle in every human
    format and as subject/predicate/object rows in CSV and TSV.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format '{fmt}'. Available: {', '.join(FORMATS)}")
    if result.kind == "UPDATE":
        return ""
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        return ("yes" if result.boolean else "no") + "\n"
    if result.graph is not None:
        return _graph_text(result, fmt)
    if fmt == "json":
        return _json(result)
    if fmt in {"csv", "tsv"}:
        return _delimited(result.headers, result.rows, "," if fmt == "csv" else "\t")
    if fmt == "vertical":
        return _vertical(result, width, labels)
    return _table(result, width, labels)
