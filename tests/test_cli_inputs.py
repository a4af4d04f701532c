"""`kg build` on inputs as users have them (saved pages, news dumps, PDFs, odd file names), its exit codes, and
`kg query` given a query file that is not there: the real command line, model and store."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import run_kg

pytestmark = pytest.mark.slow  # runs kg in subprocesses

DATA = Path(__file__).resolve().parent / "data" / "ingest"
STORY = "The water board of Lindholm raised prices on Monday. Its chairman, Piet Arends, said costs had doubled."

DOCUMENTS = """SELECT ?file ?title ?author ?publisher ?date WHERE {
  ?d a kg:Document ; kg:sourceFile ?file ; dcterms:title ?title .
  OPTIONAL { ?d dcterms:creator ?author } OPTIONAL { ?d dcterms:publisher ?publisher }
  OPTIONAL { ?d dcterms:date ?date }
} ORDER BY ?file"""


def _documents(cwd: Path) -> list[list[str]]:
    result = run_kg("query", DOCUMENTS, "--format", "tsv", cwd=cwd)
    assert result.returncode == 0, result.stderr.decode()
    return [line.split("\t") for line in result.stdout.decode().splitlines()[1:]]


def _records(*rows: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def test_a_page_and_a_dump_are_built_with_their_metadata_and_rebuilt_incrementally(tmp_path):
    shutil.copy(DATA / "harbour.html", tmp_path / "page.html")
    first = {"title": "Water prices rise", "text": STORY, "url": "https://news.example.com/w1", "date": "2023-05-02"}
    second = {"headline": "Lindholm votes", "body": "Voters in Lindholm elected Sara Holm as mayor on Sunday."}
    (tmp_path / "dump.jsonl").write_text(_records(first, second) + '{"title": broken\n')
    built = run_kg("build", "page.html", "dump.jsonl", "--no-export", cwd=tmp_path)
    err = built.stderr.decode()
    assert built.returncode == 3, err  # built, but the broken record was skipped
    assert "skipped dump.jsonl#3: line 3: not valid JSON" in err
    assert "Built 3 documents" in built.stdout.decode()
    rows = {row[0]: row for row in _documents(tmp_path)}
    assert sorted(rows) == ["dump.jsonl#2", "https://news.example.com/w1", "page.html"]
    assert rows["dump.jsonl#2"][1] == "Lindholm votes"
    assert rows["page.html"][1:4] == [
        "Harbour board approves new ferry route",
        "Marta Lindqvist",
        "Coastline Courier",
    ]
    assert rows["page.html"][4].startswith("2024-03-12")
    assert rows["https://news.example.com/w1"][4].startswith("2023-05-02")

    (tmp_path / "dump.jsonl").write_text(_records(first, {**second, "body": second["body"] + " She won easily."}))
    again = run_kg("build", "page.html", "dump.jsonl", "--no-export", cwd=tmp_path)
    assert again.returncode == 0, again.stderr.decode()
    assert "Built 1 document in" in again.stdout.decode() and "2 unchanged, 1 replaced" in again.stdout.decode()


def test_fields_named_on_the_command_line(tmp_path):
    (tmp_path / "crawl.csv").write_text(f'story,heading,when\n"{STORY}",Prices rise,2022-11-30\n')
    result = run_kg(
        "build", "crawl.csv", "--text-field", "story", "--title-field", "heading", "--date-field", "when",
        "--no-export", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    ((name, title, _, _, day),) = _documents(tmp_path)
    assert (name, title) == ("crawl.csv#1", "Prices rise") and day.startswith("2022-11-30")


def test_exit_codes_all_built_some_skipped_nothing_built(tmp_path):
    (tmp_path / "a.txt").write_text(f"Prices rise\n\n{STORY}\n")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n" * 20)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text(STORY)
    ok = run_kg("build", "a.txt", "--no-export", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr.decode()
    some = run_kg("build", "a.txt", "report.pdf", "--no-export", cwd=tmp_path)
    assert some.returncode == 3 and "skipped report.pdf: binary file (a PDF document)" in some.stderr.decode()
    none = run_kg("build", "empty", "report.pdf", "--no-export", cwd=tmp_path)
    assert none.returncode == 1, none.stderr.decode()
    assert "skipped empty: folder has no input files" in none.stderr.decode()
    help_text = run_kg("build", "--help", cwd=tmp_path).stdout.decode()
    assert "Exit codes: 0 every input built" in help_text and "1 nothing could be built" in help_text


def test_a_file_name_that_is_not_utf8_is_built_and_rebuilt(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w") as handle:
        handle.write(f"Prices rise\n\n{STORY}\n")
    (folder / "b.txt").write_text(f"Votes counted\n\n{STORY} Voters agreed.\n")
    first = run_kg("build", "in", cwd=tmp_path)
    assert first.returncode == 0, first.stderr.decode()
    assert "Built 2 documents" in first.stdout.decode()
    files = [row[0] for row in _documents(tmp_path)]
    assert files == ["in/b.txt", "in/caf\\xe9.txt"]  # escaped: in/caf\xe9.txt
    again = run_kg("build", "in", cwd=tmp_path)
    assert again.returncode == 0 and "2 unchanged" in again.stdout.decode(), again.stderr.decode()


def test_query_names_a_missing_query_file(tmp_path):
    result = run_kg("query", "missing.rq", "--store", str(tmp_path / "none"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "Error: Query file 'missing.rq' does not exist. Give a .rq or .sparql file, or the query text.\n"
    )
