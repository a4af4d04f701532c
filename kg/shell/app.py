"""A minimal SPARQL shell: type a query ending with ';' to run it, \\q to quit."""

from __future__ import annotations

import sys

import click

from ..errors import KGError
from ..formatting import format_result
from ..query import run_query
from ..store import DEFAULT_STORE, open_store

__all__ = ["main", "run_shell"]


def _read_queries(prompt):
    buffer: list[str] = []
    while True:
        try:
            line = prompt("kg> " if not buffer else "... ")
        except EOFError:
            return
        if line.strip() in {"\\q", "quit", "exit"} and not buffer:
            return
        buffer.append(line)
        if line.rstrip().endswith(";"):
            yield "\n".join(buffer).rstrip().rstrip(";")
            buffer = []


def run_shell(store_location: str = DEFAULT_STORE) -> int:
    store = open_store(store_location, create=False)
    failures = 0
    if sys.stdin.isatty():
        from prompt_toolkit import PromptSession

        prompt = PromptSession().prompt
    else:

        def prompt(_text: str) -> str:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")

    try:
        for text in _read_queries(prompt):
            try:
                result = run_query(store, text)
            except KGError as e:
                failures += 1
                click.secho(str(e), fg="red", err=True)
                continue
            click.echo(format_result(result), nl=False)
            click.echo(result.status, err=True)
    finally:
        store.close()
    return 1 if failures else 0


@click.command()
@click.option("--store", "store_location", default=DEFAULT_STORE, show_default=True)
def main(store_location: str) -> None:
    """Interactive SPARQL shell on a kg store."""
    try:
        sys.exit(run_shell(store_location))
    except KGError as e:
        raise click.ClickException(str(e)) from e
