"""What a subject or object phrase stands for: an entity (by name, pronoun or description) or a concept.

`Arg` is the plain value passed on to resolution and mapping; `ArgumentReader` turns a token of the parse
into Args, expanding coordination ("Germany, France and Italy") and looking through titles
("Secretary of State Antony Blinken") and group nouns ("the leaders of Germany").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon.names import TITLE_WORDS
from ..nlp.parse import Word
from .references import References

__all__ = ["Arg", "ArgumentReader", "concept_label"]


@dataclass(frozen=True, slots=True)
class Arg:
    entity: int | None = None  # local entity id
    concept: str | None = None  # label of a concept node
    via: str = "name"  # name | pronoun | description | member | concept | unnamed
    source: str | None = None  # the role of a speaker the article does not name: "official", "adviser"
    affiliation: int | None = None  # local entity an unnamed source is described by: "U.S." of "a U.S. official"

    @property
    def key(self) -> tuple:
        return (self.entity, self.concept, self.source, self.affiliation)


# Nouns that stand for the group or government they belong to: "the leaders of Germany" ~ Germany.
_GROUP_NOUNS = TITLE_WORDS | {
    "leader",
    "leaders",
    "government",
    "governments",
    "officials",
    "representative",
    "representatives",
    "people",
    "forces",
    "troops",
    "army",
    "military",
    "delegation",
    "side",
    "authorities",
    "administration",
    "team",
}
# Nouns for people who speak for their organization or country: "US officials" ~ the US.
_SPOKESPEOPLE = {
    "official",
    "leader",
    "government",
    "side",
    "administration",
    "authorities",
    "delegation",
    "representative",
}
_CONCEPT_MODIFIERS = {"compound", "amod", "nummod", "nmod", "quantmod", "npadvmod", "poss"}
_SKIP_WORDS = {
    "“",
    "”",
    '"',
    "'",
    "the",
    "a",
    "an",
    "any",
    "some",
    "such",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "fresh",
    "new",
    "further",
    "more",
}
_PRONOUNS = {
    "it",
    "they",
    "them",
    "this",
    "that",
    "which",
    "who",
    "what",
    "something",
    "anything",
    "everything",
    "nothing",
    "one",
    "there",
    "he",
    "she",
    "him",
    "her",
    "we",
    "us",
    "you",
    "i",
    "me",
    "itself",
    "themselves",
}
MAX_CONCEPT_WORDS = 8


def _left_modifiers(token: Word) -> list[Word]:
    words: list[Word] = []
    for child in token.lefts:
        if child.dep_ == "poss":  # "Ukraine's membership": the possessor with its 's
            words.extend(child.subtree)
        elif child.dep_ in _CONCEPT_MODIFIERS or (child.dep_ == "punct" and child.text == "-"):
            words.extend(_left_modifiers(child))
            words.append(child)
    return words


def concept_label(token: Word) -> str | None:
    """A readable label for a noun phrase that names no entity: 'legal guarantees', '100,000 troops'."""
    if token.lower_ in _PRONOUNS or token.pos_ in {"PRON", "DET", "VERB", "AUX", "ADP", "PUNCT", "SCONJ", "CCONJ"}:
        return None
    words = [*_left_modifiers(token), token]
    for child in token.rights:  # "expansion of NATO", "guarantees on NATO expansion"
        if child.dep_ == "prep" and child.lower_ in {"of", "on", "for", "against", "from", "to"}:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                words += [child, *_left_modifiers(objects[0]), objects[0]]
            break
    words = sorted({w.i: w for w in words}.values(), key=lambda w: w.i)
    kept = [w for w in words if (w.lower_ not in _SKIP_WORDS and not w.is_punct) or w.text == "-"]
    kept = kept[-MAX_CONCEPT_WORDS:]
    if not kept or all(w.is_stop for w in kept):
        return None
    forms = [w.text if w.pos_ == "PROPN" or w.text.isupper() else w.text.lower() for w in kept]
    text = " ".join(forms).replace(" - ", "-").replace(" 's", "'s").replace(" ’s", "'s")
    text = text.strip("-“”\"' ")
    return text if sum(c.isalpha() for c in text) >= 3 else None


class ArgumentReader:
    def __init__(self, refs: References) -> None:
        self.refs = refs

    def entity(self, token: Word) -> tuple[int, str] | None:
        """The entity a token stands for, looking through titles and appositions."""
        e = self.refs.entity(token)
        if e is not None and _acts(token) and (government := self.refs.government_of(e)) is not None:
            return government, "name"  # "Washington imposed sanctions": the United States
        if e is not None:
            return e, self.refs.how.get(token.i, "name")
        # "his Russian counterpart, Putin"; "Secretary of State Antony Blinken" (the title as head)
        around = [c for c in token.children if c.dep_ == "appos"]
        if token.lower_ in TITLE_WORDS:  # a name before the title is whom it serves: "Putin adviser"
            around += [c for c in token.children if c.dep_ in {"compound", "flat", "npadvmod"} and c.i > token.i]
        for child in around:
            e = self.refs.entity(child)
            if e is not None:
                return e, self.refs.how.get(child.i, "name")
        return None

    def args(self, token: Word, allow_concept: bool = True) -> list[Arg]:
        """Args for a phrase headed by token and each phrase coordinated with it."""
        out: list[Arg] = []
        for t in [token, *_conjuncts(token), *(c for a in _appositions(token) for c in _conjuncts(a))]:
            if t is token and _title_before_its_holder(token):
                continue  # the holder, a conjunct here, stands for the title
            found: Sequence[Arg | None] = self._members(t) or [self._one(t, allow_concept)]
            out += [arg for arg in found if arg is not None and arg.key not in {a.key for a in out}]
        return out

    def _members(self, token: Word) -> list[Arg]:
        """'the leaders of the UK, Germany and France': the countries the group speaks for."""
        if not (token.lower_ in _GROUP_NOUNS or token.lemma_.lower() in _GROUP_NOUNS) or self.entity(token):
            return []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and self.entity(obj):
                        members = [self.entity(t) for t in [obj, *_conjuncts(obj)]]
                        return [Arg(entity=m[0], via="member") for m in members if m]
        if any(c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet"} for c in token.children):
            return [Arg(entity=e, via="description") for e in self._last_two_people(token)]
        return []

    def _last_two_people(self, token: Word) -> list[int]:
        """'The two leaders spoke': the two people named last, within the three sentences before."""
        refs = self.refs
        first = refs.sentences.spans[max(0, refs.sentences.index(token) - 3)].start
        people: list[int] = []
        for t in range(token.i - 1, first - 1, -1):
            e = refs.by_token.get(t)
            if e is not None and refs.how.get(t) == "name" and e not in people and refs.entities[e].person_like:
                people.append(e)
                if len(people) == 2:
                    return sorted(people, key=lambda p: min(refs.token_of(p)))
        return []

    def _one(self, token: Word, allow_concept: bool) -> Arg | None:
        found = self.entity(token)
        if found:
            return Arg(entity=found[0], via=found[1])
        if token.lower_ in _GROUP_NOUNS or token.lemma_.lower() in _GROUP_NOUNS:
            lemma = token.lemma_.lower()
            for child in token.children:  # "US officials", "Kremlin leaders", "Nigeria's president"
                speaks_for = lemma in _SPOKESPEOPLE or (
                    child.dep_ == "poss" and lemma in TITLE_WORDS and child.ent_type_ in {"GPE", "ORG", "NORP"}
                )
                if speaks_for and child.dep_ in {"amod", "compound", "poss"} and (member := self.entity(child)):
                    return Arg(entity=member[0], via="member")
        if not allow_concept:
            return None
        label = concept_label(token)
        return Arg(concept=label, via="concept") if label else None


def _acts(token: Word) -> bool:
    """Whether a phrase stands for someone who acts or takes part (its subject, its possessor, a party 'between'
    or 'with' others), not for where something happens."""
    while token.dep_ == "conj" and token.head.i != token.i:  # "Moscow and Washington said"
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return not (token.dep_ == "nsubj" and token.head.lemma_ == "be")
    if token.dep_ == "pobj":
        prep = token.head
        return prep.lower_ in {"between", "with", "against"} or prep.dep_ == "agent"
    return False


def _title_before_its_holder(token: Word) -> bool:
    """'The Bishop of Dover, Rose Hudson-Wilkin, said': the parser often makes the name a conjunct of the
    title; with no 'and' or 'or' between them, the name is the title's holder, not a second subject."""
    if token.lower_ not in TITLE_WORDS and token.lemma_.lower() not in TITLE_WORDS:
        return False
    if any(c.dep_ in {"cc", "preconj"} for c in token.children):
        return False
    return any(c.dep_ == "conj" and c.ent_type_ == "PERSON" and c.i > token.i for c in token.children)


def _appositions(token: Word) -> list[Word]:
    """'U.S. president Joe Biden and ... Putin': the names in apposition to a title, for their conjuncts."""
    return [c for c in token.children if c.dep_ == "appos"]


def _conjuncts(token: Word) -> list[Word]:
    out, stack = [], [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN", "PRON", "NUM", "ADJ"}:
                out.append(child)
                stack.append(child)
    return out
