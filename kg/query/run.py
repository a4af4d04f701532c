"""Running SPARQL on the store: one result type for SELECT, ASK, CONSTRUCT and DESCRIBE, and clear errors.

Shared by `kg query` and the shell. The ontology's prefixes and the standard ones are predeclared; PREFIX
lines in the query still work (and win).

Oxigraph never checks for signals while it evaluates, so a query that Ctrl-C can stop runs in another
process: the worker that serves a store folder (kg/store/worker.py), or a forked child for an in-memory
store (`_forked`). Reading stops after `max_rows`, which keeps huge results cheap.
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import QueryError, StoreError
from ..rdf.ontology import PREFIXES
from ..store.local import Store

__all__ = [
    "STORE_LOCK",
    "QueryResult",
    "describe_error",
    "from_oxigraph",
    "query_kind",
    "run_query",
    "select_values",
    "solutions_result",
    "strip_terminator",
    "triples_result",
]

# Held while a thread of this process uses a local store, and around fork(): a child forked while another
# thread is inside Oxigraph could inherit a held lock and hang.
STORE_LOCK = threading.RLock()


@dataclass(slots=True)
class QueryResult:
    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE | UPDATE
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    seconds: float = 0.0
    truncated: bool = False  # the query had more rows (or triples) than were fetched

    @property
    def status(self) -> str:
        if self.kind == "ASK":
            return f"ASK: {'yes' if self.boolean else 'no'}"
        more = ", more not fetched" if self.truncated else ""
        if self.graph is not None:
            return f"{self.kind}: {_plural(len(self.graph), 'triple')}{more}"
        if self.kind == "UPDATE":
            return "UPDATE: done"
        return _plural(len(self.rows), "row") + more


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


# --- reading the query text -------------------------------------------------------------------------------

_KEYWORD = re.compile(
    r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I
)
_COMMENT = re.compile(r"#[^\n]*")
_STRINGS_IRIS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>')
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def _code_only(text: str) -> str:
    """The text with strings, IRIs and comments blanked out (same length, so offsets still hold)."""
    blank = _STRINGS_IRIS.sub(lambda m: " " * len(m.group()), text)
    return _COMMENT.sub(lambda m: " " * len(m.group()), blank)


def query_kind(text: str) -> str:
    """The query form, read past PREFIX/BASE lines, comments and strings."""
    match = _KEYWORD.search(_code_only(text))
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


# --- errors -----------------------------------------------------------------------------------------------

_SPARQL_KEYWORDS = (
    "SELECT CONSTRUCT DESCRIBE ASK WHERE PREFIX BASE DISTINCT REDUCED FROM NAMED OPTIONAL FILTER UNION MINUS "
    "GRAPH SERVICE BIND VALUES GROUP ORDER LIMIT OFFSET HAVING INSERT DELETE DATA LOAD CLEAR DROP CREATE"
).split()


def describe_error(text: str, error: Exception) -> QueryError:
    """A short message with the line, the column, a caret under the problem and a one-line hint."""
    message = str(error)
    if (typo := _misspelt_keyword(text)) is not None:
        (line_no, col), word, keyword = typo
        return QueryError(
            f"Syntax error at line {line_no}, column {col}: unknown keyword '{word}'\n"
            f"{_caret(text, line_no, col)}\nHint: did you mean {keyword}?"
        )
    match = re.search(r"(?:error at |line )(\d+):(\d+)", message)
    if not match:
        return QueryError(f"Invalid SPARQL: {message.splitlines()[0] if message else type(error).__name__}")
    line_no, col = int(match.group(1)), int(match.group(2))
    expected = _expected(message)
    return QueryError(
        f"Syntax error at line {line_no}, column {col}: {expected}\n{_caret(text, line_no, col)}\n"
        f"Hint: {_hint(text, line_no, col, expected)}"
    )


def _caret(text: str, line_no: int, col: int) -> str:
    lines = text.splitlines() or [""]
    line = lines[max(1, min(line_no, len(lines))) - 1].expandtabs(1)
    return f"  {line}\n  {' ' * max(0, col - 1)}^"


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|\b([A-Za-z][A-Za-z_]*)\b')


def _expected(message: str) -> str:
    """'expected one of ",", ".", [_], ['A'..='Z' | …]' -> "expected one of ',' '.' or a name"."""
    if "expected" not in message:
        return "unexpected input"
    tail = message.split("expected", 1)[1]
    classes = re.findall(r"\[[^\]]*\]", tail)
    tail = re.sub(r"\[[^\]]*\]", " ", tail).replace("Prefix not found", " ")
    seen: list[str] = []
    for quoted, word in _TOKEN.findall(tail):
        token = quoted or word
        if token and token not in {"one", "of"} and token not in seen:
            seen.append(token)
    if not seen:
        return "unexpected character"
    shown = " ".join(f"'{t}'" for t in seen[:10]) + (" …" if len(seen) > 10 else "")
    return f"expected {'one of ' if len(seen) > 1 or classes else ''}{shown}" + (" or a name" if classes else "")


def _hint(text: str, line_no: int, col: int, expected: str) -> str:
    code = _code_only(text)
    opened = code.count("{") - code.count("}")
    if opened > 0:
        return f"{opened} '{{' {'is' if opened == 1 else 'are'} not closed: add '}}'."
    if opened < 0:
        return "there is a '}' without a matching '{'."
    if code.count("(") != code.count(")"):
        return "the parentheses do not match."
    line = (text.splitlines() or [""])[max(1, line_no) - 1]
    if line.count('"') % 2 or line.count("'") % 2:
        return "a string is not closed: end it with the same quote it starts with."
    if "'.'" in expected or "'OPTIONAL'" in expected:
        return "is a '.' missing between two triple patterns before the caret?"
    return "check the spelling of the keyword or name at the caret, and the punctuation just before it."


def _misspelt_keyword(text: str) -> tuple[tuple[int, int], str, str] | None:
    """A bare word that looks like a mistyped SPARQL keyword ('SELEC', 'WHRE'), with its position."""
    code = _code_only(text)
    for match in re.finditer(r"(?<![\w?$:.\-])([A-Za-z]{3,})\b(?![:(])", code):
        word = match.group(1)
        if word.upper() in _SPARQL_KEYWORDS or word in {"a", "true", "false"} or word.upper() in _FUNCTION_NAMES:
            continue
        close = difflib.get_close_matches(word.upper(), _SPARQL_KEYWORDS, n=1, cutoff=0.75)
        if close:
            before = text[: match.start()]
            return (before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1), word, close[0]
    return None


_FUNCTION_NAMES = set(
    "STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE "
    "ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS "
    "TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI "
    "ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE EXISTS COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT "
    "SEPARATOR AS BY ASC DESC NOT IN UNDEF USING DEFAULT ALL INTO TO SILENT ADD MOVE COPY WITH".split()
)


def _unknown_prefix(text: str) -> tuple[str, int, int] | None:
    """The first prefix used but neither predeclared nor declared, with its line and column."""
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([\w-]*):", text)}
    code = _code_only(text)
    for m in re.finditer(r"(?<![\w?$.-])([A-Za-z][\w.-]*)?:(?=[\w%\\-])", code):
        prefix = m.group(1) or ""
        if prefix not in PREFIXES and prefix not in declared:
            before = text[: m.start()]
            return prefix, before.count("\n") + 1, m.start() - (before.rfind("\n") + 1) + 1
    return None


def _prefix_error(text: str, found: tuple[str, int, int]) -> QueryError:
    prefix, line_no, col = found
    return QueryError(
        f"Unknown prefix '{prefix}:' at line {line_no}, column {col}\n{_caret(text, line_no, col)}\n"
        f"Hint: the known prefixes are {', '.join(sorted(PREFIXES))}; "
        f"or declare it first: PREFIX {prefix}: <http://…>"
    )


def _translate(text: str, error: Exception) -> QueryError:
    if (found := _unknown_prefix(text)) is not None:
        return _prefix_error(text, found)
    return describe_error(text, error)


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
            _update(store, text)
            return QueryResult("UPDATE", seconds=time.perf_counter() - started)
        result = _evaluate(store, text, max_rows, cancellable)
    except QueryError as e:
        raise _translate(text, e.__cause__ or e) from e
    if result.kind in {"CONSTRUCT", "DESCRIBE"}:
        result.kind = kind if kind in {"CONSTRUCT", "DESCRIBE"} else "CONSTRUCT"
    result.seconds = time.perf_counter() - started
    return result


def _update(store: Store, text: str) -> None:
    native = getattr(store, "oxigraph", None)
    if native is None or hasattr(store, "evaluate"):
        store.update(text)
        return
    with STORE_LOCK:
        try:
            native.update(text, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(f"Store '{store.location}' could not be written: {e}") from e


def _evaluate(store: Store, text: str, max_rows: int | None, cancellable: bool) -> QueryResult:
    """The fastest way the store offers that Ctrl-C can stop: a worker process it kills (kg.store.worker),
    a forked child for in-memory stores (no background threads: safe to fork), else a thread it abandons."""
    if hasattr(store, "evaluate"):
        return store.evaluate(text, max_rows)  # type: ignore[attr-defined]
    native = getattr(store, "oxigraph", None)
    if native is None:
        run = lambda: _from_rdflib(store.query(text), max_rows)  # noqa: E731
        return _in_thread(run) if cancellable else run()
    if cancellable and getattr(store, "forkable", False) and hasattr(os, "fork"):
        return _forked(native, text, max_rows)
    run = lambda: _native(native, text, max_rows)  # noqa: E731
    return _in_thread(run) if cancellable else run()


def _native(native: Any, text: str, max_rows: int | None) -> QueryResult:
    import pyoxigraph as ox

    with STORE_LOCK:
        try:
            answer = native.query(text, prefixes=PREFIXES)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                return solutions_result(answer, max_rows)
            return triples_result(answer, max_rows)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        except OSError as e:
            raise StoreError(f"The store could not be read: {e}") from e


def solutions_result(solutions: Any, max_rows: int | None) -> QueryResult:
    """pyoxigraph QuerySolutions as a QueryResult of rdflib terms (at most max_rows of them)."""
    headers = [v.value for v in solutions.variables]
    rows, truncated = _take((tuple(from_oxigraph(t) for t in s) for s in solutions), max_rows)
    return QueryResult("SELECT", headers=headers, rows=rows, truncated=truncated)


def triples_result(triples: Iterable[Any], max_rows: int | None) -> QueryResult:
    """pyoxigraph triples as a CONSTRUCT QueryResult holding an rdflib graph (at most max_rows triples)."""
    graph = _prefixed_graph()
    taken, truncated = _take(
        ((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in triples), max_rows
    )
    graph += taken
    return QueryResult("CONSTRUCT", graph=graph, truncated=truncated)


def _take(items: Iterator[Any], limit: int | None) -> tuple[list[Any], bool]:
    out = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def _prefixed_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def _from_rdflib(result: Any, max_rows: int | None) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        graph = _prefixed_graph()
        graph += result.graph
        return QueryResult("CONSTRUCT", graph=graph)
    rows, truncated = _take((tuple(row) for row in result), max_rows)
    return QueryResult("SELECT", headers=[str(v) for v in result.vars or []], rows=rows, truncated=truncated)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_oxigraph(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals)."""
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    return Literal(str(term))  # an RDF-star quoted triple: shown as text


def select_values(store: Store, text: str) -> list[tuple[str | None, ...]]:
    """Plain string values of a SELECT (IRIs and literals alike), for metadata; not cancellable."""
    if hasattr(store, "values"):
        return store.values(text)  # type: ignore[attr-defined]
    native = getattr(store, "oxigraph", None)
    if native is None:
        return [tuple(None if v is None else str(v) for v in row) for row in store.select(text)]
    with STORE_LOCK:
        try:
            return [tuple(None if t is None else t.value for t in s) for s in native.query(text, prefixes=PREFIXES)]
        except SyntaxError as e:
            raise QueryError(str(e)) from e


# --- cancellation -----------------------------------------------------------------------------------------


def _in_thread(run: Callable[[], QueryResult]) -> QueryResult:
    """Run in a daemon thread so that Ctrl-C returns at once (the abandoned thread finishes on its own)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = run()
        except BaseException as e:
            box["error"] = e

    worker = threading.Thread(target=target, daemon=True, name="kg-query")
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
    if "error" in box:
        raise box["error"]
    return box["result"]


def _forked(native: Any, text: str, max_rows: int | None) -> QueryResult:
    """Evaluate in a forked child that streams results back through a pipe; Ctrl-C kills the child."""
    read_fd, write_fd = os.pipe()
    with STORE_LOCK:
        pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(native, text, write_fd)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            return _read_child(pipe, max_rows)
    finally:
        _reap(pid)


def _child(native: Any, text: str, write_fd: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills us on Ctrl-C
        import pyoxigraph as ox

        with os.fdopen(write_fd, "wb", buffering=1 << 16) as out:
            try:
                answer = native.query(text, prefixes=PREFIXES)
            except (SyntaxError, OSError) as e:
                out.write(f"ERROR {type(e).__name__}\n{e}".encode())
                return
            if isinstance(answer, ox.QueryBoolean):
                out.write(b"ASK true\n" if bool(answer) else b"ASK false\n")
            elif isinstance(answer, ox.QuerySolutions):
                out.write(b"SELECT\n")
                answer.serialize(out, ox.QueryResultsFormat.TSV)
            else:
                out.write(b"GRAPH\n")
                answer.serialize(out, ox.RdfFormat.N_TRIPLES)
    except BrokenPipeError:
        pass  # the parent read enough rows and went away
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _read_child(pipe: Any, max_rows: int | None) -> QueryResult:
    import pyoxigraph as ox

    header = pipe.readline().decode().strip()
    if header.startswith("ERROR"):
        message = pipe.read().decode(errors="replace")
        if header.endswith("SyntaxError"):
            raise QueryError(message) from SyntaxError(message)
        raise StoreError(f"The store could not be read: {message}")
    if header.startswith("ASK"):
        return QueryResult("ASK", boolean=header.endswith("true"))
    if header == "SELECT":
        return solutions_result(ox.parse_query_results(pipe, ox.QueryResultsFormat.TSV), max_rows)
    if header == "GRAPH":
        return triples_result(ox.parse(pipe, ox.RdfFormat.N_TRIPLES), max_rows)
    raise StoreError("The query process ended without an answer (out of memory?).")


def _reap(pid: int) -> None:
    """Stop the child if it still runs (Ctrl-C, or rows beyond max_rows) and collect it."""
    try:
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
