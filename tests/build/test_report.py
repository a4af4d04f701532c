"""The build report, as `kg build` prints it (README shows it) and as the shell's `\\load` does."""

from __future__ import annotations

from pathlib import Path

from kg.build.report import BuildReport, render_report
from kg.ingest.sources import Skipped


def _report(**changes) -> BuildReport:
    report = BuildReport(read=5, built=5, sentences=116, words=2529, entities=50, facts=121, triples=7545)
    report.seconds = 3.84
    for name, value in changes.items():
        setattr(report, name, value)
    return report


def test_the_command_layout_puts_the_counts_on_stdout_and_the_rest_on_stderr():
    report = _report(skipped=[Skipped("in/empty.txt", "empty file")], notes=[("b.txt", "decoded as UTF-16")])
    lines = render_report(report, store="http://127.0.0.1:7878", exported=Path("exports/graph.ttl"))
    assert [line.text for line in lines if not line.diagnostic] == [
        "Built 5 documents in 3.8s (5 read, 0 unchanged, 0 replaced, 1 skipped)",
        "  sentences        116",
        "  words          2,529",
        "  entities          50",
        "  facts            121",
        "  triples        7,545",
        "Store: http://127.0.0.1:7878   Turtle: exports/graph.ttl",
    ]
    assert [(line.text, line.warning) for line in lines if line.diagnostic] == [
        ("skipped in/empty.txt: empty file", True),
        ("note b.txt: decoded as UTF-16", False),
    ]


def test_an_interrupted_build_says_how_to_complete_it_in_each_layout():
    report = _report(built=1, interrupted=True)
    command = [line.text for line in render_report(report, store=".kg") if line.warning]
    assert command == [
        "Interrupted: the store holds every batch finished before Ctrl-C; run the same command again to complete it."
    ]
    assert [line.text for line in render_report(report, "line")] == [
        "Built 1 document in 3.8s (5 read, 0 unchanged, 0 replaced, 0 skipped); the store now holds 7,545 triples.",
        "Interrupted: the store keeps every batch finished before Ctrl-C; \\load again to finish.",
    ]


def test_the_line_layout_lists_what_was_skipped_under_the_counts():
    lines = render_report(_report(skipped=[Skipped("a.txt", "binary file")]), "line")
    assert [line.text for line in lines] == [
        "Built 5 documents in 3.8s (5 read, 0 unchanged, 0 replaced, 1 skipped); the store now holds 7,545 triples.",
        "  skipped a.txt: binary file",
    ]
    assert not any(line.diagnostic for line in lines)
