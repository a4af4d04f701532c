"""What a build did (`BuildReport`), and its one rendering (`render_report`), shared by `kg build` and the
shell's `\\load`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..ingest.sources import Skipped

__all__ = ["BuildReport", "ReportLine", "render_report"]


@dataclass(slots=True)
class BuildReport:
    read: int = 0
    built: int = 0
    unchanged: int = 0
    replaced: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, note) e.g. decoded as UTF-16
    sentences: int = 0
    words: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    compacted: bool = False  # the store's files were merged at the end (see `pipeline.worth_compacting`)


class ReportLine(NamedTuple):
    text: str
    diagnostic: bool = False  # about the inputs or the run (standard error), not the report itself
    warning: bool = False  # something the user should look at (shown in yellow)


def render_report(
    report: BuildReport, layout: str = "command", *, store: str = "", exported: Path | None = None
) -> list[ReportLine]:
    """The report's lines. `layout` "command" (`kg build`): what was skipped, the notes and an interruption
    first, as diagnostics; then the counts as a table, the store and the Turtle export. "line" (the shell's
    `\\load`): the counts on one line with the store's size, then what was skipped and an interruption."""
    built = (
        f"Built {report.built} document{'s' if report.built != 1 else ''} in {report.seconds:.1f}s "
        f"({report.read} read, {report.unchanged} unchanged, {report.replaced} replaced, "
        f"{len(report.skipped)} skipped)"
    )
    skipped = [f"skipped {s.name}: {s.reason}" for s in report.skipped]
    if layout == "line":
        lines = [ReportLine(f"{built}; the store now holds {report.triples:,} triples.")]
        lines += [ReportLine(f"  {line}") for line in skipped]
        if report.interrupted:
            lines.append(ReportLine(_INTERRUPTED.format(keeps="keeps", again="\\load again to finish")))
        return lines
    lines = [ReportLine(line, diagnostic=True, warning=True) for line in skipped]
    lines += [ReportLine(f"note {name}: {note}", diagnostic=True) for name, note in report.notes]
    if report.interrupted:
        again = _INTERRUPTED.format(keeps="holds", again="run the same command again to complete it")
        lines.append(ReportLine(again, diagnostic=True, warning=True))
    lines.append(ReportLine(built))
    counts = [
        ("sentences", report.sentences),
        ("words", report.words),
        ("entities", report.entities),
        ("facts", report.facts),
        ("triples", report.triples),
    ]
    lines += [ReportLine(f"  {label:<10} {value:>9,}") for label, value in counts]
    lines.append(ReportLine(f"Store: {store}" + (f"   Turtle: {exported}" if exported else "")))
    return lines


_INTERRUPTED = "Interrupted: the store {keeps} every batch finished before Ctrl-C; {again}."
