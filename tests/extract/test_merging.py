"""One relation per fact and sentence, the most confident, in text order."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.affiliations import read_affiliations
from kg.extract.merging import merge_relations

TEXT = "Prime Minister Mark Rutte had a long phone call with Joe Biden."


def test_a_light_verb_and_its_event_noun_give_one_relation(state_after):
    state = state_after(TEXT, read_affiliations)
    found = [(r.predicate, r.verb, r.confidence) for r in state.relations]
    assert found == [("speaksWith", "have call", 0.75), ("speaksWith", "call", 0.7)]
    merge_relations(state)
    assert [(r.predicate, r.verb) for r in state.relations] == [("speaksWith", "have call")]


def test_the_first_of_equally_confident_relations_is_kept_and_all_are_in_text_order(state_after):
    state = state_after(TEXT, read_affiliations)
    call = state.relations[0]
    later = replace(call, start=call.start + 10, predicate="meets")
    state.relations = [later, replace(call, verb="first"), replace(call, verb="second"), call]
    merge_relations(state)
    assert [(r.predicate, r.verb) for r in state.relations] == [("speaksWith", "first"), ("meets", "have call")]
