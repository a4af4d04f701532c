"""Queries that must not do what the user did not mean: updates, SERVICE, LOAD, nesting that would crash the
engine, runaway queries, text that is not UTF-8. Real `kg query` and `kg shell` processes on a real store
folder, an RDF file and a real `oxigraph serve`."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from conftest import run_kg
from faults_testing import kg_env

from kg.errors import QueryRefused
from kg.query.guard import MAX_DEPTH, QueryPolicy, check_query
from kg.query.run import query_kind, run_query
from kg.store.local import LocalStore
from tests.store.hostile import answer, serving
from tests.store.oxigraph_server import OxigraphServer, free_port

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?i"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A store folder of 400 triples."""
    path = tmp_path / "store"
    store = LocalStore(path)
    store.update("INSERT DATA { " + " ".join(f"ent:e{i} rdfs:label 'e{i}' ; kg:n {i} ." for i in range(200)) + " }")
    store.close()
    return path


def _count(store: Path, tmp_path: Path) -> int:
    result = run_kg("query", COUNT, "--store", str(store), "-f", "csv", cwd=tmp_path, env=kg_env())
    assert result.returncode == 0, result.stderr.decode()
    return int(result.stdout.decode().split()[1])


def _refused(result) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr and "UPDATE: done" not in stderr
    return stderr


@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR DEFAULT", "DELETE WHERE { ?s ?p ?o }"])
def test_kg_query_is_read_only_unless_update_is_given(folder, tmp_path, update):
    refused = run_kg("query", update, "--store", str(folder), cwd=tmp_path, env=kg_env())
    assert "would change the store" in _refused(refused) and "--update" in refused.stderr.decode()
    assert _count(folder, tmp_path) == 400
    done = run_kg("query", update, "--store", str(folder), "--update", cwd=tmp_path, env=kg_env())
    assert done.returncode == 0 and "UPDATE: done" in done.stderr.decode()
    assert _count(folder, tmp_path) == 0


def test_the_shell_is_read_only_until_set_update_on(folder, tmp_path):
    script = b"DELETE WHERE { ?s ?p ?o };\nCLEAR DEFAULT;\n"
    refused = run_kg("shell", "--store", str(folder), cwd=tmp_path, env=kg_env(), input=script)
    assert _refused(refused).count("\\set update on") == 2
    assert _count(folder, tmp_path) == 400
    done = run_kg("shell", "--store", str(folder), cwd=tmp_path, env=kg_env(), input=b"\\set update on\n" + script)
    assert done.returncode == 0, done.stderr.decode()
    assert _count(folder, tmp_path) == 0


def test_update_words_are_keywords_only_outside_strings_variables_and_names():
    assert query_kind("SELECT ?drop ?load WHERE { ?drop kg:delete 'INSERT' }") == "SELECT"
    assert query_kind("PREFIX drop: <http://e/> SELECT * WHERE { ?s drop:x ?o }") == "SELECT"
    assert query_kind("# DROP ALL\nASK { ?s ?p ?o }") == "ASK"
    assert query_kind("PREFIX x: <http://e/>\nclear default") == "UPDATE"


def test_load_needs_updates_and_reads_only_http(folder, tmp_path):
    refused = run_kg("query", "LOAD <http://127.0.0.1:1/x.ttl>", "--store", str(folder), cwd=tmp_path, env=kg_env())
    assert "SPARQL Update (LOAD)" in _refused(refused)
    local = run_kg("query", "LOAD <file:///etc/passwd>", "--store", str(folder), "--update", cwd=tmp_path, env=kg_env())
    assert "LOAD <file:///etc/passwd>: LOAD fetches only http:// and https:// URLs" in _refused(local)
    assert "invalid format" not in local.stderr.decode()
    assert _count(folder, tmp_path) == 400
    nowhere = f"LOAD <http://127.0.0.1:{free_port()}/more.ttl>"
    failed = run_kg("query", nowhere, "--store", str(folder), "--update", cwd=tmp_path, env=kg_env())
    assert (
        "LOAD failed: Connection refused" in _refused(failed) and "could not be written" not in failed.stderr.decode()
    )
    turtle = b"<http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> 'loaded' ."
    with serving(answer(200, "text/turtle", turtle)) as (url, _):
        loaded = run_kg("query", f"LOAD <{url}/more.ttl>", "--store", str(folder), "--update", cwd=tmp_path,
                        env=kg_env())  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert _count(folder, tmp_path) == 401


def test_service_is_off_on_a_local_store_and_clear_when_on(folder, tmp_path):
    server = OxigraphServer(tmp_path / "remote").start()
    try:
        remote = server.store()  # it holds a triple the local store has not
        remote.update("INSERT DATA { ent:far rdfs:label 'far away' }")
        federated = f"SELECT ?l WHERE {{ SERVICE <{server.url}/query> {{ ?s rdfs:label ?l }} }}"
        off = run_kg("query", federated, "--store", str(folder), cwd=tmp_path, env=kg_env())
        assert f"SERVICE is disabled: the query would make kg fetch from <{server.url}/query>" in _refused(off)
        assert "--allow-service to enable" in off.stderr.decode()
        on = run_kg("query", federated, "--store", str(folder), "--allow-service", "-f", "csv", cwd=tmp_path,
                    env=kg_env())  # fmt: skip
        assert on.returncode == 0, on.stderr.decode()
        assert "far away" in on.stdout.decode()
    finally:
        server.kill()
    failing = run_kg("query", federated, "--store", str(folder), "--allow-service", cwd=tmp_path, env=kg_env())
    stderr = _refused(failing)
    assert "SERVICE failed:" in stderr and "unsendable" not in stderr


def test_service_is_found_by_its_tokens_not_its_letters():
    local = {"local_engine": True}
    check_query("SELECT * WHERE { ?s rdfs:label 'customer SERVICE desk' . ?s kg:service ?x }", QueryPolicy(), **local)
    check_query(
        "SELECT ?service WHERE { ?service <http://e/SERVICE> ?o } # SERVICE <http://x/>", QueryPolicy(), **local
    )
    with pytest.raises(QueryRefused, match="SERVICE is disabled"):
        check_query("SELECT * WHERE { service <http://e/sparql> { ?s ?p ?o } }", QueryPolicy(), **local)
    check_query("SELECT * WHERE { SERVICE <http://e/sparql> { ?s ?p ?o } }", QueryPolicy(), local_engine=False)


def test_deep_nesting_is_refused_before_the_engine_crashes(folder, tmp_path):
    deep = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    assert len(deep) > 6000
    result = run_kg("query", deep, "--store", str(folder), cwd=tmp_path, env=kg_env())
    assert result.returncode == 1, result.returncode  # not 139: no segmentation fault
    assert f"nests groups 3000 deep; kg runs at most {MAX_DEPTH} levels" in result.stderr.decode()
    fine = "SELECT * WHERE " + "{" * 50 + " ?s ?p ?o " + "}" * 50
    assert run_query(LocalStore(folder, read_only=True), fine).rows


@pytest.mark.parametrize("limit", ["time", "memory"])
@pytest.mark.parametrize("kind", ["folder", "file", "shell"])
def test_a_runaway_query_stops_at_its_limit(folder, tmp_path, kind, limit):
    store = str(folder)
    if kind == "file":
        store = str(tmp_path / "graph.nt")
        LocalStore(folder, read_only=True).dump(Path(store), "ntriples")
    seconds = "1" if limit == "time" else "600"
    if kind == "shell":
        args = ("shell", "--store", store, "-e", f"\\set timeout {seconds}\n{RUNAWAY};\nASK {{ ?s ?p ?o }};")
    else:
        args = ("query", RUNAWAY, "--store", store, "--timeout", seconds)
    env = kg_env(KG_QUERY_MEMORY="200" if limit == "memory" else "0")
    started = time.monotonic()
    result = run_kg(*args, cwd=tmp_path, env=env, timeout=300)
    took = time.monotonic() - started
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr, stderr
    if limit == "time":
        assert "ran longer than its time limit (1 s) and was stopped" in stderr
    else:
        assert "needed more than 200 MiB of memory and was stopped" in stderr
    assert took < 60
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child process so far
    assert peak_kib < 2_000_000  # stopped long before it took the machine (unbounded: 250 MB more a second)
    if kind == "shell":  # the worker was killed, a fresh one answers the next query
        assert result.stdout.decode().split()[-1] == "yes"


def test_a_script_that_is_not_utf8_gets_one_message_per_line(folder, tmp_path):
    first, fourth, fifth = b"SELECT * WHERE { ?s rdfs:label '", b"  ?s rdfs:label '", b"  ?s kg:n '"
    script = (
        first + b"\xed\xa0\x80' };\n"  # a lone surrogate, as UTF-8 bytes
        b"ASK { ?s ?p ?o };\n"
        b"SELECT * WHERE {\n" + fourth + b"\xff' .\n" + fifth + b"\xc3' }\n;\n"
    )
    result = run_kg("shell", "--store", str(folder), "-f", "csv", cwd=tmp_path, env=kg_env(), input=script)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr and "codec" not in stderr, stderr
    assert f"stdin: line 1, column {len(first) + 1}: not valid UTF-8 (byte 0xED)" in stderr
    assert f"stdin: line 4, column {len(fourth) + 1}: not valid UTF-8 (byte 0xFF)" in stderr
    assert f"stdin: line 5, column {len(fifth) + 1}: not valid UTF-8 (byte 0xC3)" in stderr
    assert stderr.count("not valid UTF-8") == 3
    assert result.stdout.decode().split() == ["yes"]  # the good statement ran, and only it
    start = b"ASK { ?s ?p '"
    piped = run_kg("query", "-", "--store", str(folder), cwd=tmp_path, env=kg_env(), input=start + b"\xff' }")
    assert f"line 1, column {len(start) + 1}: not valid UTF-8 (byte 0xFF)" in _refused(piped)


def test_the_policy_travels_with_a_remote_store(tmp_path):
    with serving(lambda handler: None) as (url, seen):
        from kg.store.remote import RemoteStore

        with pytest.raises(QueryRefused, match="would change the store"):
            run_query(RemoteStore(url), "DROP ALL")
    assert seen.requests == []  # refused before anything was sent
