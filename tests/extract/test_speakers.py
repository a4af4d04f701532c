"""Who speaks: a named person behind a role ("Putin adviser", "Iraq's national security adviser"), or a source
the article does not name ("a senior U.S. official", "officials", "sources close to ...") (real model)."""

from __future__ import annotations

import pytest

from kg.extract.arguments import ArgumentReader
from kg.extract.speakers import unnamed_source
from kg.extract.state import DocumentState
from kg.extract.statements import read_statements

from .conftest import names, word


def _speakers(parsed) -> dict[str, str]:
    """Content -> speaker, for the statements of an article."""
    return {content: speaker for speaker, _verb, content in parsed.statements}


def test_a_name_before_a_role_noun_is_whom_the_speaker_serves(read):
    p = read(
        "Nowak adviser says minister is target of inquiry\n\n"
        "President Ewa Nowak spoke on Monday. Jan Kos, an adviser to Nowak, told reporters that the inquiry "
        "had begun."
    )
    said = _speakers(p)
    assert said["minister is target of inquiry"] == "Jan Kos"
    assert "Ewa Nowak" not in said.values()


def test_a_name_before_a_role_noun_with_no_holder_named_is_an_unnamed_source(read):
    p = read("Nowak adviser says minister is target of inquiry\n\nPresident Ewa Nowak spoke on Monday.")
    assert _speakers(p)["minister is target of inquiry"] == "unnamed adviser (Ewa Nowak)"


def test_a_title_before_its_holder_is_still_the_holder(read):
    p = read("Kremlin spokesman Dmitry Peskov said the talks had failed.")
    assert _speakers(p)["the talks had failed"] == "Dmitry Peskov"


def test_a_possessive_role_is_the_person_named_with_that_role(read):
    p = read(
        "Iraq's national security adviser told NBC News that the talks had failed. "
        "Mowaffak al-Rubaie, Iraq's national security adviser, flew to Tehran on Sunday."
    )
    assert _speakers(p)["the talks had failed"] == "Mowaffak al-Rubaie"


def test_a_possessive_role_matches_a_title_given_with_the_demonym(read):
    p = read(
        "Russian Foreign Minister Sergey Lavrov arrived in Oslo on Monday. "
        "Russia's foreign minister said the sanctions had failed."
    )
    assert _speakers(p)["the sanctions had failed"] == "Sergey Lavrov"


def test_a_possessive_role_nobody_holds_here_is_an_unnamed_source_not_the_country(read):
    p = read("Chile's foreign minister said the border would reopen on Monday.")
    assert _speakers(p)["the border would reopen on Monday"] == "unnamed foreign minister (Chile)"


def test_a_possessive_role_held_in_another_country_is_not_its_holder(read):
    p = read("Sergey Lavrov is Russia's Foreign Minister. Peru's foreign minister said the embassy would close.")
    assert _speakers(p)["the embassy would close"] == "unnamed foreign minister (Peru)"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A senior U.S. official said the plan was ready.", "unnamed official (U.S.)"),
        ("Officials said the bridge would reopen.", "unnamed official"),
        ("Sources close to the investigation said the mayor was a suspect.", "unnamed source"),
        ("Sources close to Microsoft said the deal was off.", "unnamed source (Microsoft)"),
        ("Two Turkish diplomats said the deal was off.", "unnamed diplomat (Turkish)"),
        ("People familiar with the matter said the merger was off.", "unnamed person"),
    ],
)
def test_unnamed_sources(read, sentence, speaker):
    p = read(sentence)
    assert [s[0] for s in p.statements] == [speaker]


def test_an_anonymous_adviser_serves_the_person_the_article_names_with_that_role(read):
    p = read(
        "Prime Minister Ewa Nowak opened the summit. An adviser to the prime minister, speaking on condition "
        "of anonymity, said the deal was off."
    )
    assert _speakers(p)["the deal was off"] == "unnamed adviser (Ewa Nowak)"


def test_according_to_an_unnamed_source(read):
    p = read("According to a senior Kenyan official, the vote will be delayed.")
    assert [s[0] for s in p.statements] == ["unnamed official (Kenyan)"]


def test_named_speakers_and_organizations_are_not_unnamed_sources(read):
    p = read("The ministry said the numbers were wrong. Anna Berg said the report was late.")
    assert _speakers(p) == {"the report was late": "Anna Berg"}


def test_a_role_noun_that_is_not_a_person_is_no_source(state_after):
    state = state_after("The report said the economy grew.", read_statements)
    assert unnamed_source(word(state, "report"), _reader(state)) is None
    assert state.relations == []


def test_the_role_keeps_its_words_but_not_their_grades(state_after):
    state = state_after("A senior Iraqi national security adviser said the talks failed.", read_statements)
    source = unnamed_source(word(state, "adviser"), _reader(state))
    assert source is not None and source.source == "national security adviser"
    assert source.affiliation is not None and names(state)[source.affiliation] == "Iraqi"


def _reader(state: DocumentState) -> ArgumentReader:
    return ArgumentReader(state.refs)


def test_the_official_is_the_unnamed_official_just_mentioned(read):
    p = read("A senior Kenyan official said the port would close. The official said the ships had left.")
    assert _speakers(p)["the ships had left"] == "unnamed official (Kenyan)"


def test_the_official_is_not_an_earlier_source_of_another_kind(read):
    p = read("A Kenyan diplomat said the port would close. The official said the ships had left.")
    assert "the ships had left" not in _speakers(p)  # someone kg cannot tell, not a new anonymous source


def test_the_official_without_an_affiliation_continues_the_one_before(read):
    p = read("An official said the port would close. The official said the ships had left.")
    assert _speakers(p) == {"the port would close": "unnamed official", "the ships had left": "unnamed official"}


def test_the_former_premier_is_no_anonymous_source(read):
    p = read("Tony Blair spoke on Monday. The former premier said the euro would survive.")
    assert not [s for s in p.statements if s[0].startswith("unnamed")]


def test_a_bare_title_is_the_one_person_who_holds_it(read):
    p = read(
        "Homeland security secretary says fence is late\n\n"
        "Homeland Security Secretary Michael Chertoff spoke in Boston on Monday."
    )
    assert _speakers(p)["fence is late"] == "Michael Chertoff"


def test_an_indefinite_source_is_not_the_person_named_with_that_title(read):
    p = read("Ann Lee is a Kenyan official. A Kenyan official said the port would close.")
    assert _speakers(p)["the port would close"] == "unnamed official (Kenyan)"


def test_a_name_the_parser_takes_for_an_adjective_is_still_whom_the_role_serves(read):
    p = read(
        "Boric adviser says talks failed\n\nPresident Gabriel Boric met union leaders on Monday. Carlos Ominami, "
        "an adviser to Boric, told reporters that the talks had failed."
    )
    assert _speakers(p)["talks failed"] == "Carlos Ominami"


def test_a_bare_title_matches_a_title_written_with_whom_it_serves(read):
    p = read(
        "Fisheries minister says quotas will fall\n\nNadia Costa, the Minister of Fisheries, spoke in Lisbon on Monday."
    )
    assert _speakers(p)["quotas will fall"] == "Nadia Costa"
