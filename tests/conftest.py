"""Shared fixtures: the real spaCy model (loaded once) and a real store built from the sample corpus."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory) -> Path:
    """A store with the sample corpus built into it, once per test session. Copy it before changing it."""
    from kg.pipeline import build
    from kg.sources import sample_corpus
    from kg.store import open_store

    path = tmp_path_factory.mktemp("sample") / "store"
    store = open_store(path)
    try:
        build(sample_corpus(), store)
    finally:
        store.close()
    return path


@pytest.fixture
def sample_store(sample_store_dir, tmp_path):
    """A private copy of the sample store, open; closed after the test."""
    from kg.store import open_store

    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    store = open_store(copy)
    yield store
    store.close()


def run_kg(*args: str, cwd: Path, input: bytes | None = None, env: dict | None = None, timeout: int = 300):
    """Run the real `kg` command line (python -m kg) in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, input=input, capture_output=True, timeout=timeout, env=env
    )
