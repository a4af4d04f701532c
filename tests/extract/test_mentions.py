"""Entity names in the parse, with the model's slips repaired (real model)."""

from __future__ import annotations

from kg.extract.mentions import Mention, find_mentions


def mentions(state_after, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in state_after(text, find_mentions).mentions]


def test_a_mention_is_a_span_of_the_text_with_its_sentence_and_words(state_after):
    text = "Norway signed. The Nordic Council welcomed the deal."
    state = state_after(text, find_mentions)
    council = state.mentions[-1]
    assert council == Mention("Nordic Council", "ORG", 19, 33, 1, 4, 6)  # 'The' is no part of the name
    assert text[council.start : council.end] == council.text


def test_a_title_is_not_part_of_the_name(read):
    p = read("Secretary of State Hillary Clinton met Foreign Minister Sergei Lavrov.")
    assert {"Hillary Clinton", "Sergei Lavrov"} <= set(p.entities)
    assert "State" not in p.entities


def test_an_institution_cut_before_its_place_is_joined(state_after):
    text = "The Organization for Security and Cooperation in Europe sent observers."
    assert mentions(state_after, text) == [("Organization for Security and Cooperation in Europe", "ORG")]


def test_a_kind_of_organization_before_a_name_makes_it_an_organization(state_after):
    assert ("Tullow", "ORG") in mentions(state_after, "London oil company Tullow said output rose.")


def test_a_headline_name_must_also_be_in_the_body(state_after):
    found = mentions(state_after, "Fishing Talks Open In Oslo Under Pressure\n\nThe talks opened in Oslo on Monday.")
    assert found == [("Oslo", "GPE"), ("Oslo", "GPE")]


def test_a_storm_is_named_by_its_given_name_throughout(read):
    p = read("Tropical storm Marta struck Belize on Monday. Marta killed three people before it weakened.")
    assert p.entities.get("Marta") == "EVENT"
    q = read("Hurricane Delia hit the coast on Monday. Delia then moved north.")
    assert q.entities.get("Delia") == "EVENT" and "Hurricane Delia" not in q.entities
    r = read("The Hurricane Center in Miami said Britain had sent Storm Shadow missiles.")
    assert "Center" not in r.entities and "Shadow" not in r.entities  # no given names: no storms


def test_dates_and_numbers_are_no_mentions(state_after):
    assert mentions(state_after, "On Monday, 3,000 people marched in Lima.") == [("Lima", "GPE")]


def test_a_class_noun_finds_and_types_the_name_it_introduces(state_after):
    assert ("Gazprom", "ORG") in mentions(state_after, "Shares of Russian energy company Gazprom fell on Monday.")
    assert mentions(state_after, "Shells landed near the town of Yeoncheon on Thursday.") == [("Yeoncheon", "GPE")]
    assert ("Bataclan", "FAC") in mentions(state_after, "Gunmen attacked the Bataclan theater in Paris.")


def test_a_class_noun_far_from_a_name_types_nothing(state_after):
    found = mentions(state_after, "The company said Maria Lopez would lead the town council from Madrid.")
    assert ("Maria Lopez", "PERSON") in found and ("Madrid", "GPE") in found


def test_a_title_only_people_hold_makes_a_person_but_not_every_title(state_after):
    assert ("Nakamura", "PERSON") in mentions(state_after, "Mayor Nakamura opened the bridge on Friday.")
    assert ("General Motors", "ORG") in mentions(state_after, "General Motors cut 300 jobs in Ohio.")


def test_two_places_joined_by_a_hyphen_are_two_places(state_after):
    found = mentions(state_after, "Traffic on the Delhi-Agra border was slow on Monday.")
    assert ("Delhi", "GPE") in found and ("Agra", "GPE") in found


def test_a_list_read_as_one_organization_is_split_but_a_long_name_is_not(state_after):
    found = mentions(state_after, "The film streams on Hulu, Apple TV and Amazon Prime Video.")
    assert ("Hulu", "ORG") in found and ("Apple TV", "ORG") in found
    text = "The Ministry of Housing, Communities and Local Government said no."
    assert mentions(state_after, text) == [("Ministry of Housing, Communities and Local Government", "ORG")]


def test_a_units_number_belongs_to_its_name(state_after):
    found = mentions(state_after, "Soldiers of the 12th Mechanised Brigade left Basra on Monday.")
    assert ("12th Mechanised Brigade", "ORG") in found


def test_a_lone_initial_opens_a_persons_name(state_after):
    found = mentions(state_after, "The critic also sat down with T Bone Miller, another stay-busy producer.")
    assert ("T Bone Miller", "PERSON") in found


def test_a_company_written_as_a_code_is_found_when_named_twice(state_after):
    text = "Ministers gave X5Q the contract. X5Q also runs two prisons. The Q7Z report was late."
    found = mentions(state_after, text)
    assert found.count(("X5Q", "ORG")) == 2 and not any(name == "Q7Z" for name, _ in found)


def test_a_state_abbreviation_keeps_its_full_stop_at_the_end_of_a_sentence(state_after):
    found = mentions(state_after, "The prize went to Sheridan County, Wyo.")
    assert ("Wyo.", "GPE") in found
    assert ("Ohio", "GPE") in mentions(state_after, "The prize went to Ohio.")


def test_a_name_in_a_sentence_case_headline_is_a_name(state_after):
    found = mentions(state_after, "Gunman kills three in Lyon\n\nPolice said the attack began at noon.")
    assert any(name == "Lyon" for name, _ in found)
    found = mentions(state_after, "Storm To Keep Ferries From Sailing\n\nThe ferries stayed in port on Monday.")
    assert not any(name in {"Keep Ferries", "Ferries", "Sailing"} for name, _ in found)
