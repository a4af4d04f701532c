"""The README stays true: every command it shows exists, and every command is in it."""

from __future__ import annotations

import re
from pathlib import Path

from kg.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _shown_commands() -> set[str]:
    blocks = re.findall(r"```(?:sh|console)?\n(.*?)```", README, re.S)
    lines = [line.strip().lstrip("$ ") for block in blocks for line in block.splitlines()]
    return {m.group(1) for line in lines if (m := re.match(r"(?:\.venv/bin/)?kg (\w+)", line))}


def test_every_command_shown_exists():
    assert _shown_commands() <= set(cli.commands)


def test_every_command_is_documented_with_help():
    for name, command in cli.commands.items():
        assert f"kg {name}" in README, name
        assert command.help, name


def test_every_path_named_in_the_docs_exists():
    root = Path(__file__).resolve().parent.parent
    for doc in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        named = set(
            re.findall(r"`((?:kg|tests|bench|docs|ontology|exports)/[\w./-]*)`", doc.read_text(encoding="utf-8"))
        )
        missing = sorted(p for p in named if not (root / p).exists())
        assert not missing, f"{doc.name} names paths that do not exist: {', '.join(missing)}"
