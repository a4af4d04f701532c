"""Running SPARQL on the store: one result type for SELECT, ASK, CONSTRUCT and DESCRIBE, and clear errors.

Shared by `kg query` and the shell. The ontology's prefixes and the standard ones are predeclared; PREFIX
lines in the query still work (and win). Each kind of store evaluates in its own way (see `Store.evaluate`):
a folder's worker process, an in-memory file's forked child, a local folder's thread, an endpoint's HTTP
request; all of them stop at Ctrl-C and after `max_rows`, which keeps huge results cheap.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..errors import QueryError, QueryRefused, QueryTimeout, QueryTooLarge, StoreError
from .guard import QueryPolicy, check_query, keywords
from .messages import describe_error, translate
from .result import QueryResult

if TYPE_CHECKING:
    from ..store.base import Store

__all__ = [
    "QueryPolicy",
    "QueryResult",
    "describe_error",
    "query_kind",
    "run_query",
    "select_values",
    "strip_terminator",
]

# --- reading the query text -------------------------------------------------------------------------------

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def query_kind(text: str) -> str:
    """The query form, read past PREFIX/BASE lines, comments, strings, variables and prefixed names."""
    word = next((w for _, w in keywords(text) if w in _FORMS | _UPDATE_WORDS), "SELECT")
    return "UPDATE" if word in _UPDATE_WORDS else word


def strip_terminator(text: str) -> str:
    """'SELECT … ;' -> 'SELECT …' (the shell's end-of-query mark is not SPARQL)."""
    text = text.rstrip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    return text


# --- running ----------------------------------------------------------------------------------------------


def run_query(
    store: Store,
    text: str,
    *,
    max_rows: int | None = None,
    cancellable: bool = True,
    policy: QueryPolicy = QueryPolicy(),  # noqa: B008 - frozen: one shared default is safe
) -> QueryResult:
    """Run one SPARQL query (or update) on the store, if `policy` allows it (read-only by default; see
    kg/query/guard.py).

    `max_rows` stops reading a SELECT (or CONSTRUCT) after that many rows and marks the result truncated.
    With `cancellable`, Ctrl-C (KeyboardInterrupt) stops a running query at once; so does `policy.timeout`.
    """
    text = text.strip()
    if not text:
        raise QueryError("Empty query. Try: SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 10")
    check_query(text, policy, local_engine=not store.remote_engine)
    kind = query_kind(text)
    started = time.perf_counter()
    try:
        if kind == "UPDATE":
            store.update(text)
            return QueryResult("UPDATE", seconds=time.perf_counter() - started)
        result = store.evaluate(text, max_rows, cancellable, policy.timeout or None)
    except (QueryRefused, QueryTimeout, QueryTooLarge):
        raise
    except QueryError as e:
        cause = e.__cause__ if isinstance(e.__cause__, Exception) else e
        raise translate(text, cause) from e
    except (StoreError, OSError) as e:
        raise _fetch_error(text, e) from e
    if result.kind in {"CONSTRUCT", "DESCRIBE"}:
        result.kind = kind if kind in {"CONSTRUCT", "DESCRIBE"} else "CONSTRUCT"
    result.seconds = time.perf_counter() - started
    return result


def _fetch_error(text: str, error: Exception) -> Exception:
    """A failure inside SERVICE or LOAD is the remote side's: say so, not that the store is unreadable."""
    fetched = [w for _, w in keywords(text) if w in {"SERVICE", "LOAD"}]
    if not fetched:
        return error
    cause = error.__cause__  # the network's own words, not the store's wrapping of them
    message = str(cause if isinstance(cause, OSError) else error)
    return QueryError(f"{fetched[0]} failed: {message}")


def select_values(store: Store, text: str) -> list[tuple[str | None, ...]]:
    """Plain string values of a SELECT (IRIs and literals alike), for metadata; not cancellable."""
    return store.values(text)
