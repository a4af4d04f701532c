"""The command line end to end, on the real model and a real store."""

from __future__ import annotations

import pytest
from conftest import run_kg

pytestmark = pytest.mark.slow  # runs kg in subprocesses


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


def test_kg_shell_and_kg_shell_script_take_the_same_options():
    from kg.cli import cli
    from kg.shell.app import main

    def options(command):
        return [(o.name, o.opts, o.help, o.default, getattr(o.type, "choices", None)) for o in command.params]

    shared = options(cli.commands["shell"])
    assert [name for name, *_ in shared] == ["store_location", "execute", "fmt"]
    location, *rest = options(main)
    assert location[0] == "location" and rest == shared


def test_every_output_format_option_takes_the_output_formats():
    from kg.cli import cli
    from kg.query.formatting import FORMATS

    for name in ("query", "shell"):
        (fmt,) = [p for p in cli.commands[name].params if p.name == "fmt"]
        assert tuple(fmt.type.choices) == FORMATS, name


def test_export_lists_the_registrys_formats():
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.export import EXPORTERS, formats_help

    assert all(name in formats_help() for name in EXPORTERS)
    shown = CliRunner().invoke(cli, ["export", "--help"])
    assert formats_help() in " ".join(shown.output.split())
    missing = CliRunner().invoke(cli, ["export"])
    assert missing.exit_code == 2 and "Give --format FORMAT (or --all FOLDER). " + formats_help() in missing.output


def test_the_command_line_starts_without_the_exporters(tmp_path):
    """kg.export (networkx, the exporters) is imported when a command needs it, not on every start."""
    import subprocess
    import sys

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, kg.cli; print(sorted(m for m in sys.modules if m.startswith('kg.')))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "kg.export" not in loaded and "kg.shell.app" not in loaded
