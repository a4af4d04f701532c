"""Taking turns at a store folder, and keeping two builds apart.

Oxigraph (RocksDB) lets one process at a time open a folder. A process that finds it taken waits in a
turnstile (`turn`): it holds the turnstile's lock from when it starts waiting until it has the folder open,
so the next process to get the folder is the one that has waited longest, and the process holding the folder
can tell that somebody waits (`held_by_another`). Two builds into one folder are refused by `build_lock`, a
lock file held for the whole build. The messages for a folder that cannot be opened are here too.

Locks die with their process. A child forked while a lock is held (the build's parser processes) lets go of
its copy at once (`_let_go_in_child`): a lock shared with a child would outlive a killed build. The process
that has the folder open notes itself in `HOLDER` (`note_holder`: command, pid, reading or writing, since
when), so that whoever waits is told who it waits for (`holder`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import StoreError, StoreLocked
from ..processes import is_alive
from .base import Store

__all__ = [
    "BUILD_LOCK",
    "HOLDER",
    "TURNSTILE",
    "build_lock",
    "clear_holder",
    "command_name",
    "held_by_another",
    "holder",
    "note_holder",
    "open_error",
    "turn",
]

BUILD_LOCK = "kg-build.lock"  # inside the store folder; RocksDB ignores files it does not own
TURNSTILE = "kg-open.lock"
HOLDER = "kg-holder"  # who has the folder open: "PID reading|writing SINCE COMMAND"
DEAD_OWNER_WAIT = 5.0  # seconds a build waits for a lock whose owner is dead (children it left are ending)

_HELD: set[int] = set()  # descriptors of the lock files this process holds


def _let_go_in_child() -> None:
    """In a forked child: point every held lock's descriptor at /dev/null, so that the child shares no lock
    with its parent (the descriptor numbers stay valid: nothing else gets them by mistake)."""
    if not _HELD:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.dup2(null, fd)
    os.close(null)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_let_go_in_child)


# How RocksDB says that another process (or this one) holds the folder.
_LOCK_SIGNS = ("while lock file", "lock hold by", "resource temporarily unavailable", "no locks available")


@contextlib.contextmanager
def turn(folder: Path, deadline: float, on_busy: Callable[[], None]) -> Iterator[None]:
    """Hold the folder's turnstile (waiting until `deadline`, calling `on_busy` while it waits) until the
    caller has the folder open: a build between two batches is never starved by a client that queries in a
    loop."""
    try:
        handle = open(folder / TURNSTILE, "a")  # noqa: SIM115 - closed below
    except OSError:  # a folder we may not write (a read-only copy): no turns to take
        yield
        return
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                _HELD.add(handle.fileno())
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise open_error(folder, BlockingIOError(errno.EAGAIN, "lock hold by")) from None
                on_busy()
                time.sleep(0.01)
        yield
    finally:
        _HELD.discard(handle.fileno())
        handle.close()  # releases the turnstile


def held_by_another(lock_file: Path) -> bool:
    """Whether another process holds this lock file (waits in the turnstile)."""
    try:
        with open(lock_file, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # let go when the file closes
    except BlockingIOError:
        return True
    except OSError:  # no turnstile in a folder we may not write: nobody can wait in it
        return False
    return False


def open_error(path: Path, error: OSError) -> StoreError:
    """A clear message for a folder that cannot be opened: permission, another process holds it, disk full."""
    text = str(error)
    lowered = text.lower()
    if isinstance(error, PermissionError) or "permission denied" in lowered:
        return StoreError(f"Permission denied opening store '{path}'. Choose a folder you can write to with --store.")
    if any(sign in lowered for sign in _LOCK_SIGNS):
        who = holder(path)
        held = f"{who} has it open" if who else "another process holds the store's lock"
        return StoreLocked(f"Store '{path}' is in use: {held}. Wait for it to finish, or use another --store.")
    if error.errno == errno.ENOSPC or "no space left" in lowered:
        return StoreError(f"No space left on the device holding store '{path}'. Free some space, then run again.")
    return StoreError(f"Store '{path}' could not be opened: {text}")


# --- who has the folder open ------------------------------------------------------------------------------


def command_name() -> str:
    """What this process is, for messages to other processes: 'kg build', 'kg shell', …"""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    if name in {"kg", "__main__.py"} and len(sys.argv) > 1 and sys.argv[1].isalpha():
        return f"kg {sys.argv[1]}"
    if name in {"kg-shell", "shell.py"}:
        return "kg shell"
    return "a kg process"


def note_holder(folder: Path, mode: str, command: str | None = None, pid: int | None = None) -> None:
    """Note in the folder that this process (or the one it serves, `pid`) has it open, `mode` 'reading' or
    'writing', since now."""
    with contextlib.suppress(OSError):  # a folder we may not write: nobody can wait for it anyway
        line = f"{pid or os.getpid()} {mode} {time.time():.0f} {command or command_name()}\n"
        (folder / HOLDER).write_text(line)


def clear_holder(folder: Path, pid: int | None = None) -> None:
    """Remove this process's note (it let go of the folder)."""
    note = folder / HOLDER
    with contextlib.suppress(OSError, ValueError, IndexError):
        if int(note.read_text().split()[0]) == (pid or os.getpid()):
            note.unlink()


def holder(folder: Path) -> str | None:
    """Who has the folder open, from its note, if that process still runs: 'kg shell (pid 812, reading since
    17:40:02)'."""
    try:
        pid, mode, since, command = (folder / HOLDER).read_text().strip().split(" ", 3)
        if not is_alive(int(pid)) or int(pid) == os.getpid():
            return None
        when = time.strftime("%H:%M:%S", time.localtime(float(since)))
    except (OSError, ValueError):
        return None
    return f"{command} (pid {pid}, {mode} since {when})"


# --- two builds -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def build_lock(store: Store) -> Iterator[None]:
    """Hold the store's build lock for a whole build, so that two builds never interleave their batches.

    Store folders only (`exclusive_folder`; the lock is a file in the folder, released by the OS even on
    SIGKILL, and never shared with the build's children); an endpoint has no such lock: do not point two
    builds at one endpoint at once.
    """
    if not store.exclusive_folder or store.read_only:
        yield
        return
    folder = Path(store.location)
    try:
        handle = open(folder / BUILD_LOCK, "a+")  # noqa: SIM115 - held open for the duration of the build
    except OSError as e:
        raise open_error(folder, e) from e
    with handle:
        _take(handle, store.location)
        _HELD.add(handle.fileno())
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {time.time():.0f}")
        handle.flush()
        try:
            yield
        finally:
            _HELD.discard(handle.fileno())
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _take(handle: IO[Any], location: str) -> None:
    """Take the build lock, or say which build has it. A lock whose owner is dead is held only by processes
    that it left and that end with it (see kg/processes.py): it is waited for, a few seconds at most."""
    deadline = time.monotonic() + DEAD_OWNER_WAIT
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            handle.seek(0)
            fields = handle.read().split()
            pid = int(fields[0]) if fields and fields[0].isdigit() else 0
            if pid and not is_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            since = ""
            if len(fields) > 1 and fields[1].isdigit():
                since = f", since {time.strftime('%H:%M:%S', time.localtime(int(fields[1])))}"
            owner = f"pid {pid}{since}" if pid and is_alive(pid) else "pid ?"
            if pid and not is_alive(pid):
                owner = f"processes left by the build pid {pid}, which is no longer running"
            raise StoreLocked(
                f"Store '{location}' is being built by another kg process ({owner}). "
                "Wait for it to finish, or build into another --store."
            ) from None
