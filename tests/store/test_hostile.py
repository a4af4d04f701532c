"""Endpoints that misbehave: answers that are not SPARQL results, silence, answers dripped a byte at a time,
credentials that must stay hidden and stay with their host, redirects to other hosts. Real `kg` processes
against small loopback servers (tests/store/hostile.py) and a real `oxigraph serve`."""

from __future__ import annotations

import base64
import time

import pytest
from conftest import run_kg
from faults_testing import kg_env

from kg.errors import EndpointError
from kg.store.remote import RemoteStore
from tests.store.hostile import EMPTY_RESULTS, answer, drip, serving, silent_server
from tests.store.oxigraph_server import free_port

ASK = "ASK { ?s ?p ?o }"
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


def _fails_clearly(result) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    return stderr


@pytest.mark.parametrize(
    ("content_type", "body", "shown"),
    [
        ("text/html", b"<html><body>Welcome to nginx!</body></html>", "<html><body>Welcome"),
        ("application/sparql-results+json", b"\x00\x17garbage{{", "garbage"),
        ("text/plain", b"<!DOCTYPE html> not triples", "<!DOCTYPE html>"),
    ],
)
def test_an_answer_that_is_not_sparql_results_is_named(tmp_path, content_type, body, shown):
    with serving(answer(200, content_type, body)) as (url, _):
        result = run_kg("query", SELECT, "--store", url, cwd=tmp_path, env=kg_env())
    stderr = _fails_clearly(result)
    assert f"{url}/query answered with {content_type}" in stderr
    assert shown in stderr and "expected SPARQL results" in stderr


def test_an_endpoint_that_never_answers_times_out_retries_and_says_so(tmp_path):
    env = kg_env(KG_ENDPOINT_READ_TIMEOUT="0.5", KG_REMOTE_RETRY_SECONDS="1.5")
    with silent_server() as url:
        started = time.monotonic()
        result = run_kg("query", ASK, "--store", url, cwd=tmp_path, env=env, timeout=60)
        took = time.monotonic() - started
    stderr = _fails_clearly(result)
    assert "is not answering (timed out;" in stderr and "tries over" in stderr
    assert 1.5 < took < 20  # retried for KG_REMOTE_RETRY_SECONDS, then stopped


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_an_endpoint_that_drips_its_answer_meets_the_deadline(tmp_path, in_headers):
    with serving(drip(in_headers)) as (url, _):
        started = time.monotonic()
        result = run_kg("query", SELECT, "--store", url, "--timeout", "2", cwd=tmp_path, env=kg_env(), timeout=60)
        took = time.monotonic() - started
        stderr = _fails_clearly(result)
        assert f"{url}/query did not finish answering within 2 s" in stderr
        assert took < 15
        # the same deadline from the environment, for every request of any command
        env = kg_env(KG_ENDPOINT_DEADLINE="1")
        stats = run_kg("stats", "--store", url, cwd=tmp_path, env=env, timeout=60)
        assert "did not finish answering within 1 s" in _fails_clearly(stats)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_credentials_go_to_the_endpoint_from_the_url_or_the_environment(tmp_path):
    with serving(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as (url, seen):
        host = url.removeprefix("http://")
        assert run_kg("query", SELECT, "--store", f"http://u1:s3cret%40pw@{host}", cwd=tmp_path).returncode == 0
        env = kg_env(KG_ENDPOINT_USER="u2", KG_ENDPOINT_PASSWORD="pw2")
        assert run_kg("query", SELECT, "--store", url, cwd=tmp_path, env=env).returncode == 0
        assert (
            run_kg("query", SELECT, "--store", url, cwd=tmp_path, env=kg_env(KG_ENDPOINT_TOKEN="t0k")).returncode == 0
        )
        assert run_kg("query", SELECT, "--store", url, cwd=tmp_path, env=kg_env()).returncode == 0
    sent = [auth for _, _, auth in seen.requests]  # each command sends one request or more, in turn
    assert list(dict.fromkeys(sent)) == [_basic("u1", "s3cret@pw"), _basic("u2", "pw2"), "Bearer t0k", None]


def test_passwords_are_never_shown(tmp_path):
    dead = f"http://u1:s3cretpw@127.0.0.1:{free_port()}"
    env = kg_env(KG_REMOTE_RETRY_SECONDS="0.5")
    for args in (("query", ASK), ("stats",), ("export", "-f", "turtle")):
        result = run_kg(*args, "--store", dead, cwd=tmp_path, env=env)
        output = result.stdout.decode() + result.stderr.decode()
        assert result.returncode == 1 and "s3cretpw" not in output, output
    with serving(answer(200, "text/html", b"<html>login</html>")) as (url, _):
        store = url.replace("http://", "http://u1:s3cretpw@")
        output = run_kg("query", ASK, "--store", store, cwd=tmp_path, env=env).stderr.decode()
    assert "s3cretpw" not in output and "answered with text/html" in output


@pytest.mark.slow
def test_build_and_stats_mask_the_password(server, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Maria Lopez works for Acme Corp in Madrid. She met John Smith on Monday.\n")
    store = server.url.replace("http://", "http://u1:s3cretpw@")
    build = run_kg("build", str(article), "--store", store, "--no-export", cwd=tmp_path, env=kg_env())
    assert build.returncode == 0, build.stderr.decode()
    stats = run_kg("stats", "--store", store, cwd=tmp_path, env=kg_env())
    assert stats.returncode == 0, stats.stderr.decode()
    for result in (build, stats):
        output = result.stdout.decode() + result.stderr.decode()
        assert "s3cretpw" not in output
    assert "Store: http://u1:***@127.0.0.1" in build.stdout.decode()
    assert "triples in http://u1:***@127.0.0.1" in stats.stdout.decode()


def _redirect(to: str) -> object:
    return answer(307, "text/plain", b"moved", Location=to)


def test_a_redirect_to_another_host_is_refused_and_gets_no_credentials(tmp_path):
    with (
        serving(answer(200, "application/n-triples", b"<http://e/a> <http://e/b> <http://e/c> .\n")) as (other, hit),
        serving(_redirect(other + "/store?default")) as (url, seen),
    ):
        store = RemoteStore(url.replace("http://", "http://u1:pw@"), retry_seconds=0.5)
        with pytest.raises(EndpointError, match=r"redirects to another host \(http://127\.0\.0\.1:\d+\)"):
            store.dump(tmp_path / "graph.ttl")
        env = kg_env(KG_ENDPOINT_TOKEN="t0k")
        result = run_kg("export", "-f", "turtle", "--store", url, cwd=tmp_path, env=env)
        assert "redirects to another host" in _fails_clearly(result)
    assert seen.requests and all(auth is not None for _, _, auth in seen.requests)
    assert hit.requests == []  # never contacted, let alone with the credentials
    assert not (tmp_path / "graph.ttl").exists()


def test_a_redirect_within_the_host_is_followed_with_the_credentials(tmp_path):
    def respond(handler):
        if handler.path.startswith("/old"):
            return _redirect(handler.path.replace("/old", "/new", 1))(handler)
        return answer(200, "application/sparql-results+json", EMPTY_RESULTS)(handler)

    with serving(respond) as (url, seen):
        result = run_kg("query", SELECT, "--store", url.replace("http://", "http://u1:pw@") + "/old/query",
                        cwd=tmp_path, env=kg_env())  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    asked = [(path, auth) for _, path, auth in seen.requests]  # the query, then whether the store is empty
    assert asked[:2] == [("/old/query", _basic("u1", "pw")), ("/new/query", _basic("u1", "pw"))]
    assert {auth for _, auth in asked} == {_basic("u1", "pw")}


def test_a_graph_store_on_another_host_gets_no_credentials(tmp_path, monkeypatch):
    triple = b"<http://e/a> <http://e/b> <http://e/c> .\n"
    with (
        serving(answer(200, "application/n-triples", triple)) as (other, hit),
        serving(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as (url, seen),
    ):
        monkeypatch.setenv("KG_GRAPH_STORE_URL", other + "/store")
        store = RemoteStore(url.replace("http://", "http://u1:pw@"))
        store.dump(tmp_path / "graph.nt", "ntriples")
        store.select(SELECT)
    assert (tmp_path / "graph.nt").read_bytes() == triple
    assert hit.requests == [("GET", "/store?default", None)]  # the graph, without the credentials
    assert seen.requests == [("POST", "/query", _basic("u1", "pw"))]
