"""Tables built once from data sets and kept in the user's cache folder (or `KG_CACHE_DIR`): later runs load
them in milliseconds. A table is rebuilt when the code that builds it or the data set's version changes, and
when its file is missing, unreadable or from another Python; a cache that cannot be written costs only time."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TypeVar

__all__ = ["cached_table"]

T = TypeVar("T")


def cached_table(name: str, build: Callable[[], T], modules: list[ModuleType], packages: list[str]) -> T:
    """The table `build()` makes, from the cache when these modules' code and these packages' versions made it."""
    path = _path(name, modules, packages)
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, unreadable or from another Python: build it again
        pass
    table = build()
    _save(path, table)
    return table


def _path(name: str, modules: list[ModuleType], packages: list[str]) -> Path:
    from platformdirs import user_cache_dir

    stamp = b"".join(Path(module.__file__ or "").read_bytes() for module in modules)
    stamp += "".join(f"{package}={metadata.version(package)};" for package in packages).encode()
    folder = Path(os.environ.get("KG_CACHE_DIR") or user_cache_dir("kg", appauthor=False))
    return folder / f"{name}-{hashlib.sha256(stamp).hexdigest()[:16]}.pickle"


def _save(path: Path, table: object) -> None:
    """Write the cache atomically; a read-only or full disk only means building the table next time."""
    from ..files import atomic_write

    with contextlib.suppress(OSError), atomic_write(path) as handle:
        pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
