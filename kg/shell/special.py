"""Backslash commands: a registry filled by `@special_command` (litecli style); `\\?` is generated from it.

A handler takes the executor and the argument text and yields `Output`s, the one type every kind of
output travels in, so that the pager, `\\o` and the batch mode have a single code path. The built-in
commands live in `kg.shell.commands`, one module per group of `\\?`.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.term import Node

from ..errors import KGError
from ..query.run import QueryResult

if TYPE_CHECKING:
    from .executor import Executor

__all__ = [
    "COMMANDS",
    "GROUPS",
    "Command",
    "EditQuery",
    "ExitShell",
    "Output",
    "command_names",
    "execute",
    "help_text",
    "load_builtin_commands",
    "special_command",
    "table",
]


@dataclass(slots=True)
class Output:
    result: QueryResult | None = None  # formatted in the session's format
    text: str | None = None  # printed as it is
    title: str | None = None  # a heading above the result
    status: str | None = None  # the line after it (default: the result's row count and time)
    sparql: str | None = None  # the query a question template ran, shown so users learn to write their own
    note: str | None = None  # a hint printed after everything else


class ExitShell(Exception):
    """\\q, quit, exit: leave the shell."""


class EditQuery(Exception):
    """\\e: the edited text goes back into the prompt."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


Handler = Callable[["Executor", str], Iterable[Output]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    syntax: str
    description: str
    aliases: tuple[str, ...] = ()
    arg: str = "none"  # for completion: none entity entity2 why format onoff setting path export query named
    group: str = "Session"


# The groups of \?, in its order, with their titles.
GROUPS = {
    "Questions": "Questions (each prints the SPARQL it runs; they honour \\set min-sources and min-confidence)",
    "Graph": "The graph",
    "Output": "Output",
    "Named": "Named queries (as in pgcli: $1 $2 … take the arguments, $* all of them)",
    "Session": "Session",
}
# The modules of kg.shell.commands: \? lists each group's commands in the order they are registered.
BUILTIN_MODULES = ("questions", "connections", "entities", "graph", "output", "named", "session")
COMMANDS: dict[str, Command] = {}


def special_command(
    name: str,
    syntax: str,
    description: str,
    *,
    aliases: tuple[str, ...] = (),
    arg: str = "none",
    group: str = "Session",
) -> Callable[[Handler], Handler]:
    """Register a backslash command under its name and aliases."""

    def register(handler: Handler) -> Handler:
        command = Command(name, handler, syntax, description, aliases, arg, group)
        for key in (name, *aliases):
            COMMANDS[key] = command
        return handler

    return register


def load_builtin_commands() -> None:
    """Import the modules whose `@special_command`s are the built-in commands (importing registers them)."""
    for module in BUILTIN_MODULES:
        importlib.import_module(f"{__package__}.commands.{module}")


def command_names() -> dict[str, tuple[str, str]]:
    """name -> (description, argument kind), for completion."""
    load_builtin_commands()
    return {key: (c.description, c.arg) for key, c in COMMANDS.items()}


def execute(executor: Executor, text: str) -> Iterable[Output]:
    """Run one command line: `\\describe Lavrov`, `help`, `quit`."""
    load_builtin_commands()
    stripped = text.strip().rstrip(";").strip()
    word, _, argument = stripped.partition(" ")
    if not word.startswith("\\"):
        word = {"quit": "\\q", "exit": "\\q", "help": "\\?"}.get(word.lower(), word)
    command = COMMANDS.get(word) or COMMANDS.get(word.lower())
    if command is None:
        close = difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise KGError(f"Unknown command '{word}'.{hint} Type \\? for the list of commands.")
    return command.handler(executor, argument.strip())


_FOOTER = (
    "A query runs when it ends with ';' (or on Esc-Enter); Enter inside an unfinished query adds a line.\n"
    "A backslash command on a line of its own runs at once, even inside an unfinished query (which stays).\n"
    "Tab completes, Ctrl-R searches the history, Ctrl-C cancels a running query, Ctrl-D or \\q quits."
)


def help_text() -> str:
    """The `\\?` text: every command with its aliases and what it does, by group."""
    load_builtin_commands()
    unique = list({id(c): c for c in COMMANDS.values()}.values())  # in the order they were registered
    width = max(len(_usage(c)) for c in unique) + 2
    lines = []
    for group, title in GROUPS.items():
        lines.append(title)
        lines += [f"  {_usage(c).ljust(width)}{c.description}" for c in unique if c.group == group]
        lines.append("")
    return "\n".join(lines) + "\n" + _FOOTER + "\n"


def _usage(command: Command) -> str:
    return command.syntax + (f" ({', '.join(command.aliases)})" if command.aliases else "")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, drop_empty: bool = False) -> QueryResult:
    """A QueryResult built in Python (numbers stay numbers, so they align right); `drop_empty` leaves out
    the columns that have nothing in any row."""

    def cell(value: object) -> Node | None:
        if value is None or isinstance(value, Node):
            return value
        return Literal(value)

    keep = [i for i in range(len(headers)) if not drop_empty or any(row[i] not in (None, "") for row in rows)]
    return QueryResult("SELECT", [headers[i] for i in keep], [tuple(cell(row[i]) for i in keep) for row in rows])
