"""Is a clause reported as real? Polarity, modality and tense, read off the parse (real model)."""

from __future__ import annotations

import pytest

from kg.extract.modality import Reading, read_clause
from kg.extract.quotes import find_quotes

from .conftest import word


@pytest.fixture(scope="module")
def reading(state_after):
    """The reading of the clause headed by the verb `verb` of a sentence."""

    def run(text: str, verb: str) -> Reading:
        return read_clause(word(state_after(text, find_quotes), verb))  # the parse is all it reads

    return run


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Chile signed the treaty.", "signed", ("positive", "asserted", "past")),
        ("Chile will sign the treaty.", "sign", ("positive", "asserted", "future")),
        ("Chile has not signed the treaty.", "signed", ("negative", "asserted", "past")),
        ("Chile sent no troops.", "sent", ("negative", "asserted", "past")),
        ("Chile might sign the treaty.", "sign", ("positive", "possible", "present")),
        ("Chile reportedly signed the treaty.", "signed", ("positive", "possible", "past")),
        ("Chile wants to sign the treaty.", "sign", ("positive", "intended", "present")),
        ("Chile refused to sign the treaty.", "sign", ("negative", "asserted", "present")),
        ("If Chile signs the treaty, Peru will follow.", "signs", ("positive", "conditional", "present")),
        ("Peru denied that Chile had signed the treaty.", "signed", ("positive", "denied", "past")),
        ("Chile is scheduled to sign the treaty.", "sign", ("positive", "intended", "future")),
    ],
)
def test_polarity_modality_and_tense(reading, text, verb, expected):
    assert reading(text, verb) == Reading(*expected)


def test_only_positive_asserted_clauses_are_facts():
    assert Reading("positive", "asserted", "past").is_fact
    assert not Reading("negative", "asserted", "past").is_fact
    assert not Reading("positive", "intended", "future").is_fact


# --- what must not be reported as fact, end to end ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj", "polarity", "modality"),
    [
        ("Brazil will not join OPEC, the minister said.", "Brazil", "joins", "OPEC", "negative", "asserted"),
        ("If China attacks Taiwan, Washington would respond.", "China", "attacks", "Taiwan", "positive", "conditional"),
        ("Finland wants Sweden to join NATO quickly.", "Sweden", "joins", "NATO", "positive", "intended"),
        (
            "It is unlikely that Serbia will join the European Union this decade.",
            "Serbia",
            "joins",
            "European Union",
            "negative",
            "possible",
        ),
        ("Officials fear that Iran could attack Israel.", "Iran", "attacks", "Israel", "positive", "hypothetical"),
        ("Germany may send tanks to Ukraine.", "Germany", "deploys", "tanks", "positive", "possible"),
        ("Poland did not send tanks to Ukraine.", "Poland", "deploys", "tanks", "negative", "asserted"),
        ("France refused to recognize Kosovo.", "France", "recognize", "Kosovo", "negative", "asserted"),
        (
            "Sweden applied to join the European Union in 1991.",
            "Sweden",
            "joins",
            "European Union",
            "positive",
            "intended",
        ),
    ],
)
def test_negated_hypothetical_and_conditional_clauses_are_marked(
    read, text, subject, predicate, obj, polarity, modality
):
    (fact,) = read(text).fact(subject, predicate, obj)
    assert fact[3:5] == (polarity, modality)
    assert not fact[-1].reading.is_fact


def test_an_accusation_that_is_denied_is_denied(read):
    p = read("The opposition repeated the claim that Hungary had bribed the judges, an allegation Budapest denies.")
    (bribe,) = p.fact("Hungary", "bribe")
    assert bribe[4] == "denied"


def test_a_reported_denial_marks_the_content(read):
    (moved,) = read("The Kremlin denied that Russia had moved troops to the border.").fact("Russia", "move")
    assert moved[4] == "denied"


def test_a_modal_scopes_over_the_clause_below_it(read):
    p = read("He added that it would be a disaster for Norway to invade Sweden.")
    assert [f for f in p.fact("Norway", "invades", "Sweden") if f[-1].reading.is_fact] == []
