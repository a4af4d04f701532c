"""Resolution across documents: one node per entity whatever the spelling; different things kept apart."""

from __future__ import annotations

from collections import Counter

from kg.extract.entities import LocalEntity
from kg.resolve.resolver import Resolver


def entity(local_id: int, forms: dict[str, int], labels: dict[str, int]) -> LocalEntity:
    return LocalEntity(local_id, Counter(forms), Counter(labels))


def resolve(*docs: list[LocalEntity]):
    resolver = Resolver()
    mapping, _ = resolver.resolve(list(docs))
    return mapping, resolver.registry.entities


def test_transliterations_of_a_person_meet():
    mapping, entities = resolve(
        [entity(0, {"Volodymyr Zelenskyy": 2}, {"PERSON": 2})],
        [entity(0, {"Volodymyr Zelenskiy": 1}, {"PERSON": 1})],
        [entity(0, {"Volodmir Zelensky": 1}, {"PERSON": 1})],
        [entity(0, {"Sergey Lavrov": 1}, {"PERSON": 1})],
        [entity(0, {"Sergei Lavrov": 1}, {"PERSON": 1})],
    )
    assert mapping[(0, 0)] == mapping[(1, 0)] == mapping[(2, 0)]
    assert mapping[(3, 0)] == mapping[(4, 0)] != mapping[(0, 0)]
    zelensky = entities[mapping[(0, 0)]]
    assert zelensky.label == "Volodymyr Zelenskyy"
    assert zelensky.aliases() == ["Volodmir Zelensky", "Volodymyr Zelenskiy"]


def test_a_surname_joins_the_full_name_from_another_document():
    mapping, entities = resolve(
        [entity(0, {"Merkel": 3}, {"PERSON": 3})], [entity(0, {"Angela Merkel": 1}, {"PERSON": 1})]
    )
    assert mapping[(0, 0)] == mapping[(1, 0)]
    assert entities[mapping[(0, 0)]].label == "Angela Merkel"


def test_people_who_share_a_surname_stay_apart():
    mapping, _ = resolve([entity(0, {"George Bush": 1}, {"PERSON": 1})], [entity(0, {"Laura Bush": 1}, {"PERSON": 1})])
    assert mapping[(0, 0)] != mapping[(1, 0)]


def test_place_spellings_and_abbreviations_meet_through_the_gazetteer():
    mapping, entities = resolve(
        [entity(0, {"Kiev": 1}, {"GPE": 1}), entity(1, {"U.S.": 2}, {"GPE": 2})],
        [entity(0, {"Kyiv": 2}, {"PERSON": 2}), entity(1, {"the United States": 1}, {"GPE": 1})],
        [entity(0, {"US": 1}, {"GPE": 1}), entity(1, {"America": 1}, {"GPE": 1})],
    )
    assert mapping[(0, 0)] == mapping[(1, 0)]
    kyiv = entities[mapping[(0, 0)]]
    assert (kyiv.label, kyiv.kind, kyiv.place.country) == ("Kyiv", "City", "Ukraine")
    assert mapping[(0, 1)] == mapping[(1, 1)] == mapping[(2, 0)] == mapping[(2, 1)]
    assert entities[mapping[(0, 1)]].label == "United States"


def test_a_state_abbreviated_in_ap_style_is_the_state_not_a_country_code():
    mapping, entities = resolve(
        [entity(0, {"S.D.": 1}, {"GPE": 1}), entity(1, {"La.": 1}, {"GPE": 1})],
        [entity(0, {"South Dakota": 1}, {"GPE": 1}), entity(1, {"Sudan": 1}, {"GPE": 1})],
    )
    assert mapping[(0, 0)] == mapping[(1, 0)] != mapping[(1, 1)]
    assert (entities[mapping[(0, 0)]].label, entities[mapping[(0, 0)]].kind) == ("South Dakota", "Place")
    assert entities[mapping[(0, 1)]].label == "Louisiana"  # not Laos, whose code is LA


def test_a_demonym_links_to_its_country_without_naming_it():
    mapping, entities = resolve([entity(0, {"Russia": 2}, {"GPE": 2}), entity(1, {"Russian": 3}, {"NORP": 3})])
    assert mapping[(0, 0)] == mapping[(0, 1)]
    russia = entities[mapping[(0, 0)]]
    assert russia.aliases() == [] and dict(russia.demonyms) == {"Russian": 3}


def test_an_acronym_joins_its_long_form():
    mapping, _ = resolve(
        [entity(0, {"Organization for Security and Cooperation in Europe": 1}, {"ORG": 1})],
        [entity(0, {"OSCE": 2}, {"ORG": 2})],
    )
    assert mapping[(0, 0)] == mapping[(1, 0)]


def test_type_is_a_vote_over_all_mentions():
    mapping, entities = resolve([entity(0, {"Zelenskyy": 8}, {"PERSON": 8})], [entity(0, {"Zelenskyy": 1}, {"GPE": 1})])
    assert entities[mapping[(0, 0)]].kind == "Person"


def test_a_given_name_makes_a_person_whatever_the_model_said():
    mapping, entities = resolve([entity(0, {"Michael Chertoff": 5}, {"ORG": 5})])
    assert entities[mapping[(0, 0)]].kind == "Person"


def test_an_organization_named_like_a_place_is_not_a_place():
    mapping, entities = resolve([entity(0, {"White House": 3}, {"ORG": 3})])
    assert entities[mapping[(0, 0)]].kind == "Organization"


def test_iris_are_stable_slugs_of_the_first_label():
    first, _ = resolve([entity(0, {"Antony Blinken": 1}, {"PERSON": 1})])
    again, _ = resolve([entity(0, {"Antony Blinken": 1}, {"PERSON": 1})])
    assert first[(0, 0)] == again[(0, 0)] == "antony-blinken"


def test_acronym_evidence_never_chains_across_documents():
    resolver = Resolver()
    first, _ = resolver.resolve([[entity(0, {"Supreme Court": 2}, {"ORG": 2})], [entity(0, {"SC": 1}, {"ORG": 1})]])
    later, _ = resolver.resolve([[entity(0, {"Skidmore College": 1}, {"ORG": 1})]])
    assert first[(0, 0)] == first[(1, 0)] != later[(0, 0)]


def test_an_acronym_never_joins_a_person():
    mapping, _ = resolve(
        [entity(0, {"Dominic Cummings": 2, "Cummings": 3}, {"PERSON": 5})],
        [entity(0, {"D.C.": 1}, {"GPE": 1})],
    )
    assert mapping[(0, 0)] != mapping[(1, 0)]


def test_an_acronym_two_organizations_share_joins_neither():
    mapping, _ = resolve(
        [entity(0, {"National Council": 1}, {"ORG": 1})],
        [entity(0, {"Nordic Council": 1}, {"ORG": 1})],
        [entity(0, {"NC": 1}, {"ORG": 1})],
    )
    assert mapping[(2, 0)] not in {mapping[(0, 0)], mapping[(1, 0)]}


def test_a_body_of_people_the_model_took_for_a_place_is_an_organization():
    mapping, entities = resolve(
        [entity(0, {"Great Northern Fleet": 2}, {"LOC": 2})], [entity(0, {"Lake District": 1}, {"LOC": 1})]
    )
    assert entities[mapping[(0, 0)]].kind == "Organization" and entities[mapping[(1, 0)]].kind == "Place"


def test_a_person_named_by_surname_is_a_person_though_the_model_said_organization():
    mapping, entities = resolve(
        [entity(0, {"Tomas O'Keeffe": 1, "O'Keeffe": 4}, {"ORG": 3, "PERSON": 2})],
        [entity(0, {"Tullow Oil": 1, "Tullow": 3}, {"ORG": 3, "PERSON": 1})],
    )
    assert entities[mapping[(0, 0)]].kind == "Person" and entities[mapping[(0, 0)]].label == "Tomas O'Keeffe"
    assert entities[mapping[(1, 0)]].kind == "Organization"


def test_a_party_named_by_its_members_is_an_organization_but_a_people_is_a_group():
    mapping, entities = resolve(
        [entity(0, {"Democrats": 3}, {"NORP": 3}), entity(1, {"Tory": 1}, {"NORP": 1})],
        [entity(0, {"Catholics": 2}, {"NORP": 2})],
    )
    assert entities[mapping[(0, 0)]].kind == entities[mapping[(0, 1)]].kind == "Organization"
    assert entities[mapping[(1, 0)]].kind == "Group"
