"""Small loopback HTTP servers that misbehave the way real endpoints do, for the remote-store tests: each runs
in a thread of the test process and records the requests it saw."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["EMPTY_RESULTS", "Seen", "answer", "drip", "serving", "silent_server"]

EMPTY_RESULTS = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()


class Seen:
    """What a server received: (method, path, Authorization header) per request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, str | None]] = []


Respond = Callable[[BaseHTTPRequestHandler], None]


@contextlib.contextmanager
def serving(respond: Respond) -> Iterator[tuple[str, Seen]]:
    """A server on a free loopback port whose every GET and POST is answered by `respond(handler)`."""
    seen = Seen()

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            seen.requests.append((self.command, self.path, self.headers.get("Authorization")))
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            with contextlib.suppress(OSError):  # the client may give up first: that is the point
                respond(self)

        do_GET = do_POST = _any

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def answer(status: int, content_type: str, body: bytes, **headers: str) -> Respond:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def drip(in_headers: bool, every: float = 0.2) -> Respond:
    """Answer one byte at a time, forever: in the headers, or in the body after honest headers."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        out = handler.wfile
        if in_headers:
            out.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        else:
            out.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n")
        out.flush()
        for _ in range(3000):
            out.write(b" ")
            out.flush()
            time.sleep(every)

    return respond
