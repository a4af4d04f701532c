"""Running SPARQL on the store: one result type for SELECT, ASK, CONSTRUCT and DESCRIBE, and clear errors.

Shared by `kg query` and the shell. The ontology's prefixes and the standard ones are predeclared; PREFIX
lines in the query still work (and win).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.term import Node

from .errors import QueryError
from .ontology import PREFIXES
from .store import Store

__all__ = ["QueryResult", "describe_error", "query_kind", "run_query"]


@dataclass(slots=True)
class QueryResult:
    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE | UPDATE
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    seconds: float = 0.0

    @property
    def status(self) -> str:
        if self.kind == "ASK":
            return f"ASK: {'yes' if self.boolean else 'no'}"
        if self.graph is not None:
            return f"{self.kind}: {len(self.graph)} triple{'s' if len(self.graph) != 1 else ''}"
        if self.kind == "UPDATE":
            return "UPDATE: done"
        n = len(self.rows)
        return f"{n} row{'s' if n != 1 else ''}"


_KEYWORD = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I
)
_COMMENT = re.compile(r"#[^\n]*")
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def query_kind(text: str) -> str:
    """The query form, read past PREFIX/BASE lines and comments (strings are not parsed: good enough)."""
    match = _KEYWORD.search(_COMMENT.sub(" ", text))
    if not match:
        return "SELECT"
    word = match.group(1).upper()
    return "UPDATE" if word in _UPDATE_WORDS else word


def describe_error(text: str, error: Exception) -> QueryError:
    """A one-paragraph message with the line, the column and a caret under the problem."""
    message = str(error)
    match = re.search(r"(?:error at |line )(\d+):(\d+)", message)
    hint = _hint(message)
    if not match:
        return QueryError(f"Invalid SPARQL: {message.splitlines()[0]}{hint}")
    line_no, col = int(match.group(1)), int(match.group(2))
    lines = text.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    expected = message.split(":", 2)[-1].strip().splitlines()[0][:160]
    caret = " " * max(0, col - 1) + "^"
    return QueryError(f"Syntax error at line {line_no}, column {col}: {expected}\n  {line}\n  {caret}{hint}")


def _hint(message: str) -> str:
    if "Prefix not found" in message:
        return f"\nHint: unknown prefix. Known prefixes: {', '.join(sorted(PREFIXES))}; or add a PREFIX line."
    if "expected one of" in message:
        return "\nHint: check brackets, dots between triple patterns, and that the query form keyword is spelled right."
    return ""


def _unknown_prefix(text: str) -> str | None:
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([\w-]*):", text)}
    stripped = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'|<[^>\s]*>', " ", _COMMENT.sub(" ", text))
    for m in re.finditer(r"(?<![\w?$])([A-Za-z][\w-]*):(?=[\w])", stripped):
        prefix = m.group(1)
        if prefix not in PREFIXES and prefix not in declared and prefix.upper() not in {"HTTP", "HTTPS"}:
            return prefix
    return None


def run_query(store: Store, text: str) -> QueryResult:
    """Run one SPARQL query (or update) on the store."""
    if not text.strip():
        raise QueryError("Empty query. Try: SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10")
    kind = query_kind(text)
    started = time.perf_counter()
    try:
        if kind == "UPDATE":
            store.update(text)
            return QueryResult("UPDATE", seconds=time.perf_counter() - started)
        result = store.query(text)
    except QueryError as e:
        if (prefix := _unknown_prefix(text)) is not None:
            raise QueryError(
                f"Unknown prefix '{prefix}:'. Known prefixes: {', '.join(sorted(PREFIXES))}; "
                f"or declare it with PREFIX {prefix}: <...>"
            ) from e
        raise describe_error(text, e.__cause__ or e) from e
    elapsed = time.perf_counter() - started
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer), seconds=elapsed)
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        graph += result.graph
        return QueryResult(kind if kind in {"CONSTRUCT", "DESCRIBE"} else "CONSTRUCT", graph=graph, seconds=elapsed)
    headers = [str(v) for v in result.vars or []]
    rows = [tuple(row) for row in result]
    return QueryResult("SELECT", headers=headers, rows=rows, seconds=time.perf_counter() - started)
