"""Opening what `--store` names: a store folder, an RDF file (read into memory, read-only), or a SPARQL
endpoint URL.

`open_store` is for the commands: a folder opens in this process, in turn with the others (kg/store/local.py).
`open_for_shell` serves a folder from a worker process (kg/store/worker.py), so that Ctrl-C can stop any
query; a folder that another process holds open for writing (a running `kg build`, another shell) then opens
read-only, with a warning, rather than not at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import StoreError
from .base import Store
from .file import RDF_SUFFIXES, FileStore
from .local import DEFAULT_STORE, LocalStore
from .worker import WorkerStore

__all__ = ["is_remote", "open_for_shell", "open_store"]


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def open_store(
    location: str | os.PathLike[str] | None = None,
    read_only: bool = False,
    create: bool = True,
    wait: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> Store:
    """Open the store at a folder (created on demand unless read_only) or a SPARQL endpoint URL.

    `wait`: seconds to wait for a folder that another kg process holds (a build writing a batch).
    `on_wait`: told, once, that the folder is busy; or, an endpoint, each request it has to retry.
    """
    location = str(location or DEFAULT_STORE)
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore(location, on_retry=on_wait)
    return LocalStore(location, read_only=read_only, create=create, wait=wait, on_wait=on_wait)


def open_for_shell(location: str) -> Store:
    """The store a location names. Its `read_only` says why it cannot be written (None when it can)."""
    if is_remote(location):
        return open_store(location)
    path = Path(location).expanduser()
    if path.is_file():
        if path.suffix.lower() not in RDF_SUFFIXES:
            kinds = ", ".join(sorted(RDF_SUFFIXES))
            raise StoreError(f"'{location}' is neither a store folder nor an RDF file ({kinds}).")
        return FileStore(path)
    if not path.exists():
        raise StoreError(f"No store at '{location}'. Build one first: kg build [FILES] --store {location}")
    if not path.is_dir():
        raise StoreError(f"'{location}' is neither a store folder nor an RDF file.")
    return WorkerStore(path)
