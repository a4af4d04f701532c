"""Printing query results (kg.query.formatting): tables that fit, labels where they help, numbers to the
right, and the output formats of `kg query` and the shell."""

from __future__ import annotations

import shutil

import pytest
from conftest import run_kg
from rdflib import RDFS, Graph, Literal, URIRef

from kg.query.formatting import FORMATS, format_result, format_table
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
