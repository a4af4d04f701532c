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


def _count_documents(paths: list[str]) -> int:
    """About how many documents the paths hold (files a build reads, a dump's records), as `kg build` counts."""
    for text in paths:
        if not Path(text).expanduser().exists():
            raise KGError(f"No such file or folder: {text}")
    from ..ingest.sources import expected_documents

    return expected_documents([str(Path(p).expanduser()) for p in paths])


def build_into(store: Store, paths: list[str]) -> str:
    """Run the build on `paths`; returns the report to print. Ctrl-C stops after the current batch."""
    files = _count_documents(paths)
    err = sys.stderr
    click.echo(f"Loading the language model and reading {files} document{'s' if files != 1 else ''}…", err=True)
    from ..build.pipeline import build

    with click.progressbar(length=files, label="Building", file=err, show_pos=True, show_eta=True) as bar:
        report = build([str(Path(p).expanduser()) for p in paths], store, progress=bar.update)
    from ..build.report import render_report

    return "".join(f"{line.text}\n" for line in render_report(report, "line"))
