"""Directed acts told by nouns and verdicts rather than by a clause of their own:

  * 'the assassination of X by Y' (an act noun with its victim and its doer);
  * "William McKinley's assassin Leon Czolgosz", 'X's killer, Y' (a doer noun in front of or beside a name);
  * "Y was convicted of X's murder", 'Y, convicted of the murder of X' (a court's finding: the convicted one did
    it; 'convicted of killing X' is a clause, which the relations stage reads);
  * 'X was murdered on the orders of Y' (who ordered a killing had it done).
Each is a Relation with the act's ontology predicate (ACT_NOUNS, AGENT_NOUNS).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon.predicates import ACT_NOUNS, AGENT_NOUNS, PREDICATES, VERDICTS
from ..nlp.parse import Word
from .affiliations import standing_relation
from .arguments import Arg, ArgumentReader
from .modality import Reading, read_clause

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["read_acts"]

_STATED = Reading("positive", "asserted", "past")


def _person(token: Word | None, reader: ArgumentReader) -> int | None:
    if token is None:
        return None
    found = reader.entity(token)
    if found is None or reader.refs.entities[found[0]].label != "PERSON":
        return None
    return found[0]


def _objects(token: Word, prep: str, dep: str = "pobj") -> list[Word]:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ == prep for o in p.children if o.dep_ == dep]


def _victim(noun: Word) -> Word | None:
    """'the murder of X' or "X's murder"; the doer may hang on the victim ('of X by Y')."""
    return next(iter(_objects(noun, "of")), None) or next((c for c in noun.children if c.dep_ == "poss"), None)


def _convicted(act: Word) -> Word | None:
    """'Y was convicted of <act>' or 'Y, convicted of <act>': who was convicted."""
    prep = act.head
    if prep.dep_ != "prep" or prep.lower_ != "of" or prep.head.lemma_.lower() not in VERDICTS:
        return None
    verdict = prep.head
    if verdict.dep_ == "acl":
        return verdict.head
    return next((c for c in verdict.children if c.dep_ == "nsubjpass"), None)


class _Acts:
    def __init__(self, state: DocumentState) -> None:
        self.reader = ArgumentReader(state.refs)
        self.out = state.relations

    def add(self, doer: Word | None, predicate: str, victim: Word | None, token: Word, reading: Reading) -> None:
        a, b = _person(doer, self.reader), _person(victim, self.reader)
        if a is not None and b is not None and a != b:
            relation = standing_relation(Arg(entity=a), predicate, Arg(entity=b), token, self.reader, reading)
            self.out.append(relation)

    def act_noun(self, noun: Word, predicate: str) -> None:
        """'the assassination of X by Y', 'convicted of X's murder'."""
        victim = _victim(noun)
        doers = _objects(noun, "by") + (_objects(victim, "by") if victim is not None else [])
        if doers:
            self.add(doers[0], predicate, victim, noun, _STATED)
        else:
            self.add(_convicted(noun), predicate, victim, noun, _verdict_reading(noun))

    def agent_noun(self, noun: Word, predicate: str) -> None:
        """ "McKinley's assassin Leon Czolgosz", "Lincoln's assassin, John Wilkes Booth"."""
        victim = next((c for c in noun.children if c.dep_ == "poss"), None) or next(iter(_objects(noun, "of")), None)
        if noun.dep_ == "compound":
            doer: Word | None = noun.head
            victim = victim or next((c for c in noun.head.children if c.dep_ == "poss"), None)
        else:
            doer = next((c for c in noun.children if c.dep_ == "appos"), None)
        self.add(doer, predicate, victim, noun, _STATED)

    def ordered(self, verb: Word, predicate: str) -> None:
        """'X was murdered on the orders of Y': Y had X killed (a passive without an agent names no doer else)."""
        if any(c.dep_ == "agent" for c in verb.children) or (doer := _ordered_by(verb)) is None:
            return
        for victim in (c for c in verb.children if c.dep_ == "nsubjpass"):
            self.add(doer, predicate, victim, verb, read_clause(verb))

    def convicted_verb(self, verb: Word, predicate: str) -> None:
        """'Y, convicted of killing X' (as a clause, 'Y was convicted of killing X' is the relations stage's)."""
        if verb.head.head.dep_ == "acl" and (doer := _convicted(verb)) is not None:
            for victim in (c for c in verb.children if c.dep_ == "dobj"):
                self.add(doer, predicate, victim, verb, _STATED)


_ORDERS = {"order", "orders", "behest", "command", "instruction", "instructions"}


def _ordered_by(verb: Word) -> Word | None:
    """'was murdered on the orders of Y', 'killed at the behest of Y': who ordered the act."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "at", "under"}):
        for order in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in _ORDERS):
            return next(iter(_objects(order, "of") + _objects(order, "from")), None)
    return None


def _verdict_reading(act: Word) -> Reading:
    """As real as the finding: 'was not convicted of' is negative."""
    verdict = act.head.head
    return read_clause(verdict) if verdict.dep_ != "acl" else _STATED


def read_acts(state: DocumentState) -> None:
    """Who did what to whom, told by act nouns, doer nouns and convictions."""
    acts = _Acts(state)
    for word in state.parse.words:
        lemma = word.lemma_.lower()
        if word.pos_ == "NOUN" and lemma in ACT_NOUNS:
            acts.act_noun(word, ACT_NOUNS[lemma])
        elif word.pos_ == "NOUN" and lemma in AGENT_NOUNS:
            acts.agent_noun(word, AGENT_NOUNS[lemma])
        elif word.pos_ == "VERB" and word.dep_ == "pcomp" and lemma in PREDICATES:
            acts.convicted_verb(word, PREDICATES[lemma][0])
        elif word.pos_ == "VERB" and PREDICATES.get(lemma, ("",))[0] == "kills":
            acts.ordered(word, "kills")
