"""The real shell in a pseudo-terminal (pexpect): commands inside unfinished queries, \\x auto, the questions
about connections, named queries, completion after any prefix and warnings on unknown terms."""

from __future__ import annotations

import csv
import io
import shutil
import stat
from pathlib import Path

import pexpect
import pytest
from kgshell_testing import ANSI, prompt_for, quit_shell, run, screen, shell_env, spawn_shell
from test_pty import complete, metadata_loaded, settle

pytestmark = pytest.mark.slow  # drives the real shell in a pseudo-terminal


@pytest.fixture
def store(sample_store_dir, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    return copy


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def shell(store, home):
    child = spawn_shell(store, shell_env(home))
    yield child
    if child.isalive():
        child.terminate(force=True)


def test_a_command_inside_an_unfinished_query_runs_at_once_and_the_query_stays(shell, store):
    shell.send("SELECT ?name WHERE {\r")
    shell.expect_exact("..> ")
    start = len(shell.logfile_read.raw)
    shell.send("\\x on\r")
    shell.expect_exact("Format is vertical.")  # ran at once, not appended to the query
    shell.expect_exact(prompt_for(store))
    settle(shell, 0.5)
    after = ANSI.sub("", "".join(shell.logfile_read.raw[start:])).split("Format is vertical.", 1)[1]
    assert "SELECT ?name WHERE {" in after  # the unfinished query is back in the prompt
    out = run(shell, store, "?p a kg:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 2;", wait="2 rows")
    assert "-[ RECORD 1 ]" in out and "-[ RECORD 2 ]" in out  # the query ran whole, in the format set meanwhile
    assert "Unknown command" not in screen(shell)
    quit_shell(shell)


_WIDE = """SELECT ?fact ?subject ?nothing ?sentence WHERE {
  ?fact kg:subject ?subject ; kg:evidence/kg:sentence/kg:text ?sentence .
  OPTIONAL { ?fact rdfs:comment ?nothing }
} ORDER BY ?fact LIMIT 3;"""


def test_x_auto_shows_wide_tables_as_records_at_80_columns(store, home):
    env = shell_env(home, COLUMNS="80")
    shell = spawn_shell(store, env, columns=80)
    run(shell, store, "\\format csv", wait="Format is csv")
    rows = list(csv.reader(io.StringIO(run(shell, store, _WIDE.replace("\n", " "), wait="3 rows"))))
    facts = [row[0] for row in rows if row and row[0].startswith("fact:")]
    assert len(facts) == 3
    run(shell, store, "\\x auto", wait="vertical when a table does not fit")
    out = run(shell, store, _WIDE.replace("\n", " "), wait="3 rows")
    lines = out.splitlines()
    assert "-[ RECORD 3 ]" in out
    for fact in facts:  # no IRI broken across lines
        assert any(line.startswith("fact ") and line.endswith(f"| {fact}") for line in lines), fact
    assert not any(line.startswith("nothing") for line in lines)  # a column no row fills takes no room
    narrow = run(shell, store, "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } LIMIT 2;", wait="2 rows")
    assert "| name" in narrow and "RECORD" not in narrow  # a table that fits stays a table
    quit_shell(shell)


def test_said_about_path_and_around(shell, store):
    out = run(shell, store, "\\said about Putin", wait="rows? in")
    assert "# What others said about Vladimir Putin" in out and "| speaker" in out
    out = run(shell, store, "\\path Blinken Putin", wait="chains? of")
    assert "| path | step | subject" in out and "| reaches" in out and "| sentence" in out
    out = run(shell, store, "\\around Lavrov", wait="relations? among")
    assert "Sergey Lavrov (Person)  ent:sergey-lavrov: 1 hop around" in out
    assert "| Antony Blinken | meets" in out  # the fact \why Blinken meets Lavrov explains
    quit_shell(shell)


def test_named_queries_are_saved_privately_and_run_with_arguments(shell, store, home):
    query = 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name FILTER(CONTAINS(?name, "$1")) } ORDER BY ?name;'
    run(shell, store, f"\\ns people {query}", wait="Saved the query 'people'")
    saved = home / "config" / "kg" / "named-queries.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    out = run(shell, store, "\\n people Lavrov", wait="1 row")
    assert "| Sergey Lavrov |" in out
    out = run(shell, store, "\\n", wait="named query in")
    assert "| people |" in out
    run(shell, store, "\\nd people", wait="Deleted the query 'people'")
    quit_shell(shell)


def test_terms_complete_after_any_prefix_and_unknown_ones_are_flagged(shell, store):
    metadata_loaded(shell, store)
    shown = complete(shell, "SELECT ?x WHERE { ?x a schema:Pe")
    assert "schema:Person" in shown
    shell.sendcontrol("c")  # drop the half-typed query
    shell.expect_exact(prompt_for(store))
    start = len(shell.logfile_read.raw)
    shell.send("SELECT ?x WHERE { ?x a kg:Persn };\r")
    shell.expect_exact("did you mean kg:Person?")
    shell.expect_exact(prompt_for(store))
    out = ANSI.sub("", "".join(shell.logfile_read.raw[start:]))
    assert "0 rows" in out and "Neither the ontology nor the data has kg:Persn" in out
    quit_shell(shell)


def test_help_lists_the_new_commands(shell, store):
    out = run(shell, store, "\\?", wait="Named queries")
    for command in ("\\around NAME [HOPS]", "\\said [about] NAME", "\\n [NAME [ARGS]]", "\\x [on|off|auto]"):
        assert command in out
    shell.sendcontrol("d")
    shell.expect(pexpect.EOF)
