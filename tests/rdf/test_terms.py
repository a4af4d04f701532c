"""The build's N-Triples terms (kg.rdf.terms), read back by a real parser; the vocabulary against the ontology."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from kg.rdf.ontology import KG, load_ontology
from kg.rdf.terms import DOC, ENT, TYPE, K, day, decimal, integer, text
from kg.rdf.vocabulary import TERM_NAMES


def _parse(*triples: tuple[str, str, str]) -> list[ox.Triple]:
    data = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_survives_as_a_literal(value):
    (triple,) = _parse((ENT["x"], K.surfaceForm, text(value)))
    assert triple.object.value == value


def test_typed_literals_are_the_ones_rdflib_writes():
    from rdflib.namespace import XSD  # here: pytest's collection trips over the closed namespace at module level

    for term, literal in [
        (integer(42), Literal(42)),
        (decimal(0.65), Literal(0.65, datatype=XSD.decimal)),
        (day(date(2021, 6, 16)), Literal(date(2021, 6, 16))),
    ]:
        (triple,) = _parse((DOC["d"], K.index, term))
        assert triple.object.value == str(literal) and triple.object.datatype.value == str(literal.datatype)


def test_vocabulary_terms_are_iris_of_the_ontology():
    (triple,) = _parse((ENT["joe-biden"], TYPE, K.Person))
    assert triple.object.value == "https://kg.example.org/ontology#Person"
    assert triple.subject.value == "https://kg.example.org/entity/joe-biden"


def test_the_vocabulary_is_the_ontology_s():
    """Every term declared in ontology/kg.ttl is in K (and KG), and no other."""
    declared = {str(s)[len(str(KG)) :] for s in load_ontology().subjects() if str(s).startswith(str(KG))}
    assert declared == TERM_NAMES
    assert {str(KG[name]) for name in TERM_NAMES} == {str(KG) + name for name in declared}


def test_a_term_named_at_run_time_is_checked():
    assert K.named("Person") == K.Person
    with pytest.raises(KeyError, match="Persn"):
        K.named("Persn")
