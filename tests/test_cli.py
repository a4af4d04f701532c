"""The command line end to end, on the real model and a real store."""

from __future__ import annotations

from conftest import run_kg


def test_build_sample_corpus_then_query(tmp_path):
    result = run_kg("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "Built 5 documents" in out
    assert (tmp_path / "exports" / "graph.ttl").stat().st_size > 10_000
    people = run_kg(
        "query",
        "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name",
        "--format",
        "csv",
        cwd=tmp_path,
    )
    assert people.returncode == 0, people.stderr.decode()
    names = people.stdout.decode().splitlines()
    assert names[0] == "name"
    assert {"Joe Biden", "Vladimir Putin", "Antony Blinken"} <= set(names)


def test_extract_shows_what_was_read_without_a_store(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Talks in Oslo\n\nNorway's prime minister Erna Solberg met Joe Biden in Oslo on Monday.\n")
    result = run_kg("extract", str(article), cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "Erna Solberg: prime minister of Norway" in out
    assert "Erna Solberg --meets--> Joe Biden  (asserted, past; in Oslo at 'Monday'" in out
    assert not (tmp_path / ".kg").exists()


def test_the_default_batch_size_is_the_pipelines(tmp_path):
    from kg.build.pipeline import BATCH_DOCUMENTS

    result = run_kg("build", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert f"[default: {BATCH_DOCUMENTS};" in " ".join(result.stdout.decode().split())
