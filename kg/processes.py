"""Child processes that never outlive kg: a worker ends as soon as the process that started it is gone.

A parser process left running after its build was killed would keep parsing a chunk nobody will read; a
shell's query process would keep the store folder open for a query nobody waits for. `die_with_parent` makes
the kernel end the process when its parent dies (Linux: `PR_SET_PDEATHSIG`), and watches the parent in a
thread as well: on other systems, and for a child started from a thread other than the main one (the kernel
then signals it when that thread ends, which is why `pdeathsig` is only for children forked by the main
thread). Standard library only: the shell's query process imports it and must start fast.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["WATCH_INTERVAL", "die_with_parent", "is_alive"]

WATCH_INTERVAL = 0.2  # seconds between two looks at the parent
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, pdeathsig: bool = False) -> None:
    """End this process when `parent` (its parent's pid, as the parent saw it) is gone; at once if it already is."""
    if pdeathsig and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it died before we could ask to be told
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="kg-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:  # an orphan is adopted by another process: its parent id changes
        time.sleep(WATCH_INTERVAL)
    os._exit(1)


def is_alive(pid: int) -> bool:
    """Whether a process with this id runs (a zombie counts as gone)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True
