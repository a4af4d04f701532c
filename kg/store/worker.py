"""A store folder served by a worker process, so that Ctrl-C can stop any query at once.

Oxigraph never checks for signals while it evaluates a query, so the only way to stop one is to end the
process running it. Forking the shell for each query is not safe with a RocksDB store: RocksDB's own
background threads may hold its mutex at the moment of the fork, and the child then waits forever. So
the shell never opens the folder itself: `WorkerStore` starts `python -m kg.store.worker FOLDER`, which
owns the store and answers requests on its stdin/stdout; Ctrl-C kills it and a new one starts (in about
0.1 s: it imports only pyoxigraph). A killed update leaves the store as it was (one transaction). The worker
ends with the shell, even a killed one (kg/processes.py), and notes in the folder that the shell holds it
(kg/store/locking.py), so that a command waiting for the folder says who it waits for.

Protocol: a request is one JSON line; the answer is `KIND LENGTH\\n` and LENGTH bytes (SPARQL TSV for
solutions, N-Triples for graphs). KIND is SELECT, ASK, GRAPH, DONE, COUNT or ERR (then the bytes are the
error's class name, a newline, and its message).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import QueryError, StoreError, StoreLocked
from ..files import part_path
from ..processes import die_with_parent
from .base import RDF_FORMATS, Store
from .locking import clear_holder, command_name, note_holder

if TYPE_CHECKING:
    from ..query.limits import Watch
    from ..query.result import QueryResult

__all__ = ["WorkerStore", "serve"]

# --- the worker process (imports nothing heavy: it must start fast) ------------------------------------


def _answer(out: IO[bytes], kind: str, payload: bytes = b"") -> None:
    out.write(f"{kind} {len(payload)}\n".encode() + payload)
    out.flush()


def _solutions(solutions: Any, max_rows: int | None) -> bytes:
    import pyoxigraph as ox

    buffer = io.BytesIO()
    if max_rows is None:
        solutions.serialize(buffer, ox.QueryResultsFormat.TSV)
        return buffer.getvalue()
    names = [v.value for v in solutions.variables]
    lines = ["\t".join(f"?{n}" for n in names)]
    for count, solution in enumerate(solutions):
        if count > max_rows:  # one more than asked: the caller learns there were more
            break
        lines.append("\t".join("" if solution[n] is None else str(solution[n]) for n in names))
    return ("\n".join(lines) + "\n").encode()


def _triples(triples: Any, max_rows: int | None) -> bytes:
    import itertools

    import pyoxigraph as ox

    taken = list(triples if max_rows is None else itertools.islice(triples, max_rows + 1))
    return ox.serialize(taken, format=ox.RdfFormat.N_TRIPLES) or b""


def _handle(store: Any, request: dict[str, Any], prefixes: dict[str, str], out: IO[bytes]) -> None:
    import pyoxigraph as ox

    op = request["op"]
    if op == "query":
        answer = store.query(request["text"], prefixes=prefixes)
        if isinstance(answer, ox.QueryBoolean):
            _answer(out, "ASK", b"true" if bool(answer) else b"false")
        elif isinstance(answer, ox.QuerySolutions):
            _answer(out, "SELECT", _solutions(answer, request.get("max_rows")))
        else:
            _answer(out, "GRAPH", _triples(answer, request.get("max_rows")))
    elif op == "update":
        note_holder(Path(request["folder"]), "writing", request["command"], request["parent"])
        store.update(request["text"], prefixes=prefixes)
        _answer(out, "DONE")
    elif op == "count":
        _answer(out, "COUNT", str(len(store)).encode())
    elif op == "dump":
        fmt = getattr(ox.RdfFormat, request["format"])
        options = {"prefixes": prefixes} if request["format"] in {"TURTLE", "TRIG"} else {}
        store.dump(request["path"], fmt, from_graph=ox.DefaultGraph(), **options)
        _answer(out, "DONE")
    else:
        raise ValueError(f"unknown request {op!r}")


def serve(location: str, read_only: bool, prefixes: dict[str, str], parent: int = 0, command: str = "") -> None:
    """The worker's loop: open the store, say READY, answer requests until stdin closes (or the parent
    process is gone)."""
    import pyoxigraph as ox

    if parent:
        die_with_parent(parent)
    out = sys.stdout.buffer
    try:
        store = ox.Store.read_only(location) if read_only else ox.Store(location)
    except OSError as e:
        _answer(out, "ERR", f"{type(e).__name__}\n{e}".encode())
        return
    if not read_only:
        note_holder(Path(location), "reading", command or None, parent or None)
    _answer(out, "READY", b"ro" if read_only else b"rw")
    try:
        for line in sys.stdin.buffer:
            try:
                context = {"folder": location, "command": command or None, "parent": parent or None}
                _handle(store, {**json.loads(line), **context}, prefixes, out)
            except (SyntaxError, OSError, ValueError, RuntimeError) as e:
                _answer(out, "ERR", f"{type(e).__name__}\n{e}".encode())
    finally:
        if not read_only:
            clear_holder(Path(location), parent or None)


# --- the client ---------------------------------------------------------------------------------------


class WorkerStore(Store):
    """A store folder served by a worker process; `evaluate` runs a query Ctrl-C can cancel (it kills the
    worker)."""

    kind = "Store folder"
    dump_formats = frozenset(RDF_FORMATS)

    def __init__(self, location: str | os.PathLike[str], read_only: bool = False) -> None:
        self.location = str(location)
        self._path = str(Path(location).expanduser().resolve())
        self._want_read_only = read_only
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._mode: str | None = None
        self._unwritable = False
        self._spawn()

    # --- process management ---

    def _spawn(self) -> None:
        from ..rdf.ontology import PREFIXES

        root = str(Path(__file__).resolve().parents[2])  # the folder holding this very kg package
        script = (
            "import json, sys; sys.path.insert(0, sys.argv[1]); from kg.store.worker import serve; "
            "serve(sys.argv[2], sys.argv[3] == 'ro', json.loads(sys.argv[4]), int(sys.argv[5]), sys.argv[6])"
        )
        mode = "ro" if self._want_read_only else "rw"
        # -P: no current folder on sys.path, where another kg could hide this one
        command = [sys.executable, "-P", "-c", script, root, self._path, mode, json.dumps(PREFIXES),
                   str(os.getpid()), command_name()]  # fmt: skip
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - the worker's stderr, read if it dies
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors, start_new_session=True
        )
        self._mode = None

    def _handshake(self) -> None:
        """Wait for READY; a store another process writes to opens read-only instead."""
        kind, payload = self._receive()
        if kind == "READY":
            self._mode = payload.decode()
            return
        name, _, message = payload.decode(errors="replace").partition("\n")
        if not self._want_read_only and (name == "PermissionError" or "permission denied" in message.lower()):
            self._want_read_only = True  # a folder this user may read but not write
            self._unwritable = True
            self._spawn()
            return self._handshake()
        if not self._want_read_only and ("lock" in message.lower() or "temporarily unavailable" in message):
            self._want_read_only = True
            self._spawn()
            return self._handshake()
        if "lock" in message.lower():
            raise StoreLocked(f"Store '{self.location}' is in use by another kg process.")
        raise StoreError(f"Store '{self.location}' could not be opened: {message}")

    def _receive(self) -> tuple[str, bytes]:
        if self._process is None or self._process.stdout is None:
            raise self._stopped()
        _wait_readable(self._process.stdout)
        header = self._process.stdout.readline()
        if not header:
            self._kill()
            raise StoreError(f"The process serving '{self.location}' stopped{self._last_words()}. Try again.")
        kind, length = header.decode().split()
        return kind, self._process.stdout.read(int(length))

    def _last_words(self) -> str:
        try:
            self._errors.seek(0)
            lines = self._errors.read().decode(errors="replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return f": {lines[-1][:200]}" if lines else ""

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()
            process.wait()

    def request(self, payload: dict[str, Any], timeout: float | None = None) -> tuple[str, bytes]:
        """Send one request and wait for its answer. Ctrl-C, or `timeout` seconds, kills the worker (a fresh
        one starts at once)."""
        from ..query.limits import Watch, memory_ceiling

        with self._lock:
            try:
                if self._process is None:
                    self._spawn()
                if self._mode is None:
                    self._handshake()  # may start a read-only worker instead
            except KeyboardInterrupt:
                self._kill()
                self._spawn()
                raise
            assert self._process is not None
            with Watch(timeout, self._signal_kill, self._process.pid, memory_ceiling()) as watch:
                return self._exchange(payload, watch)

    def _exchange(self, payload: dict[str, Any], watch: Watch) -> tuple[str, bytes]:
        try:
            assert self._process is not None and self._process.stdin is not None
            self._process.stdin.write(json.dumps(payload).encode() + b"\n")
            self._process.stdin.flush()
            answer = self._receive()
            watch.check()  # killed at the limit: the answer may be cut
            return answer
        except KeyboardInterrupt:
            self._kill()
            self._spawn()
            raise
        except (StoreError, BrokenPipeError) as e:
            if watch.expired:
                self._kill()
                self._spawn()
                watch.check()
            if isinstance(e, StoreError):
                raise
            self._kill()
            raise self._stopped() from None
        except QueryError:
            self._kill()
            self._spawn()
            raise

    def _signal_kill(self) -> None:
        """Kill the worker from the time limit's timer thread; the waiting thread then sees it stopped."""
        process = self._process
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()

    def _stopped(self) -> Exception:
        return StoreError(f"The process serving '{self.location}' stopped{self._last_words()}. Try again.")

    @property
    def read_only(self) -> str | None:
        """Why the store cannot be written (None when it can)."""
        if self._mode is None:
            with self._lock:
                if self._mode is None:
                    self._handshake()
        if self._mode != "ro":
            return None
        if self._unwritable:
            return "it is not writable by this user (opened read-only)"
        return "another kg process is writing to it (opened read-only)"

    # --- the Store interface ---

    def reopen(self) -> None:
        """Start a fresh worker: a read-only one then sees what the other process wrote since."""
        with self._lock:
            self._kill()
            self._spawn()

    def _query(self, payload: dict[str, Any], timeout: float | None = None) -> tuple[str, bytes]:
        """A read; on a read-only snapshot that the writing process has since compacted away, reopen and
        try once more."""
        try:
            return self._checked(self.request(payload, timeout))
        except StoreError as e:
            if self._mode != "ro" or not any(w in str(e) for w in ("Corruption", "No such file")):
                raise
        self.reopen()
        return self._checked(self.request(payload, timeout))

    def evaluate(
        self, text: str, max_rows: int | None = None, cancellable: bool = True, timeout: float | None = None
    ) -> QueryResult:
        """Run a query in the worker; Ctrl-C, or the time limit, kills it, whether `cancellable` or not. (The
        result type is imported here, so that the worker process never imports rdflib.)"""
        import pyoxigraph as ox

        from ..query.result import QueryResult, solutions_result, triples_result

        kind, payload = self._query({"op": "query", "text": text, "max_rows": max_rows}, timeout)
        if kind == "ASK":
            return QueryResult("ASK", boolean=payload == b"true")
        if kind == "SELECT":
            return solutions_result(ox.parse_query_results(payload, ox.QueryResultsFormat.TSV), max_rows)
        return triples_result(ox.parse(payload, ox.RdfFormat.N_TRIPLES), max_rows)

    def _checked(self, answer: tuple[str, bytes]) -> tuple[str, bytes]:
        kind, payload = answer
        if kind != "ERR":
            return kind, payload
        name, _, message = payload.decode(errors="replace").partition("\n")
        if name == "SyntaxError":
            raise QueryError(message) from SyntaxError(message)
        raise StoreError(f"Store '{self.location}': {message}")

    def select(self, sparql: str) -> list[tuple]:
        return self.evaluate(sparql).rows

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise QueryError(f"Store '{self.location}' is read-only: {self.read_only}")
        self._checked(self.request({"op": "update", "text": sparql}))

    def triple_count(self) -> int:
        return int(self._checked(self.request({"op": "count"}))[1])

    def dump(self, path: Path, fmt: str = "turtle") -> None:
        """Write the default graph to `path` (through a temporary file: never half a file)."""
        if fmt not in self.dump_formats:
            raise self._cannot_dump(fmt)
        target = Path(path).expanduser().resolve()
        part = part_path(target)  # the worker writes it; renamed into place once whole
        try:
            self._checked(self.request({"op": "dump", "path": str(part), "format": RDF_FORMATS[fmt]}))
            os.replace(part, target)
        finally:
            part.unlink(missing_ok=True)

    def values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """A SELECT's values as plain strings, without making rdflib terms (fast, for metadata)."""
        import pyoxigraph as ox

        _, payload = self._query({"op": "query", "text": sparql, "max_rows": None})
        solutions = ox.parse_query_results(payload, ox.QueryResultsFormat.TSV)
        assert isinstance(solutions, ox.QuerySolutions)
        return [tuple(None if t is None else t.value for t in s) for s in solutions]

    @property
    def graph(self) -> Any:
        raise StoreError("This store is served by another process; query it with SPARQL.")

    def close(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.stdin.close()  # type: ignore[union-attr]
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()


def _wait_readable(stream: IO[bytes]) -> None:
    """Wait for the worker's answer in slices of 0.1 s. A Ctrl-C is handled by the main thread between them,
    even when the signal lands on another of our threads: a blocking read would see it only when the answer
    came, and a long query's answer may never come. (Each answer is read whole: nothing waits in the buffer.)"""
    while not select.select([stream], [], [], 0.1)[0]:
        pass
