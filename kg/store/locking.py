"""Taking turns at a store folder, and keeping two builds apart.

Oxigraph (RocksDB) lets one process at a time open a folder. A process that finds it taken waits in a
turnstile (`turn`): it holds the turnstile's lock from when it starts waiting until it has the folder open,
so the next process to get the folder is the one that has waited longest, and the process holding the folder
can tell that somebody waits (`held_by_another`). Two builds into one folder are refused by `build_lock`, a
lock file held for the whole build. The messages for a folder that cannot be opened are here too.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import StoreError, StoreLocked
from .base import Store

__all__ = ["BUILD_LOCK", "TURNSTILE", "build_lock", "held_by_another", "open_error", "turn"]

BUILD_LOCK = "kg-build.lock"  # inside the store folder; RocksDB ignores files it does not own
TURNSTILE = "kg-open.lock"

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
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise open_error(folder, BlockingIOError(errno.EAGAIN, "lock hold by")) from None
                on_busy()
                time.sleep(0.01)
        yield
    finally:
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
        return StoreLocked(
            f"Store '{path}' is in use by another process (it holds the store's lock). "
            "Wait for it to finish, or use another --store."
        )
    if error.errno == errno.ENOSPC or "no space left" in lowered:
        return StoreError(f"No space left on the device holding store '{path}'. Free some space, then run again.")
    return StoreError(f"Store '{path}' could not be opened: {text}")


@contextlib.contextmanager
def build_lock(store: Store) -> Iterator[None]:
    """Hold the store's build lock for a whole build, so that two builds never interleave their batches.

    Store folders only (`exclusive_folder`; the lock is a file in the folder, released by the OS even on
    SIGKILL); an endpoint has no such lock: do not point two builds at one endpoint at once.
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
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            pid = handle.read().strip() or "?"
            raise StoreLocked(
                f"Store '{store.location}' is being built by another kg process (pid {pid}). "
                "Wait for it to finish, or build into another --store."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
