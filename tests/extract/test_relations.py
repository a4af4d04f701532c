"""Relations of verbs and event nouns, construction by construction (real model, sentences written for the tests)."""

from __future__ import annotations

import pytest


def test_subject_verb_object_with_place_and_time(read):
    p = read("Chancellor Olaf Scholz met with French President Emmanuel Macron in Berlin on Tuesday.")
    (meeting,) = p.fact("Olaf Scholz", "meets", "Emmanuel Macron")
    assert meeting[3:7] == ("positive", "asserted", "Berlin", "Tuesday")
    assert meeting[-1].kind == "Meeting"


def test_passive_voice_gives_the_agent_as_subject(read):
    p = read("Estonia was invaded by Germany in 1941.")
    assert p.fact("Germany", "invades", "Estonia")
    assert not p.fact("Estonia", "invades")


def test_a_passive_without_an_agent_gives_no_relation(read):
    assert read("Estonia was invaded in 1941.").facts == []


def test_coordinated_subjects_each_get_the_relation(read):
    p = read("Portugal and Spain signed the agreement.")
    assert p.fact("Portugal", "sign", "agreement") and p.fact("Spain", "sign", "agreement")


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


def test_a_light_verb_without_a_target_relates_to_its_noun(read):
    (sanctions,) = read("Canada imposed sanctions.").fact("Canada", "sanctions")
    assert sanctions[2] == "sanctions" and sanctions[-1].verb == "impose sanction"


def test_destination_of_a_deployment_is_its_place(read):
    p = read("The Danish government sent 200 soldiers to Estonia last month.")
    (sent,) = p.fact("Danish", "deploys", "200 soldiers")
    assert sent[5] == "Estonia" and sent[6] == "last month"


def test_the_thing_given_is_the_object_and_the_recipient_is_about(read):
    p = read("Norway gave Ukraine two frigates.")
    (gift,) = p.fact("Norway", "provides")
    assert gift[2] == "two frigates" and [a.entity for a in gift[-1].about]


def test_an_open_relation_through_a_preposition_is_named_by_verb_and_preposition(read):
    p = read("Denmark sided with Sweden in the dispute.")
    (sided,) = p.fact("Denmark", "side-with", "Sweden")
    assert sided[-1].verb == "side with" and sided[-1].confidence == 0.65


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


def test_have_names_no_relation(read):
    assert [f for f in read("Greece has two ports near Turkey.").facts if f[1] == "have"] == []


def test_a_participle_used_as_an_adjective_is_no_relation(read):
    p = read("Kenya does not have proven reserves.")
    assert [f for f in p.facts if f[1] == "prove"] == []


def test_a_verb_of_speech_is_left_to_the_statements(read):
    p = read("Austria said that the border would stay open.")
    assert p.facts == [] and p.statements


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        ("Crimea, controlled by Russia since 2014, was quiet.", "Russia", "control", "Crimea"),
        ("Hamas, a group once led by Ahmed Yassin, fired rockets.", "Ahmed Yassin", "leads", "Hamas"),
        ("Exxon, which was sued by California, lost.", "California", "sues", "Exxon"),
        ("Mary Jones, who was killed by Tom Smith, was 30.", "Tom Smith", "kills", "Mary Jones"),
    ],
)
def test_reduced_and_relative_passives_name_their_patient(read, text, subject, predicate, obj):
    (found,) = read(text).fact(subject, predicate, obj)
    assert found[3:5] == ("positive", "asserted")


def test_a_participle_without_its_agent_states_nothing(read):
    p = read("The weapons supplied to Ukraine arrived on Monday.")
    assert not [r for r in p.relations if r[1] in {"provides", "supply"}]


@pytest.mark.parametrize(
    ("text", "subject", "predicate", "obj"),
    [
        ("Ann Cole quit Acme Corp. last year.", "Ann Cole", "resigns", "Acme Corp."),
        ("Ann Cole resigned from Acme Corp. in May.", "Ann Cole", "resigns", "Acme Corp."),
        ("The Ohio Supreme Court convicted Tom Baker in 2004.", "Ohio Supreme Court", "convicts", "Tom Baker"),
        ("Tom Baker was arrested by the FBI on Monday.", "FBI", "arrests", "Tom Baker"),
        ("Vodafone acquired Mannesmann in 2000.", "Vodafone", "acquires", "Mannesmann"),
        ("Sam Adams, who heads Acme Corp., spoke.", "Sam Adams", "leads", "Acme Corp."),
        ("Sam Adams chaired the Senate Finance Committee.", "Sam Adams", "leads", "Senate Finance Committee"),
        (
            "The Gates Foundation funds the World Health Organization.",
            "Gates Foundation",
            "funds",
            "World Health Organization",
        ),
    ],
)
def test_news_verbs_are_normalised_to_their_predicates(read, text, subject, predicate, obj):
    (found,) = read(text).fact(subject, predicate, obj)
    assert found[3:5] == ("positive", "asserted")


def test_a_resignation_without_an_organization_names_none(read):
    assert not read("Ann Cole resigned on Monday.").fact("Ann Cole", "resigns")


def test_heading_somewhere_leads_nothing(read):
    assert not read("Sam Adams headed home to Denver.").fact("Sam Adams", "leads")
