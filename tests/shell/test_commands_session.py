"""The session (kg.shell.commands.session): \\set \\e \\i \\refresh \\? \\q, and lines that are no command."""

from __future__ import annotations

import pytest
from commands_testing import column, failure, one, run

from kg.shell.config import SETTINGS
from kg.shell.special import EditQuery, ExitShell, help_text


def test_set_lists_shows_and_changes_settings(executor):
    listing = one(executor, "\\set")
    assert column(listing, "setting") == list(SETTINGS) and listing.status == f"{len(SETTINGS)} settings"
    assert one(executor, "\\set row-limit").text == "row-limit = 1000\n"
    assert one(executor, "\\set row-limit 10").status == "row-limit = 10"
    assert executor.settings.row_limit == 10
    assert failure(executor, "\\set row-limit -1") == "row-limit must be at least 0."
    assert failure(executor, "\\set colour").startswith("Unknown setting 'colour'. Settings: format, timing,")


def test_e_edits_a_file_and_brings_it_back(executor, tmp_path, monkeypatch):
    script = tmp_path / "q.rq"
    script.write_text("SELECT ?x WHERE { ?x a kg:Person }\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", "sed -i s/Person/Country/")
    monkeypatch.delenv("VISUAL", raising=False)
    with pytest.raises(EditQuery) as edited:
        run(executor, f"\\e {script}")
    assert edited.value.text == "SELECT ?x WHERE { ?x a kg:Country }"
    assert script.read_text(encoding="utf-8") == "SELECT ?x WHERE { ?x a kg:Country }\n"


def test_i_runs_a_file_and_names_the_failing_line(executor, tmp_path):
    script = tmp_path / "script.rq"
    script.write_text("ASK { ent:sergey-lavrov a kg:Person };\n\\prefixes\n\\i other.rq\n", encoding="utf-8")
    assert failure(executor, f"\\i {script}") == f"{script}:3: \\i inside \\i is not run (it could loop)."
    script.write_text("ASK { ent:sergey-lavrov a kg:Person };\n\\prefixes\n", encoding="utf-8")
    ask, prefixes = run(executor, f"\\i {script}")
    assert ask.result.boolean is True and prefixes.status.endswith(" prefixes")
    assert failure(executor, f"\\i {tmp_path / 'none.rq'}") == (
        f"Cannot read {tmp_path / 'none.rq'}: No such file or directory"
    )


def test_refresh_reloads_the_completions(executor):
    assert one(executor, "\\#").status == "Reloading completions in the background."
    assert executor.wait_metadata().loaded


@pytest.mark.parametrize("line", ["\\?", "\\h", "help", "HELP;"])
def test_help_is_the_generated_list(executor, line):
    assert one(executor, line).text == help_text()


@pytest.mark.parametrize("line", ["\\q", "\\quit", "quit", "exit"])
def test_quit(executor, line):
    with pytest.raises(ExitShell):
        run(executor, line)


def test_an_unknown_command_suggests_the_closest(executor):
    assert failure(executor, "\\descrbe Lavrov") == (
        "Unknown command '\\descrbe'. Did you mean \\describe? Type \\? for the list of commands."
    )
    assert failure(executor, "\\zzz") == "Unknown command '\\zzz'. Type \\? for the list of commands."


def test_help_lists_each_group_in_the_order_the_commands_are_registered():
    lines = help_text().splitlines()
    questions = lines[1 : lines.index("")]
    assert [line.split()[0] for line in questions] == ["\\timeline", "\\met", "\\said", "\\why", "\\path", "\\around"]
