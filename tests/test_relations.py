"""Relations from the dependency parse, on sentences written for these tests (real model)."""

from __future__ import annotations

import pytest
from conftest import parse_article


@pytest.fixture(scope="module")
def read(nlp):
    return lambda text: parse_article(nlp, text)


def test_subject_verb_object_with_place_and_time(read):
    p = read("Chancellor Olaf Scholz met with French President Emmanuel Macron in Berlin on Tuesday.")
    (meeting,) = p.fact("Olaf Scholz", "meets", "Emmanuel Macron")
    assert meeting[3:7] == ("positive", "asserted", "Berlin", "Tuesday")
    assert meeting[-1].kind == "Meeting"


def test_passive_voice_gives_the_agent_as_subject(read):
    p = read("Estonia was invaded by Germany in 1941.")
    assert p.fact("Germany", "invades", "Estonia")
    assert not p.fact("Estonia", "invades")


def test_coordinated_subjects_each_get_the_relation(read):
    p = read("Portugal and Spain signed the agreement.")
    assert p.fact("Portugal", "sign", "agreement") and p.fact("Spain", "sign", "agreement")


def test_a_title_and_its_holder_are_one_subject_not_two(read):
    p = read(
        "The Bishop of Dover, Rt Rev Rose Hudson-Wilkin, the Church of England's first black female bishop, "
        'accused politicians of "playing to the gallery."'
    )
    assert p.fact("Rose Hudson-Wilkin", "accuses") and not p.fact("Dover", "accuses")
    both = read("The Governor of Texas and Senator Ted Cruz criticized the plan.")
    assert both.fact("Ted Cruz", "criticizes") and both.fact("Texas", "criticizes")


def test_symmetric_verb_with_coordinated_subject(read):
    p = read("Jacinda Ardern and Scott Morrison met in Sydney.")
    (meeting,) = p.fact("Jacinda Ardern", "meets", "Scott Morrison")
    assert meeting[5] == "Sydney"


def test_prepositional_object_carries_the_relation(read):
    p = read("Japan warned North Korea against further missile tests.")
    assert p.fact("Japan", "warns", "North Korea")


def test_light_verb_with_an_event_noun(read):
    p = read("Prime Minister Mark Rutte had a long phone call with Joe Biden.")
    (call,) = p.fact("Mark Rutte", "speaksWith", "Joe Biden")
    assert call[-1].kind == "PhoneCall"
    assert p.fact("Mark Rutte", "speaksWith") == [call]  # the light verb and the noun give one relation


def test_impose_sanctions_on_is_sanctions(read):
    assert read("Canada imposed sanctions on Belarus.").fact("Canada", "sanctions", "Belarus")


def test_destination_of_a_deployment_is_its_place(read):
    p = read("The Danish government sent 200 soldiers to Estonia last month.")
    (sent,) = p.fact("Danish", "deploys", "200 soldiers")
    assert sent[5] == "Estonia" and sent[6] == "last month"


def test_event_noun_between_two_parties_is_planned_when_expected(read):
    p = read("A meeting between Xi Jinping and Narendra Modi is expected next week.")
    (meeting,) = p.fact("Xi Jinping", "meets", "Narendra Modi")
    assert meeting[4] == "intended" and meeting[6] == "next week"


def test_open_relation_is_named_by_the_verb_and_descriptions_refer_back(read):
    p = read("Sweden applied to join the European Union in 1991. The bloc accepted Sweden four years later.")
    assert p.fact("European Union", "accept", "Sweden")  # "the bloc" refers back to the union


def test_a_description_with_nothing_to_refer_to_gives_no_relation(read):
    p = read("The bloc accepted Sweden four years later.")
    assert [f for f in p.facts if f[1] == "accept"] == []


# --- what must not be reported as fact ---------------------------------------------------------------------


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


# --- standing relations: where organizations are based, which place lies in which, memberships ------------


@pytest.mark.parametrize(
    ("text", "subject", "obj"),
    [
        ("The Moscow-based Levada Center published a poll on Monday.", "Levada Center", "Moscow"),
        ("The talks took place in Geneva, Switzerland, last week.", "Geneva", "Switzerland"),
        ("The Brussels-based European Commission proposed new rules.", "European Commission", "Brussels"),
    ],
)
def test_organizations_are_based_in_places_and_places_lie_in_places(read, text, subject, obj):
    (located,) = read(text).fact(subject, "locatedIn", obj)
    assert located[-1].reading.is_fact


def test_a_membership_in_apposition(read):
    p = read("Anna Schmidt, a member of the Green Party, criticized the plan.")
    assert p.fact("Anna Schmidt", "memberOf", "Green Party")
    assert p.entities["Green Party"] == "ORG"


def test_the_thing_given_is_the_object_and_the_recipient_is_about(read):
    p = read("Norway gave Ukraine two frigates.")
    (gift,) = p.fact("Norway", "provides")
    assert gift[2] == "two frigates" and [a.entity for a in gift[-1].about]


def test_have_names_no_relation(read):
    assert [f for f in read("Greece has two ports near Turkey.").facts if f[1] == "have"] == []
