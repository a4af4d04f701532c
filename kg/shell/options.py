"""The options of the shell's two entry points, `kg shell` and `kg-shell`, defined once.

Kept apart from `app` so that the `kg` command line can use them without importing the shell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from ..query.formatting import FORMATS
from ..store.local import DEFAULT_STORE

__all__ = ["shell_options"]

F = TypeVar("F", bound=Callable[..., object])

_OPTIONS = (
    click.option(
        "--store",
        "store_location",
        default=DEFAULT_STORE,
        show_default=True,
        envvar="KG_STORE",
        help="Store folder, RDF file (read-only) or SPARQL endpoint URL.",
    ),
    click.option("--execute", "-e", default=None, help="Run these queries/commands and exit (no prompt)."),
    click.option(
        "--format",
        "-f",
        "fmt",
        default=None,
        type=click.Choice(FORMATS),
        help="Output format (default: table, or the config file's).",
    ),
)


def shell_options(command: F) -> F:
    """Add --store, --execute and --format, passed as `store_location`, `execute` and `fmt`."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command
