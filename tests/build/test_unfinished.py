"""A store that a build left unfinished (its write cut off by a kill or a full disk): every reader says so
and how to finish it; a full disk rolls the batch back when it can; the same build, run again, finishes it."""

from __future__ import annotations

import subprocess

import pytest
from conftest import run_kg
from faults_testing import (
    kg_env,
    small_disk,  # noqa: F401 - a fixture
)

pytestmark = pytest.mark.slow  # builds the sample corpus end to end

_PENDING = "SELECT ?d WHERE { <https://kg.example.org/build#pending> ?p ?d }"
_WARNING = "holds an unfinished build: the write of {n} document(s) was cut off"
_FINISH = "Run the same kg build command again to finish it."


class _CutOff(Exception):
    """Where the test stops a build, as a kill would."""


def _cut_off_build(folder) -> None:
    """Build the sample corpus and stop it as a kill would between the third batch's bulk load and its closing
    transaction: the store keeps that batch's document, marked."""
    from kg.build.pipeline import build
    from kg.ingest.sources import sample_corpus
    from kg.store.local import LocalStore

    class StoreThatStops(LocalStore):
        bulk_loads = 0

        def bulk_insert(self, ntriples: bytes) -> None:
            self.bulk_loads += 1
            super().bulk_insert(ntriples)

        def update(self, sparql: str) -> None:
            if self.bulk_loads == 3 and "DELETE DATA" in sparql:
                raise _CutOff
            super().update(sparql)

    store = StoreThatStops(folder)
    try:
        with pytest.raises(_CutOff):
            build(sample_corpus(), store, batch_size=1)
        assert len(store.select(_PENDING)) == 1
    finally:
        store.close()


def _readers(store, cwd) -> dict[str, subprocess.CompletedProcess]:
    where = ("--store", str(store))
    return {
        "query": run_kg("query", "ASK { ?d a kg:Document }", *where, cwd=cwd, env=kg_env()),
        "stats": run_kg("stats", *where, cwd=cwd, env=kg_env()),
        "export": run_kg("export", "-f", "turtle", "-o", str(cwd / "g.ttl"), *where, cwd=cwd, env=kg_env()),
        "shell": run_kg("shell", *where, "-e", "ASK { ?d a kg:Document }", cwd=cwd, env=kg_env()),
    }


def test_every_reader_says_the_store_holds_an_unfinished_build(tmp_path, nlp):
    store = tmp_path / "store"
    _cut_off_build(store)
    for name, done in _readers(store, tmp_path).items():
        err = done.stderr.decode()
        assert done.returncode == 0, (name, err)
        assert f"Store '{store}' {_WARNING.format(n=1)}" in err and _FINISH in err, (name, err)
    rerun = run_kg("build", "--batch-size", "1", "--store", str(store), "--no-export", cwd=tmp_path, env=kg_env())
    assert rerun.returncode == 0, rerun.stderr.decode()
    for name, done in _readers(store, tmp_path).items():
        assert "unfinished" not in done.stderr.decode(), name


def test_a_full_disk_rolls_the_batch_back_or_readers_say_so(small_disk, tmp_path):  # noqa: F811
    store = small_disk / "store"
    result = run_kg("build", "--batch-size", "1", "--store", str(store), "--no-export", cwd=tmp_path, env=kg_env())
    err = result.stderr.decode()
    assert result.returncode == 1 and "No space left on the device" in err and "Traceback" not in err
    assert "Nothing half-written was kept" not in err  # the store was being written, not a file
    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    from kg.store.opening import open_store

    opened = open_store(store, create=False)
    try:
        pending = len(opened.select(_PENDING))
    finally:
        opened.close()
    if pending:
        assert "marked unfinished" in err
    else:
        assert "The batch being written was rolled back: the store holds whole documents only." in err
    for name, done in _readers(store, tmp_path).items():
        assert done.returncode == 0, (name, done.stderr.decode())
        assert (_WARNING.format(n=pending) in done.stderr.decode()) == bool(pending), name
