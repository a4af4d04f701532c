"""The limits of a running query: a time limit (`--timeout`, `\\set timeout`) and a memory ceiling
(`KG_QUERY_MEMORY`, MiB, 2048 by default; 0: none) on what the process running it may grow by.

A `Watch` looks at the clock and at the process's resident memory every 50 ms, and calls `stop` (kill the
worker process or the forked child) when either limit passes; `check()` then raises the error that says
which. An ORDER BY over a cross product grows by about 250 MB a second: the time limit alone would let it
take the machine.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from ..errors import QueryTimeout, QueryTooLarge

__all__ = ["Watch", "memory_ceiling", "resident_bytes", "timed_out"]

DEFAULT_MEMORY_MIB = 2048
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def memory_ceiling() -> int | None:
    """Bytes a query may add to its process (KG_QUERY_MEMORY, in MiB); None: no ceiling."""
    try:
        mib = float(os.environ.get("KG_QUERY_MEMORY", DEFAULT_MEMORY_MIB))
    except ValueError:
        mib = DEFAULT_MEMORY_MIB
    return int(mib * 1024 * 1024) if mib > 0 else None


def resident_bytes(pid: int) -> int | None:
    """The process's resident memory, where the system tells it (Linux); else None."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def timed_out(seconds: float) -> QueryTimeout:
    return QueryTimeout(
        f"The query ran longer than its time limit ({seconds:g} s) and was stopped. Narrow it (LIMIT, fewer "
        "patterns), or allow more time: kg query --timeout SECONDS, in the shell \\set timeout SECONDS (0: none)."
    )


def too_large(ceiling: int) -> QueryTooLarge:
    return QueryTooLarge(
        f"The query needed more than {ceiling / 2**20:,.0f} MiB of memory and was stopped (an ORDER BY, GROUP BY "
        "or DISTINCT over many rows?). Narrow it, or raise the ceiling: KG_QUERY_MEMORY=MiB (0: none)."
    )


class Watch:
    """Watches a query running in process `pid` (None: nothing to measure) and calls `stop` once it passes
    `seconds` or grows by more than `memory` bytes; `exceeded` then says which ("time" or "memory")."""

    def __init__(
        self, seconds: float | None, stop: Callable[[], None], pid: int | None = None, memory: int | None = None
    ) -> None:
        self.seconds = seconds or None
        self.memory = memory if pid is not None else None
        self.exceeded: str | None = None
        self._stop = stop
        self._pid = pid
        self._done = threading.Event()

    @property
    def expired(self) -> bool:
        return self.exceeded is not None

    def __enter__(self) -> Watch:
        if self.seconds or self.memory:
            threading.Thread(target=self._watch, name="kg-query-watch", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()

    def _watch(self) -> None:
        started = time.monotonic()
        base = resident_bytes(self._pid) if self._pid is not None and self.memory else None
        while not self._done.wait(0.05):
            if self.seconds and time.monotonic() - started > self.seconds:
                self.exceeded = "time"
            elif base is not None and self.memory and (resident_bytes(self._pid or 0) or 0) - base > self.memory:
                self.exceeded = "memory"
            if self.exceeded:
                self._stop()
                return

    def check(self) -> None:
        """Raise the limit's error if one passed (what went wrong after it was only its consequence)."""
        if self.exceeded == "time":
            raise timed_out(self.seconds or 0)
        if self.exceeded == "memory":
            raise too_large(self.memory or 0)
