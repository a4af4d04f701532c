"""One HTTP request to a SPARQL endpoint, bounded in time, with credentials kept to the endpoint's host.

Built on the standard library's `http.client` (what the remote store used through urllib), because bounding a
request needs its socket: every request has
  * a connect timeout (`KG_ENDPOINT_CONNECT_TIMEOUT`, 10 s) and a read timeout: the longest silence while
    waiting for the answer or the next bytes of it (`KG_ENDPOINT_READ_TIMEOUT`, 60 s);
  * an overall deadline (`KG_ENDPOINT_DEADLINE`, 300 s; `kg query --timeout` for a query): a watchdog shuts
    the socket down when it passes, so an endpoint that drips its answer a byte at a time is stopped too.
Redirects are followed (5 at most) only to the same scheme, host and port; the Authorization header goes
only there.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, replace
from email.message import Message

from ..errors import EndpointError
from .credentials import origin

__all__ = ["DeadlinePassed", "HTTPFailure", "Response", "Timeouts", "send"]

_REDIRECTS = {301, 302, 303, 307, 308}
_MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 10.0
    read: float = 60.0
    deadline: float | None = 300.0  # the whole request, answer included; None: no deadline

    @classmethod
    def from_env(cls) -> Timeouts:
        default = cls()
        deadline = _env("KG_ENDPOINT_DEADLINE", default.deadline or 0.0)
        return cls(
            connect=_env("KG_ENDPOINT_CONNECT_TIMEOUT", default.connect),
            read=_env("KG_ENDPOINT_READ_TIMEOUT", default.read),
            deadline=deadline if deadline > 0 else None,
        )

    def within(self, seconds: float | None) -> Timeouts:
        """These timeouts, with the deadline brought forward to `seconds` (a query's time limit)."""
        if seconds is None or (self.deadline is not None and self.deadline <= seconds):
            return self
        return replace(self, deadline=seconds)


class DeadlinePassed(Exception):
    """The request was still running at its deadline."""


class HTTPFailure(Exception):
    """The endpoint answered with an HTTP error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.message = message


class Response:
    """An answer being read: its status, headers and body, read within the request's deadline."""

    def __init__(self, connection: http.client.HTTPConnection, answer: http.client.HTTPResponse, guard: _Watchdog):
        self._connection = connection
        self._answer = answer
        self._guard = guard
        self.status = answer.status
        self.headers: Message = answer.headers

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type() if self.headers.get("Content-Type") else ""

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._answer.read() if size is None or size < 0 else self._answer.read1(size)
        except (OSError, http.client.HTTPException):
            self._guard.check()
            raise
        self._guard.check()  # a socket shut at the deadline looks like the end of the answer
        return data

    def close(self) -> None:
        self._guard.cancel()
        self._answer.close()
        self._connection.close()

    def __enter__(self) -> Response:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Watchdog:
    """Shuts a connection's socket down when the deadline passes; `check()` then raises DeadlinePassed."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline
        self.passed = False
        self._timer: threading.Timer | None = None

    def watch(self, connection: http.client.HTTPConnection) -> None:
        if self.deadline is None:
            return
        sock = connection.sock

        def expire() -> None:
            self.passed = True
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

        self._timer = threading.Timer(max(self.deadline - time.monotonic(), 0.0), expire)
        self._timer.daemon = True
        self._timer.start()

    def check(self) -> None:
        if self.passed:
            raise DeadlinePassed

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def send(
    method: str, url: str, body: bytes | None, headers: dict[str, str], auth: str | None, home: str, timeouts: Timeouts
) -> Response:
    """One request (with same-host redirects). `auth` goes only to the origin of `home`, the --store URL.
    Raises HTTPFailure on an error status, DeadlinePassed, or OSError/HTTPException on a network failure."""
    deadline = None if timeouts.deadline is None else time.monotonic() + timeouts.deadline
    for _ in range(_MAX_REDIRECTS + 1):
        sent = dict(headers)
        if auth and origin(url) == origin(home):
            sent["Authorization"] = auth
        answer = _once(method, url, body, sent, timeouts, deadline)
        if answer.status not in _REDIRECTS:
            return answer
        target = urllib.parse.urljoin(url, answer.headers.get("Location", ""))
        answer.close()
        if origin(target) != origin(url):
            raise EndpointError(
                f"The endpoint {url} redirects to another host ({_site(target)}); kg follows redirects only "
                "within the endpoint's host. Give the final URL as --store if you trust it."
            )
        if answer.status == 303:
            method, body = "GET", None
        url = target
    raise EndpointError(f"The endpoint {url} redirects more than {_MAX_REDIRECTS} times.")


def _once(
    method: str, url: str, body: bytes | None, headers: dict[str, str], timeouts: Timeouts, deadline: float | None
) -> Response:
    parts = urllib.parse.urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connect = timeouts.connect if deadline is None else max(min(timeouts.connect, deadline - time.monotonic()), 0.01)
    connection = kind(parts.hostname or "", parts.port, timeout=connect)
    guard = _Watchdog(deadline)
    try:
        connection.connect()
        connection.sock.settimeout(timeouts.read)
        guard.watch(connection)
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection.request(method, target, body=body, headers=headers)
        answer = connection.getresponse()
    except (OSError, http.client.HTTPException):
        guard.cancel()
        connection.close()
        if guard.passed:
            raise DeadlinePassed from None
        raise
    response = Response(connection, answer, guard)
    if answer.status >= 400:
        with response:
            raise HTTPFailure(answer.status, _error_text(response))
    return response


def _error_text(response: Response) -> str:
    try:
        return response.read(4096).decode("utf-8", "replace").strip()[:2000]
    except (OSError, http.client.HTTPException, DeadlinePassed):
        return ""


def _site(url: str) -> str:
    scheme, host, port = origin(url)
    return f"{scheme}://{host}:{port}"


def _env(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default
