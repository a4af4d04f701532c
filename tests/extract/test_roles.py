"""Roles and titles of people, and what they tell the references (real model)."""

from __future__ import annotations

import pytest

from kg.extract.roles import read_roles

from .conftest import names


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Boris Johnson, Britain's prime minister, said on Monday that the talks had failed.",
            ("Boris Johnson", "prime minister", "Britain"),
        ),
        (
            "Maria Lopez, director of the Madrid Institute for Peace Studies, warned that the truce would fail.",
            ("Maria Lopez", "director", "Madrid Institute for Peace Studies"),
        ),
        ("Health Minister Jeremy Hunt visited Leeds.", ("Jeremy Hunt", "Health Minister", None)),
        (
            "Kenya's foreign minister Raychelle Omamo told reporters that Nairobi would host the summit.",
            ("Raychelle Omamo", "foreign minister", "Kenya"),
        ),
        ("Helmut Kohl served as chancellor of Germany for sixteen years.", ("Helmut Kohl", "chancellor", "Germany")),
        (
            "The company's chief executive, Satya Nadella, said the deal was good.",
            ("Satya Nadella", "chief executive", None),
        ),
        ("Chinese President Xi Jinping arrived in Moscow on Monday.", ("Xi Jinping", "President", "Chinese")),
        (
            "The deputy director of the Trade Ministry, Juan Ortiz, arrived.",
            ("Juan Ortiz", "deputy director", "Trade Ministry"),
        ),
        (
            "Secretary of State Hillary Clinton met Foreign Minister Sergei Lavrov.",
            ("Hillary Clinton", "Secretary of State", None),
        ),
    ],
)
def test_titles_appositions_possessives_and_predicates_give_roles(read, text, role):
    assert role in read(text).roles


def test_a_role_is_stated_once_per_sentence(state_after):
    state = state_after("Ida Berg, the mayor, said the mayor of Tromso would stay. Ida Berg is the mayor.", read_roles)
    people = names(state)
    assert [(people[r.person], r.title, r.sent) for r in state.roles] == [
        ("Ida Berg", "mayor", 0),
        ("Ida Berg", "mayor", 1),
    ]


def test_roles_tell_the_references_whom_a_description_may_mean(state_after):
    state = state_after(
        "Kenya's foreign minister Raychelle Omamo arrived. Britain's envoy Tom Hart met her.", read_roles
    )
    people = names(state)
    omamo, hart, kenya = (people.index(n) for n in ("Raychelle Omamo", "Tom Hart", "Kenya"))
    assert state.refs.roles[omamo] == {"minister"} and state.refs.roles[hart] == {"envoy"}
    assert state.refs.nationality[omamo] == kenya and state.refs.role_orgs[omamo] == {kenya}


def test_a_name_without_a_title_has_no_role(read):
    assert read("Raychelle Omamo told reporters that Nairobi would host the summit.").roles == []
