"""A store on a remote SPARQL 1.1 endpoint (Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso, ...).

`RemoteStore` is a `Store` (kg/store/base.py) that speaks the standard protocols over plain HTTP:
  * queries: SPARQL 1.1 Protocol, POST application/sparql-query; results as SPARQL JSON/XML or N-Triples;
  * updates: POST application/sparql-update, one request per batch of documents;
  * export: the Graph Store Protocol (GET ?default as N-Triples), else a CONSTRUCT of the default graph,
    streamed through pyoxigraph's parser and Turtle writer (never the whole graph in memory).

Transient failures (connection refused or reset, timeouts, HTTP 429/5xx) are retried with exponential
backoff for up to `retry_seconds`; then an `EndpointError` says what happened and that re-running the build
resumes it. Retrying an update is safe because every update kg sends is idempotent (INSERT DATA of the same
triples, deletes of values it then re-inserts).
"""

from __future__ import annotations

import http.client
import io
import os
import re
import socket
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import Result

from ..errors import EndpointError, QueryError
from ..files import atomic_write
from ..rdf.ontology import PREFIXES
from .base import RDF_FORMATS, Store
from .credentials import auth_header, without_credentials
from .transport import DeadlinePassed, HTTPFailure, Response, Timeouts, send

if TYPE_CHECKING:
    from ..query.result import QueryResult

__all__ = ["Endpoints", "RemoteStore", "endpoints_for", "with_prefixes"]

DEFAULT_RETRY_SECONDS = 60.0
LONG_READ = 300.0  # seconds of silence an update or an export may take (a 16 MiB batch on a busy server)
DEFAULT_MAX_UPDATE_BYTES = 16 * 1024 * 1024  # larger batches are split (see kg/build/strategy.py)
_TRANSIENT_HTTP = {408, 429, 500, 502, 503, 504}
_RESULTS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.8, "
    "application/n-triples;q=0.9, text/turtle;q=0.7, application/rdf+xml;q=0.5"
)
_GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@dataclass(frozen=True, slots=True)
class Endpoints:
    query: str
    update: str
    graph_store: tuple[str, ...]  # candidates, tried in order; the default graph is GET ?default


def endpoints_for(url: str) -> Endpoints:
    """The query, update and graph store URLs of an endpoint, from the one URL the user gives.

    Oxigraph server and Fuseki: the server or dataset URL, or its /query endpoint (update at /update; graph
    store at /store for Oxigraph, /data for Fuseki). GraphDB and RDF4J: .../repositories/NAME. Virtuoso:
    .../sparql. KG_UPDATE_URL and KG_GRAPH_STORE_URL override the guesses.
    """
    url = url.rstrip("/")
    parts = urllib.parse.urlsplit(url)
    path = parts.path
    if path.endswith("/query"):
        base = url[: -len("/query")]
        found = Endpoints(url, base + "/update", (base + "/store", base + "/data"))
    elif path.endswith("/sparql"):
        base = url[: -len("/sparql")]
        found = Endpoints(url, url, (base + "/sparql-graph-crud", base + "/store", base + "/data"))
    elif re.search(r"/repositories/[^/]+$", path):
        found = Endpoints(url, url + "/statements", (url + "/rdf-graphs/service",))
    else:
        found = Endpoints(url + "/query", url + "/update", (url + "/store", url + "/data"))
    update = os.environ.get("KG_UPDATE_URL") or found.update
    stores = (os.environ["KG_GRAPH_STORE_URL"],) if os.environ.get("KG_GRAPH_STORE_URL") else found.graph_store
    return Endpoints(found.query, update, stores)


def with_prefixes(text: str) -> tuple[str, int]:
    """The query with kg's prefixes declared in front, on its first line so that line numbers stay right.

    Returns the text and the number of characters added to line 1. Prefixes the query declares itself win.
    """
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([\w-]*)\s*:", text)}
    prologue = "".join(f"PREFIX {p}: <{ns}> " for p, ns in PREFIXES.items() if p not in declared)
    return prologue + text, len(prologue)


_POSITION = re.compile(r"(?i)(?:error at |at line |line )(\d+)(?::|, column )(\d+)")


def _query_error(message: str, added: int) -> QueryError:
    """The endpoint's syntax error, with the column on line 1 moved back past the added prefixes."""
    message = message.strip() or "the endpoint rejected the query"
    match = _POSITION.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        col = col - added if line == 1 else col
        detail = message[match.end() :].lstrip(" :.,")
        cause = SyntaxError(f"error at {line}:{max(col, 1)}: {detail}")
    else:
        cause = SyntaxError(message)
    error = QueryError(str(cause))
    error.__cause__ = cause
    return error


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint used as kg's store. Queries go through `query()` (HTTP), in a thread that Ctrl-C
    leaves behind (the base `evaluate`)."""

    kind = "SPARQL endpoint"
    remote_engine = True
    dump_formats = frozenset({"turtle", "ntriples"})

    def __init__(
        self,
        location: str,
        retry_seconds: float | None = None,
        timeouts: Timeouts | None = None,
        max_update_bytes: int | None = None,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        self.location = without_credentials(location)
        self.endpoints = endpoints_for(self.location)
        self._auth = auth_header(location)  # sent only to this host (kg/store/transport.py)
        self.retry_seconds = _env_float("KG_REMOTE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS, retry_seconds)
        self.timeouts = timeouts or Timeouts.from_env()
        # A batch update or an export may take long: only its silences are bounded (LONG_READ, as before the
        # deadline existed), unless KG_ENDPOINT_READ_TIMEOUT or KG_ENDPOINT_DEADLINE say otherwise.
        read = self.timeouts.read if timeouts or os.environ.get("KG_ENDPOINT_READ_TIMEOUT") else LONG_READ
        deadline = self.timeouts.deadline if timeouts or os.environ.get("KG_ENDPOINT_DEADLINE") else None
        self._long = Timeouts(self.timeouts.connect, read, deadline)
        self.max_update_bytes = int(
            _env_float("KG_REMOTE_MAX_UPDATE_BYTES", DEFAULT_MAX_UPDATE_BYTES, max_update_bytes)
        )
        self.on_retry = on_retry
        self._graph: Graph | None = None

    # --- the Store interface -----------------------------------------------------------------------------

    @property
    def graph(self) -> Graph:
        """The default graph read into memory (for exports), through the same bounded requests as `dump`."""
        if self._graph is None:
            graph = Graph()
            with self._open_default_graph() as resp:
                try:
                    graph.parse(data=resp.read(), format="nt")
                except DeadlinePassed:
                    raise EndpointError(f"Reading {self.location} took longer than KG_ENDPOINT_DEADLINE.") from None
                except (OSError, http.client.HTTPException) as e:
                    raise EndpointError(f"The endpoint {self.location} broke off its answer ({_reason(e)}).") from e
                except Exception as e:  # rdflib's N-Triples parser: BadSyntax and others
                    raise self._not_rdf(self.location, resp.content_type, b"", "N-Triples") from e
            for prefix, ns in PREFIXES.items():
                graph.bind(prefix, ns, override=True)
            self._graph = graph
        return self._graph

    def query(self, sparql: str, limit: float | None = None) -> Result:
        """Run a query; `limit`: seconds it may take (brings the request's deadline forward)."""
        text, added = with_prefixes(sparql)
        url = self.endpoints.query
        timeouts = self.timeouts.within(limit)
        with self._request(url, text, "application/sparql-query", _RESULTS_ACCEPT, added, timeouts) as resp:
            try:
                body = resp.read()
            except DeadlinePassed:
                raise self._too_slow(url, timeouts) from None
            except (OSError, http.client.HTTPException) as e:
                raise EndpointError(f"The endpoint {url} broke off its answer ({_reason(e)}).") from e
        try:
            return _parse_result(body, resp.content_type)
        except Exception as e:  # rdflib's parsers raise anything from ValueError to SAX errors
            raise self._not_rdf(url, resp.content_type, body, "SPARQL results") from e

    def evaluate(
        self, text: str, max_rows: int | None = None, cancellable: bool = True, timeout: float | None = None
    ) -> QueryResult:
        """The base evaluation, with the time limit also given to the HTTP request as its deadline."""
        from ..query.cancel import in_thread
        from ..query.result import rdflib_result

        def run() -> QueryResult:
            return rdflib_result(self.query(text, timeout), max_rows)

        # The request's own deadline says more (which endpoint, what to set): it goes first.
        return in_thread(run, timeout and timeout + 1.0) if cancellable else run()

    def update(self, sparql: str) -> None:
        self._graph = None
        text, added = with_prefixes(sparql)
        with self._request(self.endpoints.update, text, "application/sparql-update", "*/*", added, self._long) as resp:
            resp.read()

    def triple_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(str(rows[0][0])) if rows else 0

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        """Stream the default graph into PATH (written atomically) as Turtle or N-Triples."""
        if fmt not in self.dump_formats:
            raise self._cannot_dump(fmt)
        rdf_format = getattr(ox.RdfFormat, RDF_FORMATS[fmt])
        with self._open_default_graph() as resp:
            try:
                with atomic_write(path) as out:
                    triples = (q.triple for q in ox.parse(resp, ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]
                    ox.serialize(triples, out, rdf_format, prefixes=PREFIXES)
            except (OSError, http.client.HTTPException) as e:
                raise EndpointError(
                    f"Export from {self.location} broke off ({e}); nothing was written. Run it again."
                ) from e
            except DeadlinePassed:
                raise EndpointError(
                    f"Export from {self.location} took longer than KG_ENDPOINT_DEADLINE; nothing was written."
                ) from None
            except SyntaxError as e:
                raise EndpointError(f"The endpoint {self.location} sent data kg could not read: {e}") from e

    def close(self) -> None:
        self._graph = None

    # --- HTTP ----------------------------------------------------------------------------------------------

    def _open_default_graph(self) -> Response:
        """The default graph as N-Triples: Graph Store Protocol if the server has it, else CONSTRUCT."""
        for url in self.endpoints.graph_store:
            try:
                resp = self._send("GET", f"{url}?default", None, None, "application/n-triples", self._long)
            except _Rejected:
                continue
            if resp.content_type in {"application/n-triples", "text/plain"}:
                return resp
            resp.close()
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        resp = self._request(
            self.endpoints.query, construct, "application/sparql-query", "application/n-triples", 0, self._long
        )
        if resp.content_type not in {"application/n-triples", "text/plain"}:
            resp.close()
            raise self._not_rdf(self.endpoints.query, resp.content_type, b"", "N-Triples")
        return resp

    def _request(self, url: str, body: str, content_type: str, accept: str, added: int, timeouts: Timeouts) -> Response:
        try:
            return self._send("POST", url, body.encode("utf-8"), f"{content_type}; charset=utf-8", accept, timeouts)
        except _NotThere as e:
            raise EndpointError(
                f"No SPARQL endpoint at {url} (HTTP {e.status}). Check the --store URL, e.g. "
                "http://HOST:7878/query for Oxigraph server or http://HOST:3030/DATASET/query for Fuseki."
            ) from None
        except _Rejected as e:
            if e.status == 400:
                raise _query_error(e.message, added) from None
            if e.status in {401, 403}:
                raise EndpointError(
                    f"The endpoint {url} refused the credentials (HTTP {e.status}). Give them in the URL "
                    "(http://USER:PASSWORD@HOST/…) or in KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, or "
                    "KG_ENDPOINT_TOKEN."
                ) from None
            raise EndpointError(f"The endpoint {url} refused the request (HTTP {e.status}): {e.message}") from None

    def _send(
        self, method: str, url: str, data: bytes | None, content_type: str | None, accept: str, timeouts: Timeouts
    ) -> Response:
        """One HTTP request, retried with exponential backoff while the failure looks transient."""
        headers = {"Accept": accept, "User-Agent": "kg"}
        if content_type:
            headers["Content-Type"] = content_type
        started = time.monotonic()
        delay, attempt = 0.25, 0
        while True:
            attempt += 1
            try:
                return send(method, url, data, headers, self._auth, self.location, timeouts)
            except HTTPFailure as e:
                error = _classify(e)
            except DeadlinePassed:
                raise self._too_slow(url, timeouts) from None
            except (OSError, http.client.HTTPException) as e:
                error = _Transient(_reason(e))
            if not isinstance(error, _Transient):
                raise error
            elapsed = time.monotonic() - started
            if elapsed >= self.retry_seconds:
                raise EndpointError(
                    f"The SPARQL endpoint {url} is not answering ({error.reason}; {attempt} tries over "
                    f"{elapsed:.0f} s). Check that the server is running; re-running the same command "
                    "resumes where it stopped."
                )
            delay = min(delay, self.retry_seconds - elapsed)
            if self.on_retry is not None and attempt == 1:  # once per request, not once per try
                self.on_retry(f"{url}: {error.reason}; retrying for up to {self.retry_seconds:.0f} s")
            time.sleep(delay)
            delay = min(delay * 2, 8.0)

    def _too_slow(self, url: str, timeouts: Timeouts) -> EndpointError:
        return EndpointError(
            f"The endpoint {url} did not finish answering within {timeouts.deadline:g} s, and was left. "
            "Narrow the query, or allow more time: kg query --timeout SECONDS, or KG_ENDPOINT_DEADLINE."
        )

    def _not_rdf(self, url: str, content_type: str, body: bytes, wanted: str) -> EndpointError:
        start = body[:80].decode("utf-8", "replace").replace("\n", " ").strip()
        shown = f", starting: {start!r}" if start else ""
        return EndpointError(
            f"The endpoint {url} answered with {content_type or 'no content type'}{shown}; kg expected {wanted}. "
            "Check that --store names a SPARQL endpoint (e.g. http://HOST:7878/query), not a web page."
        )


class _Transient(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Rejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _NotThere(_Rejected):
    pass


def _classify(error: HTTPFailure) -> Exception:
    message = error.message
    if error.status in _TRANSIENT_HTTP:
        return _Transient(f"HTTP {error.status}{': ' + message[:200] if message else ''}")
    if error.status in {404, 405}:
        return _NotThere(error.status, message)
    return _Rejected(error.status, message or f"HTTP {error.status}")


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError | http.client.RemoteDisconnected):
        return "connection reset"
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return str(error) or type(error).__name__


def _parse_result(body: bytes, content_type: str) -> Result:
    """Raises ValueError (and rdflib's parser errors) when the body is not what its content type says."""
    if content_type in {"application/sparql-results+json", "application/json"}:
        return Result.parse(io.BytesIO(body), format="json")
    if content_type in {"application/sparql-results+xml", "application/xml"}:
        return Result.parse(io.BytesIO(body), format="xml")
    if content_type in _GRAPH_FORMATS:
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format=_GRAPH_FORMATS[content_type])
        return result
    raise ValueError(content_type)


def _env_float(name: str, default: float, given: float | None) -> float:
    if given is not None:
        return given
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default
