"""`\\load PATH...`: build articles into the store from the shell, with progress on the terminal.

spaCy and the pipeline are imported here, on first use, so that they never slow the shell's start.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import KGError
from ..store.base import Store

__all__ = ["build_into"]


def _count_files(paths: list[str]) -> int:
    total = 0
    for text in paths:
        path = Path(text).expanduser()
        if not path.exists():
            raise KGError(f"No such file or folder: {text}")
        total += sum(1 for _ in path.rglob("*.txt")) if path.is_dir() else 1
    return total


def build_into(store: Store, paths: list[str]) -> str:
    """Run the build on `paths`; returns the report to print. Ctrl-C stops after the current batch."""
    files = _count_files(paths)
    err = sys.stderr
    click.echo(f"Loading the language model and reading {files} file{'s' if files != 1 else ''}…", err=True)
    from ..build.pipeline import build

    with click.progressbar(length=files, label="Building", file=err, show_pos=True, show_eta=True) as bar:
        report = build([str(Path(p).expanduser()) for p in paths], store, progress=bar.update)
    from ..build.report import render_report

    return "".join(f"{line.text}\n" for line in render_report(report, "line"))
