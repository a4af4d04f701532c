"""The bundled sample corpus built into a temporary store: what `kg export --sample` exports (`exports/`)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from ..store.local import Store, open_store

__all__ = ["sample_store"]


def sample_store() -> Store:
    """A new store, removed when the process ends, with the sample corpus built into it."""
    from ..build.pipeline import build
    from ..ingest.sources import sample_corpus

    folder = tempfile.mkdtemp(prefix="kg-sample-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    store = open_store(Path(folder) / "store")
    build(sample_corpus(), store)
    return store
