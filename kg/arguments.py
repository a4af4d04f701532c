"""What `kg build` and `kg query` make of their arguments: the build's progress display, and the query an
argument names (text, a file, or stdin)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

__all__ = ["Progress", "query_text"]


class Progress:
    """Progress for long builds (more than a handful of files): a bar on a terminal, else one line per batch."""

    def __init__(self, inputs: list[str]) -> None:
        from .ingest.sources import expected_documents

        self.total = expected_documents(inputs)
        self.done = 0
        self.bar = None
        if self.total > 8 and sys.stderr.isatty():
            self.bar = click.progressbar(
                length=self.total, label="Building", file=sys.stderr, show_pos=True, show_eta=True
            )

    def _line(self, documents: int) -> None:
        self.done += documents
        click.echo(f"built {self.done}/{max(self.done, self.total)} documents", err=True)

    def __enter__(self) -> Callable[[int], None] | None:
        if self.bar is None:
            return self._line if self.total > 8 else None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def query_text(argument: str) -> str:
    """The query an argument gives: its text, the file it names (which must exist), or stdin for '-'."""
    if argument == "-":  # bytes that are not UTF-8 stay visible to the query's checks (kg/query/guard.py)
        return sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    path = Path(argument).expanduser()
    if any(c.isspace() for c in argument.strip()) or "{" in argument:
        return argument  # query text
    if path.suffix.lower() not in _QUERY_SUFFIXES and not _is_file(path):
        return argument
    if not _is_file(path):
        what = "is not a file" if path.exists() else "does not exist"
        raise click.ClickException(f"Query file '{argument}' {what}. Give a .rq or .sparql file, or the query text.")
    return path.read_bytes().decode("utf-8", "surrogateescape")


_QUERY_SUFFIXES = {".rq", ".sparql"}


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long to be one
        return False
