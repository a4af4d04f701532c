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

import base64
import http.client
import io
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result

from ..errors import EndpointError, QueryError
from ..files import atomic_write
from ..rdf.ontology import PREFIXES
from .base import RDF_FORMATS, Store

__all__ = ["Endpoints", "RemoteStore", "endpoints_for", "with_prefixes"]

DEFAULT_RETRY_SECONDS = 60.0
DEFAULT_TIMEOUT = 300.0  # one request; a large batch or a heavy query can take a while
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
    dump_formats = frozenset({"turtle", "ntriples"})

    def __init__(
        self,
        location: str,
        retry_seconds: float | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_update_bytes: int | None = None,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        self.location = _without_credentials(location)
        self.endpoints = endpoints_for(self.location)
        self._auth = _basic_auth(location)
        self.retry_seconds = _env_float("KG_REMOTE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS, retry_seconds)
        self.timeout = timeout
        self.max_update_bytes = int(
            _env_float("KG_REMOTE_MAX_UPDATE_BYTES", DEFAULT_MAX_UPDATE_BYTES, max_update_bytes)
        )
        self.on_retry = on_retry
        self._graph: Graph | None = None

    # --- the Store interface -----------------------------------------------------------------------------

    @property
    def graph(self) -> Graph:
        """An rdflib view of the endpoint (rdflib's SPARQLUpdateStore), for code that wants a Graph."""
        if self._graph is None:
            from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

            store = SPARQLUpdateStore(self.endpoints.query, self.endpoints.update, returnFormat="json")
            self._graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID)
            for prefix, ns in PREFIXES.items():
                self._graph.bind(prefix, ns, override=True)
        return self._graph

    def query(self, sparql: str) -> Result:
        text, added = with_prefixes(sparql)
        with self._request(self.endpoints.query, text, "application/sparql-query", _RESULTS_ACCEPT, added) as resp:
            content_type = resp.headers.get_content_type()
            try:
                body = resp.read()
            except (OSError, http.client.HTTPException) as e:
                raise EndpointError(f"The endpoint {self.location} broke off its answer ({_reason(e)}).") from e
        return _parse_result(body, content_type)

    def update(self, sparql: str) -> None:
        text, added = with_prefixes(sparql)
        with self._request(self.endpoints.update, text, "application/sparql-update", "*/*", added) as resp:
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
                    triples = (q.triple for q in ox.parse(resp, ox.RdfFormat.N_TRIPLES))
                    ox.serialize(triples, out, rdf_format, prefixes=PREFIXES)
            except (OSError, http.client.HTTPException) as e:
                raise EndpointError(
                    f"Export from {self.location} broke off ({e}); nothing was written. Run it again."
                ) from e
            except SyntaxError as e:
                raise EndpointError(f"The endpoint {self.location} sent data kg could not read: {e}") from e

    def close(self) -> None:
        self._graph = None

    # --- HTTP ----------------------------------------------------------------------------------------------

    def _open_default_graph(self) -> http.client.HTTPResponse:
        """The default graph as N-Triples: Graph Store Protocol if the server has it, else CONSTRUCT."""
        for url in self.endpoints.graph_store:
            try:
                resp = self._send("GET", f"{url}?default", None, None, "application/n-triples")
            except _Rejected:
                continue
            if resp.headers.get_content_type() in {"application/n-triples", "text/plain"}:
                return resp
            resp.close()
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        return self._request(self.endpoints.query, construct, "application/sparql-query", "application/n-triples", 0)

    def _request(self, url: str, body: str, content_type: str, accept: str, added: int) -> http.client.HTTPResponse:
        try:
            resp = self._send("POST", url, body.encode("utf-8"), f"{content_type}; charset=utf-8", accept)
        except _NotThere as e:
            raise EndpointError(
                f"No SPARQL endpoint at {url} (HTTP {e.status}). Check the --store URL, e.g. "
                "http://HOST:7878/query for Oxigraph server or http://HOST:3030/DATASET/query for Fuseki."
            ) from None
        except _Rejected as e:
            if e.status == 400:
                raise _query_error(e.message, added) from None
            raise EndpointError(f"The endpoint {url} refused the request (HTTP {e.status}): {e.message}") from None
        return resp

    def _send(
        self, method: str, url: str, data: bytes | None, content_type: str | None, accept: str
    ) -> http.client.HTTPResponse:
        """One HTTP request, retried with exponential backoff while the failure looks transient."""
        headers = {"Accept": accept, "User-Agent": "kg"}
        if content_type:
            headers["Content-Type"] = content_type
        if self._auth:
            headers["Authorization"] = self._auth
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        started = time.monotonic()
        delay, attempt = 0.25, 0
        while True:
            attempt += 1
            try:
                return urllib.request.urlopen(request, timeout=self.timeout)
            except urllib.error.HTTPError as e:
                error = _classify(e)
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
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


def _classify(error: urllib.error.HTTPError) -> Exception:
    try:
        message = error.read().decode("utf-8", "replace").strip()[:2000]
    except (OSError, http.client.HTTPException):
        message = ""
    if error.code in _TRANSIENT_HTTP:
        return _Transient(f"HTTP {error.code}{': ' + message[:200] if message else ''}")
    if error.code in {404, 405}:
        return _NotThere(error.code, message)
    return _Rejected(error.code, message or str(error.reason))


def _reason(error: BaseException) -> str:
    inner = getattr(error, "reason", None)
    if isinstance(inner, BaseException):
        error = inner
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError | http.client.RemoteDisconnected):
        return "connection reset"
    if isinstance(error, TimeoutError | socket.timeout):
        return "timed out"
    return str(error) or type(error).__name__


def _parse_result(body: bytes, content_type: str) -> Result:
    if content_type in {"application/sparql-results+json", "application/json"}:
        return Result.parse(io.BytesIO(body), format="json")
    if content_type in {"application/sparql-results+xml", "application/xml"}:
        return Result.parse(io.BytesIO(body), format="xml")
    if content_type in _GRAPH_FORMATS:
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format=_GRAPH_FORMATS[content_type])
        return result
    raise EndpointError(f"The endpoint answered with {content_type or 'no content type'}, not SPARQL results.")


def _without_credentials(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url
    netloc = parts.hostname or ""
    netloc += f":{parts.port}" if parts.port else ""
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _basic_auth(url: str) -> str | None:
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return None
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password or "")
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _env_float(name: str, default: float, given: float | None) -> float:
    if given is not None:
        return given
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default
