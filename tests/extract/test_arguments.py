"""What a subject or object phrase stands for: entities through coordination, titles and group nouns, or a
concept (real model)."""

from __future__ import annotations

import pytest

from kg.extract.arguments import Arg, ArgumentReader, concept_label
from kg.extract.references import resolve_references

from .conftest import names, word


@pytest.fixture(scope="module")
def args(state_after):
    """What the phrase headed by the word `head` stands for: entity names, or [concept] labels, with how."""

    def run(text: str, head: str, allow_concept: bool = True) -> list[tuple[str, str]]:
        state = state_after(text, resolve_references)
        found = ArgumentReader(state.refs).args(word(state, head), allow_concept=allow_concept)
        return [(names(state)[a.entity] if a.entity is not None else f"[{a.concept}]", a.via) for a in found]

    return run


def test_coordinated_names_are_each_an_argument(args):
    assert args("Sweden, Finland and Denmark signed the treaty.", "Sweden") == [
        ("Sweden", "name"),
        ("Finland", "name"),
        ("Denmark", "name"),
    ]


def test_the_leaders_of_countries_stand_for_the_countries(args):
    found = args("Norwegian officials met the leaders of Sweden and Finland in Bergen.", "leaders")
    assert found == [("Sweden", "member"), ("Finland", "member")]


def test_officials_stand_for_whom_they_speak_for(args):
    assert args("Norwegian officials met the leaders of Sweden in Bergen.", "officials") == [("Norwegian", "member")]


def test_a_title_and_its_holder_are_one_argument(args, read):
    found = args("The Bishop of Dover, Rose Hudson-Wilkin, criticized the plan.", "Bishop", allow_concept=False)
    assert found == [("Rose Hudson-Wilkin", "name")]
    p = read(
        "The Bishop of Dover, Rt Rev Rose Hudson-Wilkin, the Church of England's first black female bishop, "
        'accused politicians of "playing to the gallery."'
    )
    assert p.fact("Rose Hudson-Wilkin", "accuses") and not p.fact("Dover", "accuses")
    both = read("The Governor of Texas and Senator Ted Cruz criticized the plan.")
    assert both.fact("Ted Cruz", "criticizes") and both.fact("Texas", "criticizes")


def test_the_two_leaders_are_the_last_two_people_named(read):
    p = read("Emmanuel Macron and Olaf Scholz met in Paris. The two leaders spoke for three hours.")
    assert p.fact("Emmanuel Macron", "speaksWith", "Olaf Scholz")


def test_a_phrase_that_names_no_entity_is_a_concept_unless_none_is_allowed(args):
    text = "Chile wants legal guarantees on NATO expansion."
    assert args(text, "guarantees") == [("[legal guarantees on NATO expansion]", "concept")]
    assert args(text, "guarantees", allow_concept=False) == []


@pytest.mark.parametrize(
    ("text", "head", "label"),
    [
        ("Chile sent 3,000 troops.", "troops", "3,000 troops"),
        ("Chile wants the expansion of its fishing zone.", "expansion", "expansion of fishing zone"),
        ("Chile wants Peru's membership.", "membership", "Peru's membership"),
        ("Chile wants something.", "something", None),  # a pronoun is no concept
        ("Chile wants it.", "it", None),
    ],
)
def test_concept_labels(state_after, text, head, label):
    assert concept_label(word(state_after(text, resolve_references), head)) == label


def test_an_arg_is_keyed_by_what_it_stands_for():
    assert Arg(entity=1, via="pronoun").key == Arg(entity=1).key != Arg(concept="troops").key
