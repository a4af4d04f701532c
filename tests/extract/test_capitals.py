"""A capital that acts is its country's government ('Washington imposed sanctions'); a capital where something
happens stays the city (real model)."""

from __future__ import annotations


def test_a_capital_as_subject_is_its_country(read):
    p = read("The United States and Russia are rivals. Washington imposed sanctions on Russia on Monday.")
    assert p.fact("United States", "sanctions", "Russia")
    assert not p.fact("Washington", "sanctions")


def test_capitals_between_which_talks_happen_are_their_countries(read):
    p = read("Russia and the United States traded blame. Talks between Moscow and Washington failed on Monday.")
    assert p.fact("Russia", "meets", "United States")
    assert not [f for f in p.facts if "Moscow" in f or "Washington" in f]


def test_a_capital_that_speaks_is_its_government(read):
    p = read("China rejected the plan. Beijing said the tariffs were illegal.")
    assert p.statements == [("China", "say", "the tariffs were illegal")]


def test_a_destination_and_a_place_stay_the_city(read):
    p = read("Russia expelled two diplomats. Ana Lee flew to Moscow on Friday. Lee met Ivan Petrov in Moscow.")
    assert any(f[2] == "Moscow" for f in p.facts if f[1] == "fly-to")
    assert all(f[2] != "Russia" for f in p.facts if f[0] != "Russia")


def test_a_capital_of_a_country_the_article_does_not_name_stays_the_city(read):
    p = read("Beijing said the tariffs were illegal.")
    assert p.statements == [("Beijing", "say", "the tariffs were illegal")]


def test_a_capital_described_as_a_city_stays_the_city(state_after):
    from kg.extract.arguments import ArgumentReader
    from kg.extract.references import resolve_references

    from .conftest import names, word

    state = state_after("Russia is large. Moscow is a crowded city.", resolve_references)
    found = ArgumentReader(state.refs).entity(word(state, "Moscow"))
    assert found is not None and names(state)[found[0]] == "Moscow"
