"""Stopping a query at Ctrl-C: Oxigraph never checks for signals while it evaluates, so a query that Ctrl-C
can stop runs where it can be left or killed: a daemon thread the caller stops waiting for (`in_thread`), or a
forked child for an in-memory store (`forked`), which is killed. (A store folder is served by a worker process
instead: see kg/store/worker.py.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import traceback
from collections.abc import Callable
from typing import IO, Any

from ..errors import QueryError, StoreError
from ..rdf.ontology import PREFIXES
from .limits import Watch, memory_ceiling
from .result import QueryResult, solutions_result, triples_result

__all__ = ["STORE_LOCK", "forked", "in_thread"]

# Held while a thread of this process uses an Oxigraph store, and around fork(): a child forked while another
# thread is inside Oxigraph could inherit a held lock and hang.
STORE_LOCK = threading.RLock()


def in_thread(run: Callable[[], QueryResult], timeout: float | None = None) -> QueryResult:
    """Run in a daemon thread so that Ctrl-C, or the time limit, returns at once (the abandoned thread finishes
    on its own)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = run()
        except BaseException as e:
            _forget_frames(e)
            box["error"] = e

    worker = threading.Thread(target=target, daemon=True, name="kg-query")
    worker.start()
    # Nothing to kill here: at a limit the caller stops waiting, and the thread ends with the process.
    with Watch(timeout, lambda: None, os.getpid(), memory_ceiling()) as watch:
        while worker.is_alive():
            worker.join(0.05)
            if worker.is_alive():
                watch.check()
    if "error" in box:
        raise box["error"]
    return box["result"]


def _forget_frames(error: BaseException | None) -> None:
    """Clear the local variables of the frames an error went through, and of the errors behind it: a pyoxigraph
    result left there may only be dropped by the thread that made it (else pyo3 complains at exit)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


def forked(native: Any, text: str, max_rows: int | None, timeout: float | None = None) -> QueryResult:
    """Evaluate on a pyoxigraph Store in a forked child that streams results back through a pipe; Ctrl-C, or
    the time limit, kills the child. Only for stores without background threads (in memory): safe to fork."""
    read_fd, write_fd = os.pipe()
    with STORE_LOCK:
        pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(native, text, write_fd)
    os.close(write_fd)
    try:
        with Watch(timeout, lambda: _kill(pid), pid, memory_ceiling()) as watch, os.fdopen(read_fd, "rb") as pipe:
            try:
                result = _read_child(pipe, max_rows)
            except (StoreError, OSError, ValueError, SyntaxError):
                watch.check()
                raise
            watch.check()  # a child killed at the limit leaves a cut answer: never shown as whole
            return result
    finally:
        _reap(pid)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


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


def _read_child(pipe: IO[bytes], max_rows: int | None) -> QueryResult:
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
