"""Output (kg.shell.commands.output): \\format \\x \\timing \\o \\export."""

from __future__ import annotations

import pytest
from commands_testing import failure, one, run
from rdflib import Dataset, Graph

from kg.export import rdf_formats
from kg.query.formatting import FORMATS


def test_format_shows_and_changes_the_output_format(executor):
    assert one(executor, "\\format").status == f"Format is table. Available: {', '.join(FORMATS)}"
    assert one(executor, "\\T csv").status == "Format is csv."
    assert executor.settings.format == "csv"
    assert failure(executor, "\\format xml") == f"Unknown format 'xml'. Available: {', '.join(FORMATS)}"


def test_x_toggles_vertical_output(executor):
    assert one(executor, "\\x").status == "Format is vertical."
    assert one(executor, "\\x").status == "Format is table."


def test_timing_toggles_or_is_set(executor):
    assert one(executor, "\\timing").status == "Timing is off."
    assert one(executor, "\\timing on").status == "Timing is on."
    assert failure(executor, "\\timing sometimes") == "timing is on or off, not 'sometimes'."


def test_o_sends_results_to_a_file_until_o_alone(executor, tmp_path):
    target = tmp_path / "out" / "results.txt"
    assert one(executor, f"\\o {target}").status == f"Results go to {target} (in table format); \\o alone stops."
    assert executor.output_path == target and target.exists()
    assert one(executor, "\\o").status == f"Results go to the screen (no longer to {target})."
    assert executor.output_path is None


def test_export_names_the_registrys_rdf_formats(executor, tmp_path):
    formats = ", ".join(rdf_formats())
    assert formats == "turtle, ntriples, nquads, trig, jsonld, rdfxml"
    assert failure(executor, "\\export turtle") == f"Usage: \\export FORMAT FILE [graph|result]. Formats: {formats}"
    assert failure(executor, f"\\export gexf {tmp_path / 'g.gexf'}") == (
        f"Unknown export format 'gexf'. Available: {formats}"
    )


@pytest.mark.parametrize("fmt", rdf_formats())
def test_export_the_whole_graph_in_every_rdf_format(executor, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    status = one(executor, f"\\export {fmt} {path}").status
    count = executor.store.triple_count()
    assert status == f"Wrote the whole graph ({count:,} triples) to {path}."
    assert path.stat().st_size > 100_000


_SYNTAX = {
    "turtle": "turtle",
    "ntriples": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "rdfxml": "xml",
    "jsonld": "json-ld",
}


@pytest.mark.parametrize("fmt", rdf_formats())
def test_export_the_last_construct_result(executor, tmp_path, fmt):
    assert failure(executor, f"\\export {fmt} {tmp_path / 'r'} result") == (
        "No CONSTRUCT or DESCRIBE result to export yet; run one, or export the graph."
    )
    run(executor, "CONSTRUCT WHERE { ent:sergey-lavrov ?p ?o };")
    path = tmp_path / f"lavrov.{fmt}"
    assert one(executor, f"\\export {fmt} {path} result").status == (
        f"Wrote the last CONSTRUCT result (9 triples) to {path}."
    )
    read = Dataset() if fmt in {"nquads", "trig"} else Graph()
    assert len(read.parse(path, format=_SYNTAX[fmt])) == 9


def test_export_without_a_third_argument_writes_the_graph_even_after_a_construct(executor, tmp_path):
    run(executor, "CONSTRUCT WHERE { ent:sergey-lavrov ?p ?o };")
    path = tmp_path / "all.ttl"
    total = executor.store.triple_count()
    assert one(executor, f"\\export turtle {path}").status == f"Wrote the whole graph ({total:,} triples) to {path}."
    assert len(Graph().parse(path, format="turtle")) == total
