"""Standing relations stated in passing: where organizations are based, which place lies in which, memberships."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        ("The Moscow-based Levada Center published a poll on Monday.", "Levada Center", "basedIn", "Moscow"),
        ("The talks took place in Geneva, Switzerland, last week.", "Geneva", "locatedIn", "Switzerland"),
        ("The Brussels-based European Commission proposed new rules.", "European Commission", "basedIn", "Brussels"),
        ("The Levada Center is based in Moscow.", "Levada Center", "basedIn", "Moscow"),
    ],
)
def test_organizations_are_based_in_places_and_places_lie_in_places(read, text, subject, predicate, obj):
    (located,) = read(text).fact(subject, predicate, obj)
    assert located[-1].reading.is_fact and located[-1].confidence == 0.75


def test_based_in_as_a_clause_takes_its_reading(read):
    (located,) = read("Statoil is not based in Bergen.").fact("Statoil", "basedIn", "Bergen")
    assert located[3] == "negative"


def test_a_membership_in_apposition(read):
    p = read("Anna Schmidt, a member of the Green Party, criticized the plan.")
    assert p.fact("Anna Schmidt", "memberOf", "Green Party")
    assert p.entities["Green Party"] == "ORG"


def test_a_membership_as_a_predicate(read):
    p = read("Anna Schmidt is a member of the Green Party.")
    assert p.fact("Anna Schmidt", "memberOf", "Green Party")


def test_a_place_is_not_in_itself_and_an_apposition_of_no_place_is_none(read):
    assert not read("Anna Schmidt, a lawyer, visited Geneva.").fact("Anna Schmidt", "locatedIn")


@pytest.mark.parametrize(
    ("text", "inner", "outer"),
    [
        ("The jet crashed on a flight to Cairo from Aswan in southern Egypt.", "Aswan", "Egypt"),
        ("Soldiers rescued people in Kibungo in the eastern part of Rwanda.", "Kibungo", "Rwanda"),
        ("The opera opened at the Kennedy Center, in Washington, last week.", "Kennedy Center", "Washington"),
        ("A West Linn, Ore., lawyer said so.", "West Linn", "Ore."),
        ("Briefings were held in nearby Bethesda, Md., on Monday.", "Bethesda", "Md."),
    ],
)
def test_a_place_right_before_in_and_a_larger_place_lies_in_it(read, text, inner, outer):
    (found,) = read(text).fact(inner, "locatedIn", outer)
    assert found[-1].reading.is_fact


@pytest.mark.parametrize(
    "text",
    [
        "Fighting in Syria in March killed many.",  # a month is no place
        "Rallies in France in Paris drew crowds.",  # no country lies in a city
        "Troops moved from Poland in Europe to the east.",  # nor, as written so, in a continent
        "After talks with Germany, in Berlin on Monday, he left.",
        "Floods hit Kenya, Uganda and Tanzania.",  # a list of countries
        "Rain fell on Texas, Ohio and Iowa.",  # a list of states
        "He visited Paris, London and Rome.",  # a list of cities
    ],
)
def test_no_containment_where_the_places_do_not_nest(read, text):
    assert not [r for r in read(text).relations if r[1] == "locatedIn"]
