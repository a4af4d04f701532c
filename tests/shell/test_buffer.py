"""When Enter runs the query, and how a script splits into statements."""

from __future__ import annotations

import pytest

from kg.shell.buffer import is_complete, open_brackets, split_statements


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("SELECT ?s WHERE { ?s a kg:Person } ;", True),
        ("SELECT ?s WHERE { ?s a kg:Person }", False),  # no ';' yet: Enter adds a line
        ("SELECT ?s WHERE { ?s a kg:Person ;", False),  # a predicate list, not the end
        ("SELECT ?s WHERE {\n  ?s a kg:Person ;\n     rdfs:label ?l\n};", True),
        ('SELECT ?s WHERE { ?s rdfs:label "a;" }', False),
        ('SELECT ?s WHERE { ?s rdfs:label "a;', False),  # inside a string
        ('SELECT ?s WHERE { ?s rdfs:label """one\ntwo;', False),  # inside a long string
        ('SELECT ?s WHERE { ?s rdfs:label """one\ntwo;""" };', True),
        ("SELECT ?s WHERE { ?s ?p <http://x;", False),  # inside an IRI
        ("SELECT * { ?s ?p ?o FILTER(?o < 3) };", True),  # '<' is an operator here
        ("SELECT * { ?s ?p ?o } ; # done", True),  # a comment after the ';'
        ("SELECT * { ?s ?p ?o # not ; the end\n", False),
        ('SELECT * { ?s ?p ?o FILTER(CONTAINS(?o, "x") };', True),  # '};' runs: the parser shows the '('
        ("SELECT * { ?s ?p ( 1 2 ) ;", False),
        ("\\describe Lavrov", True),  # commands run on Enter
        ("quit", True),
        ("help", True),
        ("", True),
        ("SELECT * { ?s ?p ?o } \\e", True),  # open in the editor
    ],
)
def test_is_complete(text, complete):
    assert is_complete(text) is complete


def test_open_brackets_for_indentation():
    assert open_brackets("SELECT * WHERE {") == 1
    assert open_brackets("SELECT * WHERE { OPTIONAL { FILTER(") == 3
    assert open_brackets('SELECT * WHERE { ?s ?p "{" }') == 0


def test_split_statements_of_a_script():
    script = """# people
SELECT ?s WHERE {
  ?s a kg:Person ;
     rdfs:label ?l .
};

\\describe Lavrov
ASK { ?s ?p ?o };
SELECT * { ?s ?p ?o } LIMIT 1
"""
    assert list(split_statements(script)) == [
        (2, "SELECT ?s WHERE {\n  ?s a kg:Person ;\n     rdfs:label ?l .\n};"),
        (7, "\\describe Lavrov"),
        (8, "ASK { ?s ?p ?o };"),
        (9, "SELECT * { ?s ?p ?o } LIMIT 1"),  # the last query needs no ';'
    ]


def test_a_command_inside_an_unfinished_query_comes_first():
    script = """SELECT ?s WHERE {
\\x on
  ?s a kg:Person
};
SELECT ?s WHERE { ?s rdfs:comment \"\"\"a long string
\\not a command
\"\"\" };
"""
    assert list(split_statements(script)) == [
        (2, "\\x on"),
        (1, "SELECT ?s WHERE {\n  ?s a kg:Person\n};"),
        (5, 'SELECT ?s WHERE { ?s rdfs:comment """a long string\n\\not a command\n""" };'),
    ]
