"""The README's shell section stays true: the \\? list is the real one, and every command is documented."""

from __future__ import annotations

from pathlib import Path

from kg.shell.special import COMMANDS, help_text, load_builtin_commands

README = Path(__file__).resolve().parents[2] / "README.md"


def _shell_section() -> str:
    text = README.read_text(encoding="utf-8")
    assert "\n## The shell\n" in text, "the README needs a '## The shell' section"
    section = text.split("\n## The shell\n", 1)[1]
    return section.split("\n## ", 1)[0]


def test_readme_shows_the_real_command_list():
    assert help_text().rstrip() in _shell_section(), "paste the output of \\? into the README"


def test_every_command_is_documented_with_help():
    load_builtin_commands()
    section = _shell_section()
    for name, command in COMMANDS.items():
        assert name in section, f"{name} is not in the README"
        assert command.description.endswith(".") and len(command.description) > 15, name
        assert command.syntax.startswith(command.name), name
