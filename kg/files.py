"""Writing files: whole or not at all (`atomic_write`), and a clear message when the system refuses
(`write_error`). Used by the stores, the exports and the caches alike."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import StoreError

__all__ = ["atomic_write", "write_error"]


class atomic_write:
    """Write a file through a temporary sibling and rename it into place only when the write completed."""

    def __init__(self, path: str | os.PathLike[str], mode: str = "wb", encoding: str | None = None) -> None:
        self.path = Path(path)
        self.mode = mode
        self.encoding = encoding

    def __enter__(self) -> IO[Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
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
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            Path(self.tmp).unlink(missing_ok=True)


def write_error(where: str, error: OSError) -> StoreError:
    """A clear message for a failed write: disk full, permission denied, else the system's words."""
    text = str(error)
    if error.errno == errno.ENOSPC or "no space left" in text.lower():
        return StoreError(
            f"No space left on the device while writing '{where}'. Nothing half-written was kept; "
            "free some space and run the same command again."
        )
    if isinstance(error, PermissionError) or "permission denied" in text.lower():
        return StoreError(f"Permission denied writing '{where}'. Choose a location you can write to.")
    return StoreError(f"'{where}' could not be written: {text}")
