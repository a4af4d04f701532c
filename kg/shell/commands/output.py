"""Output: \\format \\x \\timing \\o \\export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import KGError
from ...query.formatting import FORMATS
from ..special import Output, special_command

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["expanded", "export", "output_file", "set_format", "timing"]


@special_command(
    "\\format",
    "\\format FORMAT",
    f"Output format: {', '.join(FORMATS)}.",
    aliases=("\\T",),
    arg="format",
    group="Output",
)
def set_format(executor: Executor, argument: str) -> Iterator[Output]:
    if not argument:
        yield Output(status=f"Format is {executor.settings.format}. Available: {', '.join(FORMATS)}")
        return
    yield Output(status=f"Format is {executor.settings.set('format', argument)}.")


@special_command(
    "\\x",
    "\\x [on|off|auto]",
    "Vertical output (one record per block) on, off, or auto: when a table is too wide.",
    arg="expanded",
    group="Output",
)
def expanded(executor: Executor, argument: str) -> Iterator[Output]:
    choice = argument.lower() or ("off" if executor.settings.format == "vertical" else "on")
    if choice not in {"on", "off", "auto"}:
        raise KGError(f"\\x takes on, off or auto, not '{argument}'.")
    executor.auto_vertical = choice == "auto"
    fmt = executor.settings.set("format", "vertical" if choice == "on" else "table")
    if executor.auto_vertical:
        yield Output(status="Format is table, or vertical when a table does not fit the screen (\\x auto).")
        return
    yield Output(status=f"Format is {fmt}.")


@special_command("\\timing", "\\timing [on|off]", "Show how long each query takes.", arg="onoff", group="Output")
def timing(executor: Executor, argument: str) -> Iterator[Output]:
    value = argument or ("off" if executor.settings.timing else "on")
    yield Output(status=f"Timing is {executor.settings.set('timing', value)}.")


@special_command(
    "\\o",
    "\\o [FILE]",
    "Send results to FILE (appending); \\o alone sends them to the screen.",
    aliases=("\\output",),
    arg="path",
    group="Output",
)
def output_file(executor: Executor, argument: str) -> Iterator[Output]:
    if not argument:
        previous, executor.output_path = executor.output_path, None
        yield Output(status=f"Results go to the screen{f' (no longer to {previous})' if previous else ''}.")
        return
    path = Path(argument).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.open("a", encoding="utf-8").close()
    except OSError as e:
        raise KGError(f"Cannot write to {path}: {e.strerror}") from None
    executor.output_path = path
    yield Output(status=f"Results go to {path} (in {executor.settings.format} format); \\o alone stops.")


@special_command(
    "\\export",
    "\\export FORMAT FILE [graph|result]",
    "Write the graph (or with 'result', the last CONSTRUCT/DESCRIBE result) to FILE in an RDF format.",
    arg="export",
    group="Output",
)
def export(executor: Executor, argument: str) -> Iterator[Output]:
    from ...export import rdf_formats
    from ..exporting import export_graph, export_result

    parts = argument.split()
    if len(parts) not in {2, 3} or (len(parts) == 3 and parts[2] not in {"graph", "result"}):
        raise KGError(f"Usage: \\export FORMAT FILE [graph|result]. Formats: {', '.join(rdf_formats())}")
    fmt, path = parts[0], Path(parts[1]).expanduser()
    what = parts[2] if len(parts) == 3 else "graph"
    if what == "result":
        if executor.last_graph is None or executor.last_graph.graph is None:
            raise KGError("No CONSTRUCT or DESCRIBE result to export yet; run one, or export the graph.")
        n = export_result(executor.last_graph.graph, fmt, path)
        yield Output(status=f"Wrote the last {executor.last_graph.kind} result ({n:,} triples) to {path}.")
        return
    n = export_graph(executor.store, fmt, path)
    yield Output(status=f"Wrote the whole graph ({n:,} triples) to {path}.")
