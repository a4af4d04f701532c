"""The session: \\set \\e \\i \\refresh \\? \\q."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import KGError
from ...files import atomic_write
from ..config import SETTINGS
from ..special import EditQuery, ExitShell, Output, help_text, special_command, table

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["edit", "include", "quit_shell", "refresh", "set_option", "show_help"]


@special_command(
    "\\set",
    "\\set [NAME VALUE]",
    "Show the settings, or change one: \\set min-sources 2, \\set row-limit 0.",
    arg="setting",
)
def set_option(executor: Executor, argument: str) -> Iterator[Output]:
    name, _, value = argument.partition(" ")
    if not name:
        rows = [(s.name, executor.settings.show(s.name), s.help) for s in SETTINGS.values()]
        yield Output(result=table(["setting", "value", "meaning"], rows), status=f"{len(rows)} settings")
        return
    if not value.strip():
        if name not in SETTINGS:
            raise KGError(f"Unknown setting '{name}'. Settings: {', '.join(SETTINGS)}")
        yield Output(text=f"{name} = {executor.settings.show(name)}\n")
        return
    shown = executor.settings.set(name, value)
    yield Output(status=f"{name} = {shown}")


@special_command(
    "\\e",
    "\\e [FILE]",
    "Edit the current query (or a file) in $EDITOR; it comes back to the prompt.",
    aliases=("\\edit",),
    arg="path",
)
def edit(executor: Executor, argument: str) -> Iterator[Output]:
    if argument:
        import click

        path = Path(argument).expanduser()
        try:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            edited = click.edit(text, extension=path.suffix or ".rq", require_save=False) or ""
            with atomic_write(path, "w", encoding="utf-8") as handle:
                handle.write(edited)
        except (OSError, UnicodeDecodeError, click.ClickException) as e:
            raise KGError(f"Cannot edit {path}: {e}") from None
        raise EditQuery(edited.rstrip())
    raise EditQuery(executor.edit(""))
    yield  # pragma: no cover


@special_command("\\i", "\\i FILE", "Run the queries and commands in a file.", aliases=("\\include",), arg="path")
def include(executor: Executor, argument: str) -> Iterator[Output]:
    from ..buffer import split_statements

    if not argument:
        raise KGError("Usage: \\i FILE (a file of queries ending with ';', and commands).")
    path = Path(argument).expanduser()
    try:
        script = path.read_text(encoding="utf-8")
    except OSError as e:
        raise KGError(f"Cannot read {path}: {e.strerror}") from None
    for line, statement in split_statements(script):
        if statement.startswith("\\i"):
            raise KGError(f"{path}:{line}: \\i inside \\i is not run (it could loop).")
        try:
            yield from executor.run(statement)
        except KGError as e:
            raise KGError(f"{path}:{line}: {e}") from e


@special_command(
    "\\refresh",
    "\\refresh",
    "Reload completions (and a read-only store, to see what another process wrote).",
    aliases=("\\#",),
)
def refresh(executor: Executor, argument: str) -> Iterator[Output]:
    if executor.read_only:
        executor.store.reopen()  # a read-only store is a snapshot: look again at what the writing process has done
    executor.refresh()
    yield Output(status="Reloading completions in the background.")


@special_command("\\?", "\\?", "List all commands (also: help).", aliases=("\\h",))
def show_help(executor: Executor, argument: str) -> Iterator[Output]:
    yield Output(text=help_text())


@special_command("\\q", "\\q", "Quit (also: quit, exit, Ctrl-D).", aliases=("\\quit",))
def quit_shell(executor: Executor, argument: str) -> Iterator[Output]:
    raise ExitShell
    yield  # pragma: no cover - makes this a generator like the others
