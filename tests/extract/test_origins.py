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


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        ("Ann Walsh at the Institute of Physics has made progress.", "Ann Walsh", "worksFor", "Institute of Physics"),
        ("Joe Smith, who served 20 years in Congress, denied it.", "Joe Smith", "worksFor", "Congress"),
        (
            "Paul Dunn taught at Yale University and the Naval War College.",
            "Paul Dunn",
            "worksFor",
            "Naval War College",
        ),
        (
            "Tom Brady, a director of the Global Peace Fund and a member of the Green Alliance, said so.",
            "Tom Brady",
            "worksFor",
            "Green Alliance",
        ),
        (
            "The deputy director of the Trade Ministry, Juan Ortiz, arrived.",
            "Juan Ortiz",
            "worksFor",
            "Trade Ministry",
        ),
        ("Tom Keller, one of the top lawyers in Canada, said so.", "Tom Keller", "homeLocation", "Canada"),
        ("Aid went to Fiji, an island nation in the Pacific Ocean.", "Fiji", "locatedIn", "Pacific Ocean"),
        ("Croatia is the second largest of Yugoslavia's republics.", "Croatia", "locatedIn", "Yugoslavia"),
        ("Quito is the capital of Ecuador.", "Quito", "locatedIn", "Ecuador"),
        ("Aid reached Yerevan, the capital of Armenia, on Monday.", "Yerevan", "locatedIn", "Armenia"),
        ("In western Kentucky's Pike County, officials said so.", "Pike County", "locatedIn", "Kentucky"),
        (
            "Dave Ryan, a Democrat from Boston who served 12 years in Congress, retired.",
            "Dave Ryan",
            "worksFor",
            "Congress",
        ),
        ("Maria Gomez is the mayor of Quito.", "Maria Gomez", "homeLocation", "Quito"),
        ("Ann Reyes, an Exxon engineer, said so.", "Ann Reyes", "worksFor", "Exxon"),
        ("Joe Ray, of the EPA's division of air quality, said so.", "Joe Ray", "worksFor", "EPA"),
        ("Sam Adams returned to his native Denver last year.", "Sam Adams", "homeLocation", "Denver"),
    ],
)
def test_coordinated_partitive_and_relative_descriptions(read, text, subject, predicate, obj):
    (found,) = read(text).fact(subject, predicate, obj)
    assert found[3:5] == ("positive", "asserted")


def test_a_denied_capital_keeps_its_reading(read):
    (found,) = read("Lyon is not the capital of France.").fact("Lyon", "locatedIn", "France")
    assert found[3] == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Ann Walsh at the Ritz Hotel met friends.",  # a hotel is no employer
        "Officials met Joe Smith at the United Nations on Monday.",  # where a meeting is
        "Sam Reed, a critic of the World Bank, spoke.",
        "Ann Reyes, a city council member and NATO supporter, said so.",  # a supporter is no employee
        "Joe Ray of the NATO summit fame spoke.",
        "Joe Smith, who spoke at Yale University, left early.",  # a talk is no job
    ],
)
def test_no_employer_from_a_place_of_passage(read, text):
    p = read(text)
    assert not [r for r in p.relations if r[1] == "worksFor"]


def test_a_person_is_no_territory_and_a_country_lies_in_no_sea(read):
    assert not read("Jordan scored twice for the Bulls.").fact("Jordan", "locatedIn")
    assert not read("Ships sailed off Japan in the Sea of Japan.").fact("Japan", "locatedIn")


def test_a_persons_party_or_union_is_one_they_belong_to(read):
    assert read("Narendra Modi's Bharatiya Janata Party won the vote.").fact(
        "Narendra Modi", "memberOf", "Bharatiya Janata Party"
    )
    assert read("Jan Kowalski's Polish Workers Union called a strike.").fact(
        "Jan Kowalski", "memberOf", "Polish Workers Union"
    )
    assert not read("Jan Kowalski's Acme Corp. sold shares.").fact("Jan Kowalski", "memberOf")  # an owner


def test_a_place_where_someone_was_born(read):
    p = read("We drove through Tupelo, where Elvis Presley was born, on Sunday.")
    assert p.fact("Elvis Presley", "birthPlace", "Tupelo")
    assert not read("We drove through Tupelo, where Elvis Presley sang, on Sunday.").fact("Elvis Presley", "birthPlace")
