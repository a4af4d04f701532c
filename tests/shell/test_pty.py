"""The real shell in a pseudo-terminal (pexpect), on a real store built from the sample corpus."""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pytest
from kgshell_testing import ANSI, children_of, prompt_for, quit_shell, run, screen, shell_env, spawn_shell, wait_until

pytestmark = pytest.mark.slow  # drives the real shell in a pseudo-terminal

SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i };"  # ~3.6e11 rows


@pytest.fixture
def store(sample_store_dir, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    return copy


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return shell_env(tmp_path / "home")


@pytest.fixture
def shell(store, env):
    child = spawn_shell(store, env)
    yield child
    if child.isalive():
        child.terminate(force=True)


def metadata_loaded(shell, store) -> None:
    """\\classes waits for the background metadata load: after it, completion knows the graph."""
    run(shell, store, "\\classes", wait="classes")


def complete(shell, typed: str, pause: float = 0.6) -> str:
    """Type, wait for the completion menu, press Tab; what the screen showed meanwhile."""
    start = len(shell.logfile_read.raw)
    shell.send(typed)
    settle(shell, pause)
    shell.send("\t")
    settle(shell, pause)
    return ANSI.sub("", "".join(shell.logfile_read.raw[start:]))


def see(shell, text: str, timeout: float = 10) -> bool:
    """Wait until `text` is on the screen (colours stripped: highlighting splits the raw output)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        settle(shell, 0.1)
        if text in screen(shell):
            return True
    return False


def settle(shell, seconds: float) -> None:
    """Let the shell draw for a while, reading what it prints (pexpect only reads inside expect)."""
    shell.expect([pexpect.TIMEOUT], timeout=seconds)


def test_multiline_query_shows_an_aligned_table(shell, store):
    shell.send("SELECT ?person ?name WHERE {\r")
    shell.expect_exact("..> ")  # Enter inside an unfinished query adds a line
    shell.send("?person a kg:Person ; rdfs:label ?name .\r")
    shell.send("} ORDER BY ?name LIMIT 3;\r")
    shell.expect(r"3 rows in [\d.]+ ms")
    out = screen(shell)
    assert "| person             | name           |" in out
    assert "| ent:antony-blinken | Antony Blinken |" in out
    assert "| ent:dmitry-trenin  | Dmitry Trenin  |" in out
    shell.expect_exact(prompt_for(store))
    assert quit_shell(shell) == 0


def test_completion_of_a_keyword_and_a_prefixed_name(shell, store):
    metadata_loaded(shell, store)
    complete(shell, "SEL")
    complete(shell, " ?p WHERE { ?p a kg:Pers")
    out = run(shell, store, " ; rdfs:label 'Sergey Lavrov' };", wait="1 row")
    assert "SELECT ?p WHERE { ?p a kg:Person ; rdfs:label 'Sergey Lavrov' };" in out  # what completion made
    assert "ent:sergey-lavrov" in out


def test_completion_of_an_entity_by_its_label(shell, store):
    metadata_loaded(shell, store)
    menu = complete(shell, "SELECT ?who WHERE { ?who kg:meets Lavr")
    assert re.search(r"ent:sergey-lavrov\s+Sergey Lavrov \(Person\)", menu)  # the menu: name, label, class
    out = run(shell, store, " };", wait="1 row")
    assert "kg:meets ent:sergey-lavrov };" in out
    assert "ent:antony-blinken" in out


def test_syntax_error_shows_the_line_the_caret_and_a_hint(shell, store):
    out = run(shell, store, "SELECT ?s WHERE {\r?s a kg:Person .\rFILTER(?s = ) };", wait="Hint")
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Syntax error at line 3, column "))
    column = int(re.search(r"column (\d+)", lines[header]).group(1))
    assert lines[header + 1] == "    FILTER(?s = ) }"  # the line (as auto-indented), then the caret under it
    assert lines[header + 2] == " " * (2 + column - 1) + "^"
    assert lines[header + 3].startswith("Hint: ")
    assert "Traceback" not in out
    assert "yes" in run(shell, store, "ASK { ?s ?p ?o };", wait="yes")  # the session goes on
    out = run(shell, store, "SELECT ?s WHERE { ?s a foaf:Person };", wait="Hint")
    assert "Unknown prefix 'foaf:' at line 1, column 24" in out
    assert "                         ^" in out


def test_ctrl_c_cancels_a_long_query_and_returns_to_the_prompt(shell, store):
    assert wait_until(lambda: len(children_of(shell.pid)) == 1, 5), "a worker process serves the store"
    (worker,) = children_of(shell.pid)
    shell.send(SLOW_QUERY + "\r")
    settle(shell, 1.5)
    assert _cpu_seconds(worker) > 0.3, "the worker should be busy with the query"
    started = time.monotonic()
    shell.sendintr()
    shell.expect_exact("Cancelled.")
    shell.expect_exact(prompt_for(store))
    assert time.monotonic() - started < 3
    assert wait_until(lambda: worker not in children_of(shell.pid), 3), "the busy worker must be gone"
    assert "yes" in run(shell, store, "ASK { ent:sergey-lavrov a kg:Person };", wait="yes")  # a new one serves


def _cpu_seconds(pid: int) -> float:
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_describe_shows_an_entity_card(shell, store):
    out = run(shell, store, "\\describe Lavrov", wait=r"\d+ statements?")
    assert "Sergey Lavrov (Person)  ent:sergey-lavrov" in out
    assert "also called   Sergei Lavrov" in out
    assert "also matches  Lavrov" in out  # a search name (skos:hiddenLabel), named for people
    assert "Foreign Minister (Russia)" in out  # a role
    assert re.search(r"\| meets\s+\| Antony Blinken\s+\|[^|\n]*\|\s+2 \|", out)  # a fact in (where/when), 2 sources


def test_history_is_kept_across_two_sessions(store, env, tmp_path):
    first = spawn_shell(store, env)
    run(first, store, "SELECT ?c WHERE { ?c a kg:Country } ORDER BY ?c LIMIT 2;", wait="2 rows")
    assert quit_shell(first) == 0
    history = tmp_path / "home" / "data" / "kg" / "history"
    assert "ORDER BY ?c LIMIT 2;" in history.read_text()

    second = spawn_shell(store, env)
    second.send("\x1b[A")  # Up: the last query of the first session
    settle(second, 0.3)
    out = run(second, store, "", wait="2 rows")
    assert "ent:france" in out
    second.send("\x12")  # Ctrl-R: search the history
    second.send("kg:Coun")
    second.expect("I-search backward")
    settle(second, 0.3)
    second.send("\r")
    out = run(second, store, "", wait="2 rows")
    assert "ent:germany" in out
    assert quit_shell(second) == 0


def test_templates_print_their_sparql_and_honour_min_sources(shell, store):
    out = run(shell, store, "\\why Blinken meets Lavrov", wait=r"\d+ rows?")
    assert "?fact kg:subject ent:antony-blinken ; kg:predicate kg:meets ; kg:object ent:sergey-lavrov" in out
    assert "Secretary of State" in out and "Sergey Lavrov in Geneva" in out  # the sentence (wrapped)
    out = run(shell, store, "\\said Lavrov", wait=r"\d+ rows?")
    assert "?fact kg:subject ent:sergey-lavrov ; kg:predicate kg:says" in out
    assert "We will not let our" in out
    run(shell, store, "\\set min-sources 2", wait="min-sources = 2")
    out = run(shell, store, "\\said Lavrov", wait=r"\d+ rows?")
    assert "FILTER(?sources >= 2)" in out
    assert "0 rows" in out  # every statement of Lavrov has one source
    out = run(shell, store, "\\met Lavrov", wait=r"\d+ rows?")
    assert "ent:antony-blinken" in out and "1 row" in out  # the meeting has two sources


def test_long_results_go_through_the_pager(store, tmp_path):
    env = shell_env(tmp_path / "home", PAGER="sed s/^/PAGED:/")
    shell = spawn_shell(store, env)
    out = run(shell, store, "SELECT ?s WHERE { ?s a kg:Mention } LIMIT 100;", wait="100 rows")
    assert "PAGED:| doc:" in out
    out = run(shell, store, "SELECT ?s WHERE { ?s a kg:Person } LIMIT 2;", wait="2 rows")
    assert "PAGED:" not in out  # short results are printed directly
    quit_shell(shell)


def test_edit_the_query_in_the_editor(store, tmp_path):
    env = shell_env(tmp_path / "home", EDITOR="sed -i s/kg:Person/kg:Country/", VISUAL="")
    shell = spawn_shell(store, env)
    shell.send("SELECT ?x WHERE { ?x a kg:Person } ORDER BY ?x LIMIT 1 \\e\r")
    assert see(shell, "kg:Country } ORDER BY ?x LIMIT 1")  # the edited query comes back to the prompt
    out = run(shell, store, ";", wait="1 row")
    assert "ent:france" in out
    quit_shell(shell)


def test_output_to_a_file_and_export(shell, store, tmp_path):
    target = tmp_path / "people.csv"
    run(shell, store, "\\format csv", wait="Format is csv")
    run(shell, store, f"\\o {target}", wait="Results go to")
    out = run(
        shell,
        store,
        "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 2;",
        wait="written to",
    )
    assert "Antony Blinken" not in out
    assert target.read_text() == "name\nAntony Blinken\nDmitry Trenin\n"
    run(shell, store, "\\o", wait="to the screen")
    run(shell, store, "CONSTRUCT WHERE { ent:sergey-lavrov ?p ?o };", wait="triples")
    turtle = tmp_path / "lavrov.ttl"
    run(shell, store, f"\\export turtle {turtle} result", wait="Wrote the last CONSTRUCT result")
    assert 'rdfs:label "Sergey Lavrov"' in turtle.read_text()
    everything = tmp_path / "graph.nt"
    run(shell, store, f"\\export ntriples {everything}", wait="Wrote the whole graph")  # as its help says
    assert len(everything.read_text().splitlines()) > len(turtle.read_text().splitlines())


def test_load_builds_articles_and_refreshes_completion(shell, store, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.\n\n"
        "Olaf Scholz said Germany would support France.\n",
        encoding="utf-8",
    )
    out = run(shell, store, f"\\load {article}", wait="Built 1 document")
    assert "the store now holds" in out
    settle(shell, 1.0)  # completion metadata reloads in the background
    menu = complete(shell, "SELECT ?p WHERE { ?p ?x Scho")
    assert "ent:olaf-scholz" in menu
    shell.sendcontrol("c")
    shell.expect_exact(prompt_for(store))


def test_an_empty_store_says_how_to_build_it(tmp_path, env):
    from kg.store.opening import open_store

    empty = tmp_path / "empty"
    open_store(empty).close()
    shell = spawn_shell(empty, env)
    out = run(shell, empty, "SELECT * WHERE { ?s ?p ?o };", wait="is empty")
    assert "\\load FILES" in out and f"kg build FILES --store {empty}" in out.replace("\n", "")
    quit_shell(shell)


def test_non_tty_mode_runs_each_query_and_exits_non_zero_on_failure(store, env):
    script = b"""SELECT ?name WHERE { ?p a kg:Country ; rdfs:label ?name } ORDER BY ?name LIMIT 2;
ASK { ent:sergey-lavrov a kg:Person };
SELEC ?x WHERE { ?x ?y ?z };
\\describe Lavrov
"""
    result = _kg("shell", "--store", str(store), "--format", "csv", input=script, env=env)
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1
    assert out.startswith("name\nFrance\nGermany\nyes\n")
    assert "Sergey Lavrov (Person)  ent:sergey-lavrov" in out  # the command after the failure still ran
    assert "stdin:3: Syntax error at line 1, column 1: unknown keyword 'SELEC'" in err
    assert "Traceback" not in err
    good = _kg("shell", "--store", str(store), "-e", "ASK { ?s ?p ?o };", env=env)
    assert (good.returncode, good.stdout) == (0, b"yes\n")


def test_kg_query_shares_the_engine(store, env):
    bad = _kg("query", "SELECT ?s WHERE { ?s a kg:Person", "--store", str(store), env=env)
    assert bad.returncode == 1
    assert "Syntax error at line 1, column 33" in bad.stderr.decode() and "^" in bad.stderr.decode()
    good = _kg(
        "query",
        "SELECT ?n WHERE { ?c a kg:Country ; rdfs:label ?n } ORDER BY ?n LIMIT 1;",
        "--store",
        str(store),
        "-f",
        "tsv",
        env=env,
    )
    assert good.stdout == b"n\nFrance\n"


def test_an_rdf_file_opens_read_only(sample_store_dir, tmp_path, env):
    from kg.store.opening import open_store

    turtle = tmp_path / "graph.ttl"
    source = open_store(sample_store_dir, read_only=True)
    source.dump(turtle)
    source.close()
    count = _kg(
        "shell", "--store", str(turtle), "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o };", "-f", "csv", env=env
    )
    assert count.returncode == 0 and int(count.stdout.decode().split()[1]) > 5000
    update = _kg("shell", "--store", str(turtle), "-e", "INSERT DATA { ent:x rdfs:label 'x' };", env=env)
    assert update.returncode == 1 and "read-only" in update.stderr.decode()


def _kg(*args: str, input: bytes | None = None, env: dict[str, str]):
    import subprocess

    return subprocess.run([sys.executable, "-m", "kg", *args], input=input, capture_output=True, env=env, timeout=120)
