"""Helpers shared by the fault, remote and concurrency tests: reference builds, the whole-document check,
running `kg build` in the background."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_kg
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.rdf.ontology import sparql_prologue

__all__ = [
    "DOCUMENT_SHAPES",
    "ORPHAN_PARTS",
    "assert_same_graph",
    "assert_whole_documents",
    "batch1_reference",
    "batch1_shapes",
    "kg_env",
    "local_document_count",
    "shapes",
    "small_disk",
    "start_build",
    "store_graph",
    "wait_for_documents",
]

# Per document: sentences, mentions, evidence nodes. A document in the store must have all of them or none.
DOCUMENT_SHAPES = (
    sparql_prologue()
    + """
SELECT ?h (COUNT(DISTINCT ?s) AS ?sentences) (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?e) AS ?evidence)
WHERE { ?d a kg:Document ; kg:contentHash ?h .
  { ?s a kg:Sentence ; kg:inDocument ?d } UNION { ?m kg:sentence/kg:inDocument ?d }
  UNION { ?e a kg:Evidence ; kg:inDocument ?d } }
GROUP BY ?h"""
)
# Parts of documents whose Document node is missing: never allowed.
ORPHAN_PARTS = (
    sparql_prologue() + "SELECT (COUNT(*) AS ?n) WHERE { ?x kg:inDocument ?d FILTER NOT EXISTS { ?d a kg:Document } }"
)


def shapes(store) -> dict[str, tuple[int, int, int]]:
    """Content hash -> (sentences, mentions, evidence) of every document in the store."""
    return {str(h): (int(s), int(m), int(e)) for h, s, m, e in store.select(DOCUMENT_SHAPES)}


def assert_whole_documents(store, reference: dict[str, tuple[int, int, int]]) -> int:
    """Every document in the store is exactly as in the reference build, and no part lies loose."""
    found = shapes(store)
    assert set(found) <= set(reference)
    for sha, shape in found.items():
        assert shape == reference[sha], f"document {sha[:12]} is partial: {shape} != {reference[sha]}"
    assert int(store.select(ORPHAN_PARTS)[0][0]) == 0
    return len(found)


def store_graph(location) -> Graph:
    """The store's graph as its Turtle export reads back (the form every comparison here uses)."""
    import tempfile

    from kg.store.opening import open_store

    store = open_store(location, create=False)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "graph.ttl"
            store.dump(path)
            return Graph().parse(path)
    finally:
        store.close()


def assert_same_graph(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(
            f"graphs differ: {len(only_a)} triples only in the first, {len(only_b)} only in the second; "
            f"e.g. {sorted(only_a)[:3]} / {sorted(only_b)[:3]}"
        )


def kg_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **extra)
    env.pop("KG_STORE", None)
    return env


@pytest.fixture(scope="session")
def batch1_reference(tmp_path_factory) -> Path:
    """The sample corpus built uninterrupted, one document per batch (as the kill tests build it)."""
    path = tmp_path_factory.mktemp("batch1") / "store"
    result = run_kg("build", "--batch-size", "1", "--store", str(path), "--no-export", cwd=path.parent, env=kg_env())
    assert result.returncode == 0, result.stderr.decode()
    return path


@pytest.fixture(scope="session")
def batch1_shapes(batch1_reference) -> dict[str, tuple[int, int, int]]:
    from kg.store.opening import open_store

    store = open_store(batch1_reference, create=False)
    try:
        found = shapes(store)
    finally:
        store.close()
    assert len(found) == 5
    return found


def start_build(store: Path | str, cwd: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", "build", "--store", str(store), "--no-export", *args],
        cwd=cwd, env=kg_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def wait_for_documents(count_documents, at_least: int, process: subprocess.Popen, timeout: float = 120) -> int:
    """Poll until the store holds at least N documents (or the process ended); return how many it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = count_documents()
        if n >= at_least or process.poll() is not None:
            return n
        time.sleep(0.05)
    raise AssertionError("the build made no progress")


def local_document_count(path: Path) -> int:
    """Documents in a store folder that a build is writing: opened between two of its batches, as `kg query`
    does (it waits while the build holds the folder)."""
    from kg.store.local import LocalStore

    if not (path / "CURRENT").exists():
        return 0
    store = LocalStore(path, create=False, wait=60)
    try:
        return len(shapes(store))
    finally:
        store.close()


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 1 MB tmpfs: the sample corpus does not fit in it."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root; this run is not root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)
