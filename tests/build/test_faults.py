"""Faults, on real parts: a build killed with SIGKILL, permission denied, a full disk, a batch cut off in the
middle of its write. Nothing is mocked: real subprocesses, real signals, a real tmpfs. (A store held by
another process: tests/store/test_locking.py.)
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_kg
from faults_testing import (
    assert_same_graph,
    assert_whole_documents,
    batch1_reference,  # noqa: F401 - a fixture
    batch1_shapes,  # noqa: F401 - a fixture
    kg_env,
    local_document_count,
    small_disk,  # noqa: F401 - a fixture
    start_build,
    store_graph,
    wait_for_documents,
)

pytestmark = pytest.mark.slow  # builds corpora end to end

# --- SIGKILL ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_at_a_random_point_leaves_whole_documents_and_resumes(tmp_path, seed, batch1_reference, batch1_shapes):  # noqa: F811
    store = tmp_path / "store"
    build = start_build(store, tmp_path, "--batch-size", "1")
    # wait until the first document is in, then kill at a random moment of the rest of the build
    wait_for_documents(lambda: local_document_count(store), 1, build)
    time.sleep(random.Random(seed).uniform(0.0, 2.5))
    build.send_signal(signal.SIGKILL)
    build.wait()

    from kg.store.opening import open_store

    opened = open_store(store, create=False)  # it opens, answers, and holds whole documents only
    try:
        kept = assert_whole_documents(opened, batch1_shapes)
    finally:
        opened.close()
    assert 1 <= kept <= 5

    rerun = run_kg("build", "--batch-size", "1", "--store", str(store), "--no-export", cwd=tmp_path, env=kg_env())
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"Built {5 - kept} document" in rerun.stdout.decode()
    assert_same_graph(store_graph(store), store_graph(batch1_reference))


# --- permission denied ------------------------------------------------------------------------------------

# Root passes every permission check; without these capabilities it is held to the file modes like anyone.
_UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def _run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    prefix = _UNPRIVILEGED if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True,
                          timeout=300, env=kg_env())  # fmt: skip


@pytest.fixture
def unprivileged() -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv (util-linux) to drop the file-permission capabilities")


def test_permission_denied_store_and_inputs(unprivileged, tmp_path, sample_store_dir):
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copytree(sample_store_dir, locked / "store")
    (locked / "store").chmod(0o555)
    locked.chmod(0o555)
    try:
        result = _run_unprivileged("build", "--store", str(locked / "new"), cwd=tmp_path)
        err = result.stderr.decode()
        assert result.returncode == 1
        assert "Permission denied" in err and "Traceback" not in err
        # a store folder one may read but not write (another user's, a read-only mount) is read, read-only
        result = _run_unprivileged("query", "ASK { ?d a kg:Document }", "--store", str(locked / "store"), cwd=tmp_path)
        assert (result.returncode, result.stdout.decode()) == (0, "yes\n"), result.stderr.decode()
        result = _run_unprivileged("stats", "--store", str(locked / "store"), cwd=tmp_path)
        assert result.returncode == 0 and "kg:Document" in result.stdout.decode(), result.stderr.decode()
        result = _run_unprivileged("shell", "--store", str(locked / "store"), "-e", "ASK { ?d a kg:Document }",
                                   cwd=tmp_path)  # fmt: skip
        assert result.returncode == 0 and "yes" in result.stdout.decode(), result.stderr.decode()
        result = _run_unprivileged("build", "--store", str(locked / "store"), cwd=tmp_path)
        assert result.returncode == 1
        assert "Permission denied opening store" in result.stderr.decode()
    finally:
        locked.chmod(0o755)
        (locked / "store").chmod(0o755)
    secret = tmp_path / "secret.txt"
    secret.write_text("Officials met in Geneva on Friday to discuss the talks.\n" * 3)
    secret.chmod(0o000)
    result = _run_unprivileged("build", str(secret), "--store", str(tmp_path / "s2"), "--no-export", cwd=tmp_path)
    assert result.returncode == 1  # nothing could be built: its only input was skipped
    assert "skipped" in result.stderr.decode() and "permission denied" in result.stderr.decode()


# --- disk full --------------------------------------------------------------------------------------------


def test_disk_full_stops_clearly_and_a_rerun_completes(small_disk, tmp_path, batch1_reference, batch1_shapes):  # noqa: F811
    store = small_disk / "store"
    result = run_kg("build", "--batch-size", "1", "--store", str(store), "--out", str(small_disk / "out"),
                    cwd=tmp_path, env=kg_env())  # fmt: skip
    err = result.stderr.decode()
    assert result.returncode == 1, (result.stdout.decode(), err)
    assert "No space left on the device" in err and "Traceback" not in err
    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    from kg.store.opening import open_store

    opened = open_store(store, create=False)  # nothing lost: what was written is whole
    try:
        assert_whole_documents(opened, batch1_shapes)
    finally:
        opened.close()
    rerun = run_kg("build", "--batch-size", "1", "--store", str(store), "--no-export", cwd=tmp_path, env=kg_env())
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert_same_graph(store_graph(store), store_graph(batch1_reference))


def test_export_to_a_full_disk_leaves_no_partial_file(small_disk, tmp_path, sample_store_dir):  # noqa: F811
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir, store)
    (small_disk / "filler").write_bytes(b"\0" * (1024 * 1024 - 100 * 1024))  # leave ~100 kB
    out = small_disk / "out"
    result = run_kg("build", "--store", str(store), "--out", str(out), cwd=tmp_path, env=kg_env())
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "No space left on the device while writing" in err and "Traceback" not in err
    assert not list(out.glob("*")), "a partial export was left behind"


# --- resuming at every batch boundary ---------------------------------------------------------------------


@pytest.mark.parametrize("first", [1, 2, 3, 4])
def test_resuming_after_any_batch_gives_the_uninterrupted_graph(tmp_path, nlp, first, batch1_reference):  # noqa: F811
    """What a kill between batches leaves, then a re-run: the same graph as one uninterrupted build."""
    from kg.build.pipeline import build
    from kg.ingest.sources import sample_corpus
    from kg.store.opening import open_store

    store = open_store(tmp_path / "store")
    try:
        assert build(sample_corpus()[:first], store, batch_size=1).built == first
        report = build(sample_corpus(), store, batch_size=1)
        assert (report.built, report.unchanged) == (5 - first, first)
    finally:
        store.close()
    assert_same_graph(store_graph(tmp_path / "store"), store_graph(batch1_reference))


class _CutOff(Exception):
    """Where a test stops a build, as a crash would."""


@pytest.mark.parametrize("cut", ["before the bulk load", "before the closing transaction"])
def test_a_batch_cut_off_inside_its_write_is_removed_then_built_again(tmp_path, nlp, cut, batch1_reference):  # noqa: F811
    """A local batch is written in three steps: markers naming its documents, a bulk load of their triples (no
    transaction), a transaction with the derived values that removes the markers. Stopped between two of them,
    the store holds what the markers name, and the next build removes it and builds those documents again."""
    from kg.build.pipeline import build
    from kg.ingest.sources import sample_corpus
    from kg.store.local import LocalStore

    class StoreThatStops(LocalStore):
        bulk_loads = 0

        def bulk_insert(self, ntriples: bytes) -> None:
            self.bulk_loads += 1
            if self.bulk_loads == 3 and cut == "before the bulk load":
                raise _CutOff
            super().bulk_insert(ntriples)

        def update(self, sparql: str) -> None:
            if self.bulk_loads == 3 and cut == "before the closing transaction" and "DELETE DATA" in sparql:
                raise _CutOff
            super().update(sparql)

    store = StoreThatStops(tmp_path / "store")
    try:
        with pytest.raises(_CutOff):
            build(sample_corpus(), store, batch_size=1)
        pending = store.select("SELECT ?d WHERE { <https://kg.example.org/build#pending> ?p ?d }")
        assert len(pending) == 1
    finally:
        store.close()

    store = LocalStore(tmp_path / "store")
    try:
        report = build(sample_corpus(), store, batch_size=1)
        assert (report.built, report.unchanged) == (3, 2)
    finally:
        store.close()
    assert_same_graph(store_graph(tmp_path / "store"), store_graph(batch1_reference))


def test_kg_export_to_a_full_disk_says_so(small_disk, tmp_path, sample_store_dir):  # noqa: F811
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir, store)
    (small_disk / "filler").write_bytes(b"\0" * (1024 * 1024 - 100 * 1024))
    target = small_disk / "graph.nt"
    result = run_kg("export", "--format", "ntriples", "-o", str(target), "--store", str(store), cwd=tmp_path,
                    env=kg_env())  # fmt: skip
    err = result.stderr.decode()
    assert result.returncode == 1
    assert err.startswith("Error: No space left on the device while writing") and "Traceback" not in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
