"""The registry: known entities, their type and label by vote, and the indexes names are matched by."""

from __future__ import annotations

from collections import Counter

from kg.lexicon.gazetteer import lookup_place
from kg.resolve.registry import Entity, Registry, is_person, person_names


def known(slug: str, forms: dict[str, int], ner: dict[str, int], **more) -> Entity:
    return Entity(slug, Counter(forms), Counter(ner), **more)


def test_names_are_indexed_by_key_surname_and_initials():
    registry = Registry()
    registry.add_entity(known("tove-lind", {"Tove Lind": 2}, {"PERSON": 2}))
    registry.add_entity(known("nordic-council", {"the Nordic Council": 1}, {"ORG": 1}))
    assert registry.by_key["tove lind"] == {"tove-lind"}
    assert registry.by_key["nordic council"] == {"nordic-council"}  # 'the' is no part of the key
    assert registry.by_surname["lind"] == {"tove-lind"}
    assert registry.by_initials["nc"] == {"nordic-council"}
    assert [e.slug for e in registry.people_named("Lind")] == ["tove-lind"]
    assert registry.people_named("Council") == []  # the last word of an organization is no surname


def test_a_known_place_is_indexed_under_its_gazetteer_name():
    registry = Registry()
    registry.add_entity(known("kyiv", {"Kiev": 1}, {"GPE": 1}, place=lookup_place("Kiev")))
    assert registry.by_key["place:kyiv"] == registry.by_key["kyiv"] == registry.by_key["kiev"] == {"kyiv"}


def test_the_type_is_a_vote_and_a_given_name_makes_a_person():
    assert known("x", {"Orlen": 3}, {"ORG": 2, "PERSON": 1}).kind == "Organization"
    assert known("x", {"Marta Nowak": 1}, {"ORG": 1}).kind == "Person"
    assert known("x", {"Riksdag": 1}, {"PERSON": 1, "ORG": 1}).kind == "Person"  # a tie goes to the person
    assert known("x", {}, {}, demonyms=Counter({"Polish": 2})).kind == "Country"


def test_a_place_is_labelled_by_the_gazetteer_and_a_person_by_a_full_name():
    assert known("x", {"Kiev": 3}, {"GPE": 3}, place=lookup_place("Kiev")).label == "Kyiv"
    person = known("x", {"Nowak": 5, "Marta Nowak": 1}, {"PERSON": 6})
    assert (person.label, person.aliases(), person.surnames) == ("Marta Nowak", ["Nowak"], [])
    spelled = known("x", {"Marta Nowak": 2, "Marta Novak": 1}, {"PERSON": 3})
    assert spelled.surnames == ["Novak", "Nowak"]


def test_full_person_names_need_a_person_tag_or_a_given_name():
    assert person_names(Counter({"Marta Nowak": 1, "Nowak": 1}), Counter({"PERSON": 2})) == ["Marta Nowak"]
    assert person_names(Counter({"Baltic Sea": 1}), Counter({"LOC": 1})) == []
    assert is_person(Counter({"Nowak": 1}), Counter({"PERSON": 2, "ORG": 1}))
    assert not is_person(Counter({"Orlen": 1}), Counter({"ORG": 2, "PERSON": 1}))
