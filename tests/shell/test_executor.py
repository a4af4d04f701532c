"""The shell's engine (kg.shell.executor) on the stores it opens: any store with the protocol, and a store
folder another process writes to."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query.run import QueryPolicy, run_query
from kg.rdf.ontology import PREFIXES
from kg.store.base import Store


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
    """No Oxigraph handle, no worker: what a remote endpoint looks like (kg/store/remote.py)."""
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
        run_query(writer, "INSERT DATA { ent:x rdfs:label 'x' }", policy=QueryPolicy(updates=True))
        assert int(run_query(reader, count).rows[0][0]) == before  # a snapshot...
        reader.reopen()  # ...until \refresh
        assert int(run_query(reader, count).rows[0][0]) == before + 1
        with pytest.raises(KGError, match="read-only"):
            reader.update("INSERT DATA { ent:y rdfs:label 'y' }")
    finally:
        reader.close()
        writer.close()
