"""Printing query results (kg.query.formatting): tables that fit, labels where they help, numbers to the
right, and the output formats of `kg query` and the shell."""

from __future__ import annotations

import shutil

import pytest
from conftest import run_kg
from rdflib import RDFS, Graph, Literal, URIRef

from kg.query.formatting import FORMATS, format_result, format_table, table_fits, without_empty_columns
from kg.query.run import QueryResult


def test_table_wraps_to_the_width():
    text = format_table(["name", "sentence"], [["ent:x", "word " * 40]], width=60)
    assert max(len(line) for line in text.splitlines()) == 60
    assert text.count("\n") > 5


def test_labels_only_where_they_help():
    result = QueryResult(
        "SELECT",
        ["e"],
        [
            (URIRef("https://kg.example.org/entity/zelenskyy"),),
            (URIRef("https://kg.example.org/entity/joe-biden"),),
        ],
    )
    labels = {
        "https://kg.example.org/entity/zelenskyy": "Volodymyr Zelenskyy",
        "https://kg.example.org/entity/joe-biden": "Joe Biden",
    }
    text = format_result(result, "table", labels=labels)
    assert "| ent:zelenskyy (Volodymyr Zelenskyy) |" in text
    assert "| ent:joe-biden                       |" in text  # the name says it already
    assert "Volodymyr" not in format_result(result, "csv", labels=labels)  # machine formats stay pure


def test_numbers_align_right():
    result = QueryResult("SELECT", ["name", "n"], [(Literal("a"), Literal(3)), (Literal("b"), Literal(120))])
    assert format_result(result, "table").splitlines()[3:5] == ["| a    |   3 |", "| b    | 120 |"]


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_query_formats_on_the_command_line(sample_store_dir, tmp_path, fmt):
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir, store)
    result = run_kg(
        "query",
        "SELECT ?l WHERE { ent:sergey-lavrov rdfs:label ?l }",
        "--store",
        str(store),
        "--format",
        fmt,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "Sergey Lavrov" in result.stdout.decode()


def test_every_format_prints_select_ask_and_construct():
    lavrov = URIRef("https://kg.example.org/entity/sergey-lavrov")
    select = QueryResult("SELECT", ["name", "n"], [(Literal("Sergey Lavrov"), Literal(4))])
    ask = QueryResult("ASK", boolean=True)
    graph = Graph()
    graph.add((lavrov, RDFS.label, Literal("Sergey Lavrov")))
    construct = QueryResult("CONSTRUCT", graph=graph)
    for fmt in FORMATS:
        assert "Sergey Lavrov" in format_result(select, fmt)
        assert format_result(ask, fmt) in {"yes\n", '{"head": {}, "boolean": true}\n'}
        assert "Sergey Lavrov" in format_result(construct, fmt)


def test_an_unknown_format_lists_the_formats():
    with pytest.raises(ValueError) as info:
        format_result(QueryResult("SELECT"), "xml")
    assert str(info.value) == "Unknown format 'xml'. Available: table, vertical, csv, tsv, json, turtle"


_FACT = "https://kg.example.org/fact/antony-blinken-meets-sergey-lavrov-in-geneva-on-a-friday"


def _wide_result() -> QueryResult:
    return QueryResult(
        "SELECT",
        ["fact", "subject", "nothing", "sentence"],
        [
            (URIRef(_FACT), URIRef("https://kg.example.org/entity/antony-blinken"), None, Literal("He met him. " * 6)),
            (URIRef(_FACT + "-2"), URIRef("https://kg.example.org/entity/sergey-lavrov"), None, Literal("Short.")),
        ],
    )


def test_a_table_fits_when_only_prose_has_to_wrap():
    result = _wide_result()
    assert table_fits(result, 200)
    assert not table_fits(result, 80)  # the fact names alone need more than 80 columns with the others
    narrow = QueryResult("SELECT", ["sentence"], [(Literal("word " * 40),)])
    assert table_fits(narrow, 40)  # prose wraps


def test_columns_no_row_binds_take_no_width():
    result = without_empty_columns(_wide_result())
    assert result.headers == ["fact", "subject", "sentence"]
    assert [len(row) for row in result.rows] == [3, 3]
    bound = QueryResult("SELECT", ["x"], [(Literal("a"),)])
    assert without_empty_columns(bound) is bound


def test_vertical_records_never_break_a_name():
    text = format_result(_wide_result(), "vertical", width=60)
    name = "fact:antony-blinken-meets-sergey-lavrov-in-geneva-on-a-friday"
    assert f"fact     | {name}\n" in text  # whole on one line, even wider than the screen
    sentence_lines = [line for line in text.splitlines() if "He met him." in line]
    assert len(sentence_lines) > 1 and all(len(line) <= 60 for line in sentence_lines)  # prose still wraps


def test_a_name_next_to_its_label_wraps_no_narrower_than_the_name():
    iri = "https://kg.example.org/entity/carnegie-endowment-for-international-peace-moscow"
    result = QueryResult("SELECT", ["who", "said"], [(URIRef(iri), Literal("word " * 30))])
    text = format_result(result, "table", width=90, labels={iri: "Carnegie Moscow"})
    name = "ent:carnegie-endowment-for-international-peace-moscow"
    assert any(name in line for line in text.splitlines())  # on one line, though the column is prose
    assert max(len(line) for line in text.splitlines()) <= 90
    assert table_fits(result, 90, {iri: "Carnegie Moscow"})
    assert not table_fits(result, len(name) + 20, {iri: "Carnegie Moscow"})
