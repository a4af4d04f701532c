"""Writing files: whole or not at all (`atomic_write`), and a clear message when the system refuses
(`write_error`). Used by the stores, the exports and the caches alike.

A file is written to a hidden sibling, `.NAME.PID-XXXX.part`, renamed over NAME once complete: an interrupted
write leaves the old file or none. A killed writer leaves its part behind; the next write of the same file
removes the parts of writers no longer running (`part_path`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import StoreError
from .processes import is_alive

__all__ = [
    "atomic_write",
    "check_target",
    "part_path",
    "private_file",
    "private_folder",
    "writable_target",
    "write_error",
]


def writable_target(path: Path) -> None:
    """Raise the error a write of `path` would meet, before any work: a folder at the path, a file where a
    folder should be. (The folders are created.)"""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path)) from None


def check_target(location: str, folder: bool, example: str = "graph.EXT") -> None:
    """Refuse, before any work, an output that could not be written: a folder given for a file (`example`
    names a file in it), a file given for a folder, a path through a file."""
    path = Path(location).expanduser()
    if not folder and path.is_dir():
        raise StoreError(f"'{location}' is a folder; give the file to write, e.g. {Path(location) / example}")
    if folder and path.exists() and not path.is_dir():
        raise StoreError(f"'{location}' is a file; this writes several files into a folder.")
    try:
        writable_target(path / "graph" if folder else path)
    except OSError as e:
        raise write_error(location, e) from None


def _clean_parts(path: Path) -> None:
    """Remove the parts of earlier writes of `path` whose writer is no longer running."""
    for part in path.parent.glob(f".{path.name}.*.part"):
        writer = part.name[len(path.name) + 2 :].split("-", 1)[0]
        if writer.isdigit() and is_alive(int(writer)):
            continue
        with contextlib.suppress(OSError):
            part.unlink()


def part_path(path: Path) -> Path:
    """A new hidden part file beside `path`, to write then rename over it (stale parts removed first)."""
    writable_target(path)
    _clean_parts(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".part", dir=path.parent)
    os.close(fd)
    return Path(name)


def private_folder(folder: Path) -> None:
    """Create kg's own folder (config, history) for its owner only (0700); tighten it if it exists."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)


def private_file(path: Path) -> None:
    """Create `path` (if missing) readable and writable by its owner only (0600), in a folder only they may
    enter (0700); tighten existing ones. It holds what people typed: queries, names, settings."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


class atomic_write:
    """Write a file through a temporary sibling and rename it into place only when the write completed."""

    def __init__(
        self, path: str | os.PathLike[str], mode: str = "wb", encoding: str | None = None, private: bool = False
    ) -> None:
        self.path = Path(path)
        self.mode = mode
        self.encoding = encoding
        self.private = private  # readable by its owner only (0600): what people typed

    def __enter__(self) -> IO[Any]:
        self.tmp = str(part_path(self.path))
        fd = os.open(self.tmp, os.O_WRONLY | os.O_TRUNC)
        if not self.private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)  # the permissions open() would give, not mkstemp's private 0600
        self.handle = os.fdopen(fd, self.mode, encoding=self.encoding)
        return self.handle

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.handle.close()
        except OSError:
            Path(self.tmp).unlink(missing_ok=True)
            if exc_type is None:
                raise
            return
        try:
            if exc_type is None:
                os.replace(self.tmp, self.path)
        finally:
            Path(self.tmp).unlink(missing_ok=True)


def write_error(where: str, error: OSError, whole: bool = True) -> StoreError:
    """A clear message for a failed write: disk full, permission denied, else the system's words. `whole`: the
    write was atomic (a file written through `atomic_write`), so nothing half-written is left."""
    text = str(error)
    if error.errno == errno.ENOSPC or "no space left" in text.lower():
        kept = "Nothing half-written was kept; free" if whole else "Free"
        return StoreError(
            f"No space left on the device while writing '{where}'. {kept} some space and run the same command again."
        )
    if isinstance(error, PermissionError) or "permission denied" in text.lower():
        return StoreError(f"Permission denied writing '{where}'. Choose a location you can write to.")
    if error.errno == errno.EISDIR:
        return StoreError(f"Cannot write '{where}': it is a folder. Give a file name, e.g. {Path(where) / 'graph'}.EXT")
    if error.errno == errno.ENOTDIR:
        above = next((p for p in Path(where).parents if p.exists() and not p.is_dir()), None)
        what = f"'{above}' is a file, not a folder" if above else "part of the path is a file, not a folder"
        return StoreError(f"Cannot write '{where}': {what}.")
    return StoreError(f"'{where}' could not be written: {text}")
