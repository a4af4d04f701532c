"""Running SPARQL on the store: one result type for SELECT, ASK, CONSTRUCT and DESCRIBE, and clear errors.

Shared by `kg query` and the shell. The ontology's prefixes and the standard ones are predeclared; PREFIX
lines in the query still work (and win). Each kind of store evaluates in its own way (see `Store.evaluate`):
a folder's worker process, an in-memory file's forked child, a local folder's thread, an endpoint's HTTP
request; all of them stop at Ctrl-C and after `max_rows`, which keeps huge results cheap.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from ..errors import QueryError
from .messages import code_only, describe_error, translate
from .result import QueryResult

if TYPE_CHECKING:
    from ..store.base import Store

__all__ = ["QueryResult", "describe_error", "query_kind", "run_query", "select_values", "strip_terminator"]

# --- reading the query text -------------------------------------------------------------------------------

_KEYWORD = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I
)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def query_kind(text: str) -> str:
    """The query form, read past PREFIX/BASE lines, comments and strings."""
    match = _KEYWORD.search(code_only(text))
    if not match:
        return "SELECT"
    word = match.group(1).upper()
    return "UPDATE" if word in _UPDATE_WORDS else word


def strip_terminator(text: str) -> str:
    """'SELECT … ;' -> 'SELECT …' (the shell's end-of-query mark is not SPARQL)."""
    text = text.rstrip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    return text


# --- running ----------------------------------------------------------------------------------------------


def run_query(store: Store, text: str, *, max_rows: int | None = None, cancellable: bool = True) -> QueryResult:
    """Run one SPARQL query (or update) on the store.

    `max_rows` stops reading a SELECT (or CONSTRUCT) after that many rows and marks the result truncated.
    With `cancellable`, Ctrl-C (KeyboardInterrupt) stops a running query at once.
    """
    text = text.strip()
    if not text:
        raise QueryError("Empty query. Try: SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10")
    kind = query_kind(text)
    started = time.perf_counter()
    try:
        if kind == "UPDATE":
            store.update(text)
            return QueryResult("UPDATE", seconds=time.perf_counter() - started)
        result = store.evaluate(text, max_rows, cancellable)
    except QueryError as e:
        cause = e.__cause__ if isinstance(e.__cause__, Exception) else e
        raise translate(text, cause) from e
    if result.kind in {"CONSTRUCT", "DESCRIBE"}:
        result.kind = kind if kind in {"CONSTRUCT", "DESCRIBE"} else "CONSTRUCT"
    result.seconds = time.perf_counter() - started
    return result


def select_values(store: Store, text: str) -> list[tuple[str | None, ...]]:
    """Plain string values of a SELECT (IRIs and literals alike), for metadata; not cancellable."""
    return store.values(text)
