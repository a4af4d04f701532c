"""The store on a real SPARQL endpoint: an Oxigraph server process (`oxigraph serve`) on a free loopback port.

Build, query and export against it; kill the server in the middle of a build and resume; kill a build whose
batches are split to fit the endpoint's request size, and check that only whole documents are ever there.
"""

from __future__ import annotations

import signal
import time

import networkx as nx
import pytest
from conftest import run_kg
from faults_testing import (
    assert_same_graph,
    assert_whole_documents,
    batch1_reference,  # noqa: F401 - a fixture
    batch1_shapes,  # noqa: F401 - a fixture
    kg_env,
    shapes,
    start_build,
    store_graph,
    wait_for_documents,
)
from rdflib import Graph

from kg.errors import EndpointError, QueryError
from kg.query.run import QueryPolicy, run_query
from kg.store.remote import RemoteStore, endpoints_for, with_prefixes
from tests.store.oxigraph_server import free_port

pytestmark = pytest.mark.slow  # drives a real oxigraph server


@pytest.fixture(scope="session")
def sample_graph(sample_store_dir) -> Graph:
    return store_graph(sample_store_dir)


# --- the endpoint's URLs and the query text ----------------------------------------------------------------


def test_endpoint_urls_for_common_servers():
    assert endpoints_for("http://h:7878") == endpoints_for("http://h:7878/query/")
    oxigraph = endpoints_for("http://h:7878/query")
    assert (oxigraph.query, oxigraph.update, oxigraph.graph_store[0]) == (
        "http://h:7878/query", "http://h:7878/update", "http://h:7878/store",
    )  # fmt: skip
    fuseki = endpoints_for("http://h:3030/news")
    assert (fuseki.query, fuseki.update, fuseki.graph_store[-1]) == (
        "http://h:3030/news/query", "http://h:3030/news/update", "http://h:3030/news/data",
    )  # fmt: skip
    graphdb = endpoints_for("http://h:7200/repositories/news")
    assert graphdb.update == "http://h:7200/repositories/news/statements"
    assert endpoints_for("http://h:8890/sparql").update == "http://h:8890/sparql"


def test_prefixes_go_on_the_first_line_and_the_query_own_win():
    text, added = with_prefixes("PREFIX kg: <http://other/>\nSELECT * WHERE { ?s kg:p ?o }")
    assert text.count("\n") == 1 and "PREFIX kg: <https://kg.example.org" not in text
    assert text[added:].startswith("PREFIX kg: <http://other/>")


# --- build, query, export -----------------------------------------------------------------------------------


def test_build_query_and_export_on_a_server(server, tmp_path, sample_graph, sample_store_dir):
    from kg.export import render
    from kg.store.opening import open_store

    built = run_kg("build", "--store", server.url, "--out", str(tmp_path / "out"), cwd=tmp_path, env=kg_env())
    assert built.returncode == 0, built.stderr.decode()
    assert "Built 5 documents" in built.stdout.decode()
    exported = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert_same_graph(exported, sample_graph)  # the same graph as a local build, through the Graph Store
    local = open_store(sample_store_dir, read_only=True)
    try:  # ... and the same sorted Turtle, blank nodes included
        assert (tmp_path / "out" / "graph.ttl").read_bytes() == render(local, "turtle")[""]
    finally:
        local.close()

    people = run_kg("query", "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name",
                    "--format", "csv", "--store", f"{server.url}/query", cwd=tmp_path, env=kg_env())  # fmt: skip
    assert people.returncode == 0, people.stderr.decode()
    assert {"Joe Biden", "Vladimir Putin"} <= set(people.stdout.decode().splitlines())

    script = "\\describe Lavrov\nSELECT (COUNT(*) AS ?n) WHERE { ?f a kg:Meeting };\n"
    shell = run_kg("shell", "--store", server.url, "-f", "csv", cwd=tmp_path, env=kg_env(), input=script.encode())
    assert shell.returncode == 0, shell.stderr.decode()
    assert "Sergey Lavrov (Person)" in shell.stdout.decode() and "Sergei Lavrov" in shell.stdout.decode()

    gexf = run_kg("export", "--format", "gexf", "-o", "g.gexf", "--store", server.url, cwd=tmp_path, env=kg_env())
    assert gexf.returncode == 0, gexf.stderr.decode()
    assert "Joe Biden" in {data["label"] for _, data in nx.read_gexf(tmp_path / "g.gexf").nodes(data=True)}

    again = run_kg("build", "--store", server.url, "--no-export", cwd=tmp_path, env=kg_env())
    assert again.returncode == 0 and "Built 0 documents" in again.stdout.decode()
    assert "5 unchanged" in again.stdout.decode()


def test_query_errors_point_at_the_users_line_and_column(server):
    store = server.store()
    with pytest.raises(QueryError) as error:
        run_query(store, "SELECT ?s\nWHERE { ?s ?p }")
    assert str(error.value).startswith("Syntax error at line 2, column 16")
    assert "  WHERE { ?s ?p }\n" + " " * 17 + "^" in str(error.value)
    with pytest.raises(QueryError, match="Unknown prefix 'nope:'"):
        run_query(store, "SELECT * WHERE { ?s nope:p ?o }")


def test_construct_ask_and_update_through_the_protocol(server):
    store = server.store()
    run_query(
        store,
        'INSERT DATA { ent:a rdfs:label "A" ; kg:meets ent:b . ent:b rdfs:label "B" }',
        policy=QueryPolicy(updates=True),
    )
    assert run_query(store, "ASK { ent:a kg:meets ent:b }").boolean is True
    graph = run_query(store, "CONSTRUCT WHERE { ?s rdfs:label ?l }").graph
    assert graph is not None and len(graph) == 2
    assert store.triple_count() == 3


def test_an_endpoint_that_is_not_there_gives_up_clearly(tmp_path):
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", retry_seconds=1.5)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"is not answering \(connection refused; \d+ tries"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert 1.0 < time.monotonic() - started < 10  # it retried with backoff, then stopped
    result = run_kg("query", "ASK { ?s ?p ?o }", "--store", store.location, cwd=tmp_path,
                    env=kg_env(KG_REMOTE_RETRY_SECONDS="1"))  # fmt: skip
    assert result.returncode == 1
    assert "is not answering" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_a_missing_endpoint_path_is_named(server):
    with pytest.raises(EndpointError, match=r"No SPARQL endpoint at .*/nowhere/query"):
        RemoteStore(server.url + "/nowhere").select("SELECT * WHERE { ?s ?p ?o }")


# --- faults -----------------------------------------------------------------------------------------------


def test_server_killed_mid_build_then_resumed(server, tmp_path, batch1_reference, batch1_shapes):  # noqa: F811
    build = start_build(server.url, tmp_path, "--batch-size", "1", KG_REMOTE_RETRY_SECONDS="2")
    wait_for_documents(lambda: len(shapes(server.store())), 2, build)
    server.kill()
    _, err = build.communicate(timeout=120)
    assert build.returncode == 1
    message = err.decode()
    assert "is not answering (connection refused" in message
    assert "Run the same command again to resume" in message and "Traceback" not in message

    server.start()  # same data folder, same port
    kept = assert_whole_documents(server.store(), batch1_shapes)
    assert 2 <= kept < 5
    rerun = run_kg("build", "--batch-size", "1", "--store", server.url, "--out", str(tmp_path / "out"),
                   cwd=tmp_path, env=kg_env())  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"Built {5 - kept} document" in rerun.stdout.decode()
    assert_same_graph(Graph().parse(tmp_path / "out" / "graph.ttl"), store_graph(batch1_reference))


def test_split_batches_hold_whole_documents_when_the_build_is_killed(server, tmp_path, sample_graph, sample_store_dir):
    """With a request limit of 64 kB every batch is split into many requests; kill the build in between."""
    from kg.store.opening import open_store

    reference = open_store(sample_store_dir, create=False)
    whole = shapes(reference)
    reference.close()
    limit = {"KG_REMOTE_MAX_UPDATE_BYTES": "65536"}
    build = start_build(server.url, tmp_path, **limit)
    wait_for_documents(lambda: len(shapes(server.store())), 1, build)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert_whole_documents(server.store(), whole)
    was_cut = _pending(server.store())

    rerun = run_kg("build", "--store", server.url, "--out", str(tmp_path / "out"), cwd=tmp_path, env=kg_env(**limit))
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert_same_graph(Graph().parse(tmp_path / "out" / "graph.ttl"), sample_graph)
    assert not _pending(server.store()), "the markers of the cut batch were left behind"
    print(f"killed {'in the middle of' if was_cut else 'after'} a split batch")


def _pending(store: RemoteStore) -> bool:
    return bool(run_query(store, "ASK { <https://kg.example.org/build#pending> ?p ?o }").boolean)
