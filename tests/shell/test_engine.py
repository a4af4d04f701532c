"""The query engine shared by `kg query` and the shell, on the real sample store."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.query.formatting import format_result, format_table
from kg.query.run import QueryResult, run_query
from kg.rdf.ontology import PREFIXES
from kg.store.base import Store


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


def test_table_wraps_to_the_width():
    text = format_table(["name", "sentence"], [["ent:x", "word " * 40]], width=60)
    assert max(len(line) for line in text.splitlines()) == 60
    assert text.count("\n") > 5


def test_labels_only_where_they_help():
    result = QueryResult(
        "SELECT",
        ["e"],
        [
            (URIRef("https://kg.example.org/entity/zelenskyy"),),
            (URIRef("https://kg.example.org/entity/joe-biden"),),
        ],
    )
    labels = {
        "https://kg.example.org/entity/zelenskyy": "Volodymyr Zelenskyy",
        "https://kg.example.org/entity/joe-biden": "Joe Biden",
    }
    text = format_result(result, "table", labels=labels)
    assert "| ent:zelenskyy (Volodymyr Zelenskyy) |" in text
    assert "| ent:joe-biden                       |" in text  # the name says it already
    assert "Volodymyr" not in format_result(result, "csv", labels=labels)  # machine formats stay pure


def test_numbers_align_right():
    result = QueryResult("SELECT", ["name", "n"], [(Literal("a"), Literal(3)), (Literal("b"), Literal(120))])
    assert format_result(result, "table").splitlines()[3:5] == ["| a    |   3 |", "| b    | 120 |"]


class _ProtocolStore(Store):
    """Only what every Store does (as a remote SPARQL endpoint offers it), backed by rdflib in memory."""

    def __init__(self, turtle: Path) -> None:
        from rdflib import Graph

        self.location = "http://example.org/sparql"
        self._graph = Graph()
        self._graph.parse(turtle, format="turtle")
        for prefix, ns in PREFIXES.items():
            self._graph.bind(prefix, ns, override=True)

    @property
    def graph(self):
        return self._graph

    def query(self, sparql: str):
        try:
            return self.graph.query(sparql)
        except Exception as e:  # rdflib's parser raises pyparsing errors
            raise QueryError(str(e)) from e

    def select(self, sparql: str):
        return [tuple(row) for row in self.query(sparql)]

    def update(self, sparql: str) -> None:
        self.graph.update(sparql)

    def triple_count(self) -> int:
        return len(self.graph)

    def close(self) -> None:
        pass


def test_the_shell_works_on_any_store_with_the_protocol(sample_store_dir, tmp_path):
    """No Oxigraph handle, no worker: what a remote endpoint will look like (kg/remote.py)."""
    from kg.shell.config import Settings
    from kg.shell.executor import Executor
    from kg.store.opening import open_store

    turtle = tmp_path / "graph.ttl"
    source = open_store(sample_store_dir, read_only=True)
    source.dump(turtle)
    source.close()
    executor = Executor(_ProtocolStore(turtle), Settings())
    (output,) = executor.run("SELECT ?p WHERE { ?p a kg:Person ; rdfs:label 'Sergey Lavrov' };")
    assert [str(v) for v in output.result.rows[0]] == ["https://kg.example.org/entity/sergey-lavrov"]
    card = list(executor.run("\\describe Lavrov"))
    assert card[0].text.startswith("Sergey Lavrov (Person)  ent:sergey-lavrov")
    assert any(o.result is not None and o.result.rows for o in card[1:])


def test_a_store_in_use_opens_read_only_and_reopens_to_see_new_writes(sample_store_dir, tmp_path):
    from kg.errors import KGError
    from kg.store.opening import open_for_shell

    location = tmp_path / "store"
    shutil.copytree(sample_store_dir, location)
    writer = open_for_shell(str(location))
    assert writer.read_only is None  # waits until its worker holds the store
    reader = open_for_shell(str(location))  # a second shell on the same store
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    try:
        assert reader.read_only == "another kg process is writing to it (opened read-only)"
        before = int(run_query(reader, count).rows[0][0])
        run_query(writer, "INSERT DATA { ent:x rdfs:label 'x' }")
        assert int(run_query(reader, count).rows[0][0]) == before  # a snapshot...
        reader.reopen()  # ...until \refresh
        assert int(run_query(reader, count).rows[0][0]) == before + 1
        with pytest.raises(KGError, match="read-only"):
            reader.update("INSERT DATA { ent:y rdfs:label 'y' }")
    finally:
        reader.close()
        writer.close()
