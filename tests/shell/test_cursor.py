"""Where the cursor is in a SPARQL query (kg.shell.cursor): the word being typed and the slot it goes in."""

from __future__ import annotations

import pytest

from kg.shell.cursor import in_string_or_comment, slot_of, split_word


@pytest.mark.parametrize(
    ("before", "slot"),
    [
        ("", "top"),
        ("PREFIX ", "prefix-name"),
        ("PREFIX kg: ", "prefix-iri"),
        ("SELECT DISTINCT ", "select"),
        ("DESCRIBE ", "describe"),
        ("SELECT * WHERE { ", "subject"),
        ("SELECT * WHERE { ?s ", "predicate"),
        ("SELECT * WHERE { ?s kg:meets ", "object"),
        ("SELECT * WHERE { ?s kg:meets ?o ", "after"),
        ("SELECT * WHERE { ?s a ", "class"),
        ("SELECT * WHERE { ?s rdf:type kg:Person , ", "class"),
        ("SELECT * WHERE { ?s a kg:Person ; ", "predicate"),
        ("SELECT * WHERE { ?s kg:meets ?o , ", "object"),
        ("SELECT * WHERE { ?s a kg:Person . ", "subject"),
        ("SELECT * WHERE { ?s kg:subject/", "predicate"),
        ("SELECT * WHERE { ?s kg:about [ ", "predicate"),
        ("SELECT * WHERE { ?s kg:about [ kg:x ?y ] ", "after"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(", "expression"),
        ("SELECT * WHERE { ?s ?p ?o } ORDER BY ", "order"),
        ("SELECT * WHERE { ?s ?p ?o } ", "top"),
    ],
)
def test_the_slot_of_the_next_term(before, slot):
    word, tokens = split_word(before)
    assert word == "" and slot_of(tokens) == slot


def test_the_word_being_typed_is_not_a_token():
    assert split_word('SELECT * WHERE { ?s rdfs:label "a } b" ; kg:me') == (
        "kg:me",
        ["SELECT", "*", "WHERE", "{", "?s", "rdfs:label", '""', ";"],
    )


@pytest.mark.parametrize(
    ("before", "inside"),
    [('?s rdfs:label "Lavr', True), ("?s <https://kg.ex", True), ('?s ?p """long', True), ('?s "x" ', False)],
)
def test_nothing_is_suggested_inside_strings_and_iris(before, inside):
    assert in_string_or_comment(before) is inside


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ('SELECT * WHERE { ?s ?p """first line\nsecond', True),  # a long string still open across lines
        ("SELECT * WHERE { ?s ?p '''first line\nsecond", True),
        ('SELECT * WHERE { ?s ?p """a\nb""" . ?x', False),  # closed: the cursor is past it
        ('SELECT * WHERE { ?s ?p """""" . ?x', False),
        ('SELECT * WHERE { ?s ?p "" . ?x', False),
    ],
)
def test_a_long_string_is_open_until_its_closing_quotes(text, inside):
    assert in_string_or_comment(text) is inside
