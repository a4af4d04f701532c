"""Pronouns and descriptions that refer back, outside quotes and then inside them (real model)."""

from __future__ import annotations

from kg.extract.references import resolve_quoted_references, resolve_references

from .conftest import names, word


def test_he_and_she_follow_gender_and_the_main_subject(read):
    p = read(
        "Jacinda Ardern met Scott Morrison in Sydney. She said the meeting was useful. "
        "He said the talks would continue."
    )
    speakers = {s[0] for s in p.statements}
    assert speakers == {"Jacinda Ardern", "Scott Morrison"}


def test_a_description_refers_to_the_person_with_that_role(read):
    p = read(
        "Chinese President Xi Jinping arrived in Moscow on Monday. The Chinese president later met Vladimir Putin."
    )
    assert p.fact("Xi Jinping", "meets", "Vladimir Putin")


def test_a_possessive_title_refers_to_the_person_who_holds_it(read):
    p = read("Lena Park, Moon's chief of staff, met reporters. Moon's chief of staff said the trip would go ahead.")
    assert ("Lena Park", "say", "the trip would go ahead") in p.statements


def test_the_alliance_refers_to_the_organization_named_last(state_after):
    state = state_after("NATO met in Brussels. The alliance said it would grow.", resolve_references)
    alliance = word(state, "alliance")
    assert names(state)[state.refs.entity(alliance)] == "NATO"
    assert state.refs.how[alliance.i] == "description"


def test_a_description_with_its_own_name_does_not_refer_back(read):
    p = read("The Senate passed the bill. Mark Warner criticized the Trump administration.")
    assert not p.fact("Mark Warner", "criticizes", "Senate")


def test_pronouns_inside_a_quote_wait_for_its_speaker(state_after):
    text = 'Ida Berg met Tom Hart. "I trust him," Berg said.'
    first = state_after(text, resolve_references)
    assert first.refs.entity(word(first, "I")) is None and first.refs.entity(word(first, "him")) is None
    then = state_after(text, resolve_quoted_references)
    people = names(then)
    assert people[then.refs.entity(word(then, "I"))] == "Ida Berg"  # the speaker
    assert people[then.refs.entity(word(then, "him"))] == "Tom Hart"  # someone else
    assert then.refs.how[word(then, "I").i] == "pronoun"


def test_a_speaker_is_not_the_he_of_his_own_quote(read):
    p = read('Joe Biden spoke about Vladimir Putin. "My guess is he will move in," Biden said.')
    moves = [f for f in p.relations if f[1] == "move-in"]
    assert all(f[0] != "Joe Biden" for f in moves)


def test_a_name_before_a_role_noun_refers_to_whom_serves_it(read):
    p = read("Boric adviser meets Lee in Lima\n\nCarlos Ominami is an adviser to Gabriel Boric. Ana Lee is a banker.")
    assert p.fact("Carlos Ominami", "meets")
    assert not p.fact("Gabriel Boric", "meets")


def test_the_russian_president_still_refers_to_a_president_named_without_a_country(read):
    p = read("President Vladimir Putin arrived on Monday. The Russian president met Olaf Scholz in Berlin.")
    assert p.fact("Vladimir Putin", "meets")
