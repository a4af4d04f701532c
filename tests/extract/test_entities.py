"""Within one document, which names name the same thing (real model)."""

from __future__ import annotations

from collections import Counter

from kg.extract.entities import LocalEntity, link_entities

from .conftest import names


def test_surname_and_full_name_are_one_entity_in_a_document(read):
    p = read("Gerald R. Ford was buried on Wednesday. Gerald Ford served in the Navy. Ford was 93.")
    assert [name for name in p.entities if "Ford" in name] == ["Gerald R. Ford"]


def test_a_surname_seen_before_the_full_name_still_finds_it(state_after):
    state = state_after("Solberg spoke first. Later, Erna Solberg said the talks went well.", link_entities)
    assert names(state) == ["Erna Solberg"]
    assert state.entity_of == [0, 0] and dict(state.entities[0].forms) == {"Solberg": 1, "Erna Solberg": 1}


def test_two_people_who_share_a_surname_stay_apart(read):
    p = read("George Bush visited Texas. Laura Bush visited Ohio.")
    assert {"George Bush", "Laura Bush"} <= set(p.entities)


def test_an_acronym_is_the_name_it_abbreviates(state_after):
    state = state_after(
        "The Organization for Security and Cooperation in Europe sent observers. The OSCE said the vote was fair.",
        link_entities,
    )
    assert names(state) == ["Organization for Security and Cooperation in Europe"]


def test_a_state_after_a_town_is_no_acronym_of_another_place(read):
    p = read("Officials in San Diego and in Sioux Falls, S.D., signed a water deal.")
    assert "S.D." in p.entities and "San Diego" in p.entities


def test_a_place_is_not_the_place_its_name_ends_with(read):
    p = read("Police in North Las Vegas arrested him. He had flown to Las Vegas from Frankfurt.")
    assert {"North Las Vegas", "Las Vegas"} <= set(p.entities)


def test_an_office_and_its_short_name_are_one_entity(read):
    p = read("The US State Department issued a warning. The State Department said on Monday it was watching.")
    assert [name for name in p.entities if "State Department" in name] == ["US State Department"]


def test_a_company_and_its_short_name_are_one_entity(read):
    p = read("Nordvik Oil said it would drill in Norway. Nordvik expects to find gas.")
    assert [name for name in p.entities if "Nordvik" in name] == ["Nordvik Oil"]


def test_the_names_words_refer_to_their_entity(state_after):
    state = state_after("Erna Solberg met Joe Biden.", link_entities)
    by_word = {w.text: state.refs.entity(w) for w in state.parse.words}
    assert by_word == {"Erna": 0, "Solberg": 0, "met": None, "Joe": 1, "Biden": 1, ".": None}
    assert set(state.refs.how.values()) == {"name"}


def test_a_local_entity_is_named_by_its_fullest_form_and_typed_by_vote():
    entity = LocalEntity(0, Counter({"Solberg": 3, "Erna Solberg": 1}), Counter({"PERSON": 3, "ORG": 1}))
    assert (entity.name, entity.label, entity.person_like) == ("Erna Solberg", "PERSON", True)
    assert not LocalEntity(1, Counter({"Equinor": 1}), Counter({"ORG": 1})).person_like


def test_a_one_word_name_joins_only_the_person_it_names(state_after):
    state = state_after(
        "Saddam Hussein was hanged at dawn. The adviser Mowaffak al-Rubaie attended. Al-Rubaie said Saddam was calm.",
        link_entities,
    )
    saddam = next(e for e in state.entities if e.name == "Saddam Hussein")
    assert "Saddam" in saddam.forms and not any("Rubaie" in form for form in saddam.forms)


def test_an_acronym_of_a_hyphenated_name(state_after):
    state = state_after(
        "The Council on American-Islamic Relations filed a complaint. A lawyer for CAIR said the ban was unlawful.",
        link_entities,
    )
    assert names(state) == ["Council on American-Islamic Relations"]


def test_a_paper_and_a_party_under_their_short_names(state_after):
    state = state_after(
        "The New York Times reported that the Labour Party had lost the seat. "
        "Labour denied it, but the Times stood by its story.",
        link_entities,
    )
    assert {"New York Times", "Labour Party"} <= set(names(state))
    assert not {"Times", "Labour"} & set(names(state))
