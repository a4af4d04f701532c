"""Running SPARQL (kg.query.run), shared by `kg query` and the shell: predeclared prefixes, errors that
point at the problem, the row limit, Ctrl-C; on the real sample store."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import pytest
from conftest import run_kg
from rdflib import URIRef

from kg.errors import QueryError
from kg.query.formatting import format_result
from kg.query.run import run_query


def error_of(store, text: str) -> str:
    with pytest.raises(QueryError) as info:
        run_query(store, text)
    return str(info.value)


def test_select_uses_predeclared_prefixes(sample_store):
    result = run_query(sample_store, "SELECT ?p WHERE { ?p a kg:Person ; rdfs:label 'Sergey Lavrov' }")
    assert result.rows == [(URIRef("https://kg.example.org/entity/sergey-lavrov"),)]


def test_prefix_lines_still_work_and_win(sample_store):
    result = run_query(sample_store, "PREFIX kg: <http://example.org/other#> SELECT ?p WHERE { ?p a kg:Person }")
    assert result.rows == []


def test_syntax_error_points_at_the_column(sample_store):
    message = error_of(sample_store, "SELECT ?s WHERE {\n  ?s a kg:Person\n")
    lines = message.splitlines()
    assert lines[0].startswith("Syntax error at line 2, column 17")
    assert lines[1] == "    ?s a kg:Person"
    assert lines[2] == "  " + " " * 16 + "^"
    assert lines[3] == "Hint: 1 '{' is not closed: add '}'."


def test_misspelt_keyword_is_named(sample_store):
    message = error_of(sample_store, "SELECT ?s WHERE { ?s a kg:Person } ORDR BY ?s")
    assert "unknown keyword 'ORDR'" in message
    assert message.splitlines()[-1] == "Hint: did you mean ORDER?"
    assert message.splitlines()[-2] == "  " + " " * 35 + "^"


def test_unknown_prefix_says_which(sample_store):
    message = error_of(sample_store, "SELECT ?s WHERE { ?s a foaf:Person }")
    assert message.startswith("Unknown prefix 'foaf:' at line 1, column 24")
    assert "PREFIX foaf: <http://…>" in message


def test_max_rows_stops_reading_and_says_so(sample_store):
    result = run_query(sample_store, "SELECT * WHERE { ?s ?p ?o }", max_rows=10)
    assert len(result.rows) == 10 and result.truncated
    assert result.status == "10 rows, more not fetched"


def test_construct_and_ask(sample_store):
    graph = run_query(sample_store, "CONSTRUCT WHERE { ent:sergey-lavrov rdfs:label ?l }")
    assert graph.kind == "CONSTRUCT" and len(graph.graph) == 1
    assert 'ent:sergey-lavrov rdfs:label "Sergey Lavrov"' in format_result(graph, "table")
    assert run_query(sample_store, "ASK { ent:sergey-lavrov a kg:Person }").boolean is True


def _interrupt_after(seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_ctrl_c_cancels_a_long_query_at_once(sample_store_dir, tmp_path, kind):
    """Oxigraph never checks for signals: the query runs in a process the engine can kill (the worker
    serving a store folder; a forked child for a file loaded in memory)."""
    from kg.store.opening import open_for_shell, open_store

    location = tmp_path / "store"  # opening a store read-write compacts it: never the shared one
    shutil.copytree(sample_store_dir, location)
    if kind == "file":
        location = tmp_path / "graph.ttl"
        source = open_store(sample_store_dir, read_only=True)
        source.dump(location)
        source.close()
    store = open_for_shell(str(location))
    # Ctrl-C raises KeyboardInterrupt even when pytest was started with SIGINT ignored (a background job)
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        assert run_query(store, "ASK { ?s ?p ?o }").boolean
        worker = store._process if kind == "folder" else None  # the worker process serving the folder
        started = time.monotonic()
        _interrupt_after(0.5)
        with pytest.raises(KeyboardInterrupt):
            run_query(store, SLOW)
        assert time.monotonic() - started < 3
        if worker is not None:
            assert worker.poll() is not None, "the worker running the query must be gone"
        assert run_query(store, "ASK { ent:sergey-lavrov a kg:Person }").boolean  # the store still works
    finally:
        signal.signal(signal.SIGINT, handler)
        store.close()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~3.6e11 rows


def test_query_errors_are_one_clear_message(sample_store_dir, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir, store)
    bad = run_kg("query", "SELECT ?x WHERE { ?x a foo:Bar }", "--store", str(store), cwd=tmp_path)
    assert bad.returncode == 1 and "Unknown prefix 'foo:'" in bad.stderr.decode()
    broken = run_kg("query", "SELECT ?x WHERE { ?x a kg:Person ", "--store", str(store), cwd=tmp_path)
    assert broken.returncode == 1 and "^" in broken.stderr.decode() and "Traceback" not in broken.stderr.decode()
