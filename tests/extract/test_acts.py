"""Directed acts told by nouns and verdicts: 'the murder of X by Y', "X's assassin Y", 'convicted of killing X'."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The murder of Mary Jones by Tom Smith shocked the town.",
        "Mary Jones's assassin Tom Smith was an actor.",
        "Tom Smith was convicted of Mary Jones's murder.",
        "Tom Smith, convicted of murdering Mary Jones, appealed.",
        "Tom Smith was convicted of killing Mary Jones.",
    ],
)
def test_who_killed_whom_from_nouns_and_verdicts(read, text):
    (found,) = read(text).fact("Tom Smith", "kills", "Mary Jones")
    assert found[3:5] == ("positive", "asserted")


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Tom Smith was not convicted of killing Mary Jones.", ("negative", "asserted")),
        ("Tom Smith was not convicted of Mary Jones's murder.", ("negative", "asserted")),
        ("Tom Smith was accused of killing Mary Jones.", ("positive", "possible")),
        ("Tom Smith was charged with killing Mary Jones.", ("positive", "possible")),
    ],
)
def test_an_acquittal_or_an_accusation_is_no_fact(read, text, reading):
    assert [f[3:5] for f in read(text).fact("Tom Smith", "kills", "Mary Jones")] == [reading]


def test_an_act_noun_without_its_doer_names_no_killer(read):
    p = read("The murder of Mary Jones shocked Tom Smith.")
    assert not [r for r in p.relations if r[1] == "kills"]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("In 1801, Paul Petrov was murdered on the orders of General Carlos Ruiz.", "positive"),
        ("Paul Petrov was not killed on the orders of Carlos Ruiz.", "negative"),
    ],
)
def test_who_ordered_a_killing_had_it_done(read, text, polarity):
    (found,) = read(text).fact("Carlos Ruiz", "kills", "Paul Petrov")
    assert found[3] == polarity


def test_an_order_to_arrest_is_no_killing(read):
    assert not read("Paul Petrov was arrested on the orders of Carlos Ruiz.").fact("Carlos Ruiz", "kills")
