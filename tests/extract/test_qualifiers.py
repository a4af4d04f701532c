"""Where and when a clause happened: the place and time attached to its anchor (real model)."""

from __future__ import annotations

import pytest

from kg.extract.arguments import ArgumentReader
from kg.extract.qualifiers import qualifiers
from kg.extract.references import resolve_references

from .conftest import names, word


@pytest.fixture(scope="module")
def where_and_when(state_after):
    """The place's name and the time's text attached to the clause of the word `anchor`."""

    def run(text: str, anchor: str) -> tuple[str | None, str | None]:
        state = state_after(text, resolve_references)
        place, time = qualifiers(word(state, anchor), ArgumentReader(state.refs), skip=set())
        return (names(state)[place] if place is not None else None), time

    return run


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Chile met Peru in Lima on Monday.", "met", ("Lima", "Monday")),
        ("Chile met Peru at the border in 2021.", "met", (None, "2021")),
        ("On June 16, 2021, in Geneva, Chile met Peru.", "met", ("Geneva", "June 16, 2021")),
        ("Chile met Peru for two hours.", "met", (None, None)),  # a duration is no point in time
        ("Chile met Peru, which signed in Lima on Monday.", "met", (None, None)),  # another clause's
    ],
)
def test_place_and_time_of_a_clause(where_and_when, text, anchor, expected):
    assert where_and_when(text, anchor) == expected


def test_the_parties_of_a_relation_are_not_its_place(state_after):
    state = state_after("Chile met officials in Peru.", resolve_references)
    peru = word(state, "Peru")
    place, _ = qualifiers(word(state, "met"), ArgumentReader(state.refs), skip={peru.i})
    assert place is None
