"""Processes side by side: queries while a build runs see whole documents only; --jobs 2 builds the same graph."""

from __future__ import annotations

import json
import time

import pytest
from conftest import run_kg
from faults_testing import (
    DOCUMENT_SHAPES,
    assert_same_graph,
    assert_whole_documents,
    batch1_reference,  # noqa: F401 - a fixture
    batch1_shapes,  # noqa: F401 - a fixture
    kg_env,
    start_build,
    store_graph,
)

from kg.store.local import LocalStore

pytestmark = pytest.mark.slow  # builds corpora end to end


def test_queries_during_a_build_see_whole_documents(tmp_path, batch1_shapes):  # noqa: F811
    """Another process queries the store over and over while a build writes it, one document per batch."""
    store_dir = tmp_path / "store"
    build = start_build(store_dir, tmp_path, "--batch-size", "1")
    seen: list[int] = []
    while build.poll() is None:
        if not (store_dir / "CURRENT").exists():
            time.sleep(0.05)
            continue
        store = LocalStore(store_dir, create=False, wait=60)
        try:
            seen.append(assert_whole_documents(store, batch1_shapes))
        finally:
            store.close()
    assert build.returncode == 0, build.stderr.read().decode()
    assert seen == sorted(seen)  # documents only ever arrive, whole
    assert any(0 < n < 5 for n in seen), f"no answer came in the middle of the build: {seen}"


def test_kg_query_during_a_build_waits_for_the_batch_and_answers(tmp_path, batch1_shapes):  # noqa: F811
    """The command line: `kg query` while `kg build` runs gets whole documents (as JSON rows)."""
    store_dir = tmp_path / "store"
    build = start_build(store_dir, tmp_path, "--batch-size", "1")
    answers: list[dict] = []
    while build.poll() is None or not answers:
        if not (store_dir / "CURRENT").exists():
            time.sleep(0.05)
            continue
        result = run_kg("query", DOCUMENT_SHAPES, "--store", str(store_dir), "--format", "json", cwd=tmp_path,
                        env=kg_env())  # fmt: skip
        assert result.returncode == 0, result.stderr.decode()
        answers.append(json.loads(result.stdout))
    build.wait()
    for answer in answers:
        for row in _rows(answer):
            assert batch1_shapes[row["h"]] == (int(row["sentences"]), int(row["mentions"]), int(row["evidence"]))


def _rows(answer) -> list[dict]:
    """Rows of kg's JSON output, whether a list of objects or SPARQL JSON results."""
    if isinstance(answer, dict) and "results" in answer:
        return [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]
    return answer


def test_jobs_2_builds_the_same_graph_as_jobs_1(tmp_path, sample_store_dir):
    store_dir = tmp_path / "store"
    result = run_kg("build", "--jobs", "2", "--store", str(store_dir), "--no-export", cwd=tmp_path, env=kg_env())
    assert result.returncode == 0, result.stderr.decode()
    assert "Built 5 documents" in result.stdout.decode()
    assert_same_graph(store_graph(store_dir), store_graph(sample_store_dir))


def test_jobs_2_with_many_chunks_builds_the_same_graph(tmp_path, batch1_reference):  # noqa: F811
    """One document per batch, so that workers run ahead of the writer by several chunks."""
    store_dir = tmp_path / "store"
    result = run_kg("build", "-j", "2", "--batch-size", "1", "--store", str(store_dir), "--no-export",
                    cwd=tmp_path, env=kg_env())  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert_same_graph(store_graph(store_dir), store_graph(batch1_reference))


def test_a_writer_keeps_its_store_until_a_reader_waits_for_it(tmp_path, nlp):
    """Between batches (the parser busy), the build's writer holds the store open, and lets it go within a
    fraction of a second when `kg query` waits for it, not at its next batch."""
    import hashlib

    from kg.build.report import BuildReport
    from kg.build.sink import Sink
    from kg.build.writer import GraphWriter
    from kg.extract.extraction import extract_source
    from kg.ingest.sources import Source

    text = "Antony Blinken met Sergey Lavrov in Geneva on Friday, the State Department said."
    batch = [extract_source(nlp, Source("a.txt", text, hashlib.sha256(text.encode()).hexdigest()))]
    store = LocalStore(tmp_path / "store")
    writer = GraphWriter(store)
    writer.prepare()
    report = BuildReport()
    sink = Sink(writer, report, progress=None)
    try:
        sink.put(batch)
        deadline = time.monotonic() + 60
        while report.built < 1:
            assert time.monotonic() < deadline, "the batch was never written"
            time.sleep(0.05)
        assert store._ox is not None  # written, and kept open: no next batch has come
        started = time.monotonic()
        result = run_kg("query", DOCUMENT_SHAPES, "--store", str(store.path), "--format", "json", cwd=tmp_path,
                        env=kg_env(KG_LOCK_WAIT="30"))  # fmt: skip
        waited = time.monotonic() - started
        assert result.returncode == 0, result.stderr.decode()
        assert len(_rows(json.loads(result.stdout))) == 1
        assert waited < 15, f"the query waited {waited:.1f} s: the idle writer kept the store"
    finally:
        sink.close()
        store.close()
