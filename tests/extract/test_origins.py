"""Standing relations in the noun phrase of a name: homes, birthplaces, employers, where organizations are based."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        (
            "Albert O. Harjula, 29, of Thomaston, was hurt in the crash.",
            "Albert O. Harjula",
            "homeLocation",
            "Thomaston",
        ),
        ("Idaho Gov. Cecil Andrus signed the bill.", "Cecil Andrus", "homeLocation", "Idaho"),
        ("Mary Jones is a New Jersey native.", "Mary Jones", "homeLocation", "New Jersey"),
        ("Tom Smith, a Republican from Chicago, spoke first.", "Tom Smith", "homeLocation", "Chicago"),
        ("Atlanta businessman Neil Estes said so.", "Neil Estes", "homeLocation", "Atlanta"),
        ("U.S. District Judge John Smith ruled on Monday.", "John Smith", "homeLocation", "U.S."),
        ("Ann Lee, who lives in Denver, said no.", "Ann Lee", "homeLocation", "Denver"),
        ("Betsy Ross was born in Philadelphia.", "Betsy Ross", "birthPlace", "Philadelphia"),
        ("FBI agents arrived at Ann Sohn's New Jersey home.", "Ann Sohn", "homeLocation", "New Jersey"),
        ("Russia's foreign minister, Sergey Lavrov, spoke.", "Sergey Lavrov", "homeLocation", "Russia"),
        ("Bosnia's capital, Sarajevo, is old.", "Sarajevo", "locatedIn", "Bosnia"),
        (
            "Greg Thayer of the U.S. Forest Service said the fire spread.",
            "Greg Thayer",
            "worksFor",
            "U.S. Forest Service",
        ),
        ("Navy Capt. Michael Coats spoke.", "Michael Coats", "worksFor", "Navy"),
        ("James Hackett, an executive with Titan Systems, said so.", "James Hackett", "worksFor", "Titan Systems"),
        ("Tom Harrington taught at Harvard University.", "Tom Harrington", "worksFor", "Harvard University"),
        ("Pacific Marine Inc. of Houston filed suit.", "Pacific Marine Inc.", "basedIn", "Houston"),
        ("At a briefing at NRC headquarters in Rockville, Bernero spoke.", "NRC", "basedIn", "Rockville"),
        (
            "Sun Hung Kai Properties, a Hong Kong construction firm, bought it.",
            "Sun Hung Kai Properties",
            "basedIn",
            "Hong Kong",
        ),
    ],
)
def test_a_name_says_where_its_holder_lives_works_or_is_based(read, text, subject, predicate, obj):
    (found,) = read(text).fact(subject, predicate, obj)
    assert found[3:5] == ("positive", "asserted")


def test_a_place_named_with_its_state_gives_both_and_lies_in_it(read):
    p = read("Andrew Hall of Miami, Fla., confirmed the deal.")
    assert p.fact("Andrew Hall", "homeLocation", "Miami") and p.fact("Andrew Hall", "homeLocation", "Fla.")
    assert p.fact("Miami", "locatedIn", "Fla.")


def test_a_birthplace_in_a_participle_and_its_state(read):
    p = read("Gordon Parks, born in Fort Scott, Kan., died on Monday.")
    assert p.fact("Gordon Parks", "birthPlace", "Fort Scott") and p.fact("Gordon Parks", "birthPlace", "Kan.")
    assert not p.fact("Gordon Parks", "homeLocation")


def test_a_denied_home_keeps_its_reading(read):
    (found,) = read("Joe Smith is not a native of Ohio.").fact("Joe Smith", "homeLocation", "Ohio")
    assert found[3] == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Joe Smith, a critic of Russia, spoke on Monday.",  # 'of' after a description: no home
        "Joe Smith met officials in Ohio.",  # where something happens is no home
        "Joe Smith flew from Boston to Denver.",
        "Kremlin spokesman Dmitry Peskov said no.",  # a building in a title is no home
        "Joe Smith sold the home in Ohio.",  # a home with no owner named
    ],
)
def test_no_home_where_the_text_states_none(read, text):
    p = read(text)
    assert not [r for r in p.relations if r[1] in {"homeLocation", "birthPlace"}]


@pytest.mark.parametrize(
    "text",
    [
        "Joe Smith, a partner with NATO, spoke.",  # a counterpart is no employee
        "Joe Smith, a critic of NATO, spoke.",
        "Joe Smith spoke with NATO officials.",
    ],
)
def test_no_employer_where_the_text_states_none(read, text):
    assert not read(text).fact("Joe Smith", "worksFor")


def test_a_person_in_a_title_gives_no_employer(read):
    p = read("Putin adviser Yuri Ushakov spoke.")
    assert not p.fact("Yuri Ushakov", "worksFor")
