"""What changed between two builds (kg.query.diff, `kg diff`): entities and facts added and removed, with
their sources."""

from __future__ import annotations

import json
import shutil

from conftest import run_kg

from kg.query.diff import diff, format_diff


def test_diff_lists_what_a_removed_article_took_away(sample_store_dir, tmp_path):
    from kg.build.writer import GraphWriter
    from kg.store.opening import open_store

    old = tmp_path / "old"
    shutil.copytree(sample_store_dir, old)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    store = open_store(new)
    try:
        writer = GraphWriter(store)
        writer.prepare()
        doc, title = store.select(
            "SELECT ?d ?t WHERE { ?d a <https://kg.example.org/ontology#Document> ; "
            "<http://purl.org/dc/terms/title> ?t } ORDER BY ?d LIMIT 1"
        )[0]
        writer.remove_documents([str(doc)])
    finally:
        store.close()
    done = run_kg("diff", str(old), str(new), cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode()
    assert text.startswith("Entities: ") and "\nFacts: " in text
    removed = [line for line in text.splitlines() if line.startswith("- ")]
    assert removed and all(str(title) in line for line in removed if "source" in line)
    assert any(line.startswith("~ ") and f"-{title}" in line for line in text.splitlines())
    assert not [line for line in text.splitlines() if line.startswith("+ ")]
    export = tmp_path / "old.ttl"
    run_kg("export", "-f", "turtle", "-o", str(export), "--store", str(old), cwd=tmp_path)
    same = run_kg("diff", str(export), str(old), cwd=tmp_path)
    assert (
        same.stdout.decode()
        == "Entities: 0 added, 0 removed, 0 with other sources\nFacts: 0 added, 0 removed, 0 with other sources\n"
    )


def test_a_store_and_its_own_export_do_not_differ(sample_store_dir, tmp_path):
    from kg.store.opening import open_store

    export = tmp_path / "graph.nt"
    store = open_store(sample_store_dir, read_only=True)
    try:
        store.dump(export, "ntriples")
    finally:
        store.close()
    result = diff(export, sample_store_dir)
    assert result.empty
    assert json.loads(format_diff(result, "json"))["added"] == []
