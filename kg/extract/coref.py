"""Within one document: which mentions name the same entity, and what pronouns and descriptions refer to.

`link_mentions` groups the names of one document into local entities (Joe Biden / Biden / President Biden;
the Organization for Security and Cooperation in Europe / OSCE). `References` then answers, for any token,
which local entity it stands for: a name, a pronoun ("he", "his") or a definite description ("the Russian
president", "the alliance"). Cross-document merging is `resolve`'s job.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..lexicon.names import (
    first_name_gender,
    initials,
    is_acronym,
    looks_like_organization,
    looks_like_person,
    name_key,
    same_person,
)
from ..nlp.parse import Parse, Word
from ..nlp.sentences import Sentences
from .mentions import Mention

__all__ = ["LocalEntity", "References", "link_mentions"]


@dataclass(slots=True)
class LocalEntity:
    id: int
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    titles: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        """The fullest form: most words first, then most frequent."""
        return max(self.forms, key=lambda f: (len(f.split()), self.forms[f], len(f)))

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]


def link_mentions(mentions: list[Mention]) -> tuple[list[int], list[LocalEntity]]:
    """Group mentions into local entities; return the entity id of each mention and the entities."""
    by_key: dict[str, int] = {}
    entities: list[LocalEntity] = []
    entity_of: list[int] = []
    # Full names first, so that a short form seen before its full form still finds it.
    order = sorted(range(len(mentions)), key=lambda i: -len(mentions[i].text.split()))
    assigned: dict[int, int] = {}
    names: dict[tuple[str, str, int], list[int]] = {}  # (form, label, entity) -> its mentions linked so far
    for i in order:
        m = mentions[i]
        key = name_key(m.text)
        target = by_key.get(key)
        if target is None:
            target = _short_form_target(m, key, mentions, names, entities, i)
        if target is None:
            target = len(entities)
            entities.append(LocalEntity(target))
        by_key.setdefault(key, target)
        assigned[i] = target
        names.setdefault((m.text, m.label, target), []).append(i)
        entity = entities[target]
        entity.forms[m.text] += 1
        entity.labels[m.label] += 1
        if m.title:
            entity.titles[m.title] += 1
    entity_of = [assigned[i] for i in range(len(mentions))]
    return entity_of, entities


def _short_form_target(
    m: Mention,
    key: str,
    mentions: list[Mention],
    names: dict[tuple[str, str, int], list[int]],
    entities: list[LocalEntity],
    index: int,
) -> int | None:
    """The entity a name refers to under a fuller or variant form in the same document: a surname
    ('Biden'), a name with or without a middle initial ('Gerald Ford' / 'Gerald R. Ford'), an acronym.
    The nearest such name wins, looking back first."""
    candidates: dict[int, int] = {}  # entity -> distance to the nearest full mention
    qualifier = _qualifies_place(mentions, index)
    for (_, _, target), assigned in names.items():  # each distinct earlier name is compared once
        if _refers_to(m, key, mentions[assigned[0]], entities[target], acronym=not qualifier):
            distance = min(index - j if j < index else 10_000 + j - index for j in assigned)
            candidates[target] = min(candidates.get(target, distance), distance)
    if not candidates:
        return None
    return min(candidates, key=candidates.get)


def _qualifies_place(mentions: list[Mention], index: int) -> bool:
    """'Sioux Falls, S.D.': a name right after a place and a comma says where that place is; it is no
    acronym of a name elsewhere in the text ('S.D.' is not 'San Diego')."""
    if index == 0:
        return False
    before, m = mentions[index - 1], mentions[index]  # the model may take the place for a person
    return m.label == "GPE" and before.label != "NORP" and 0 < m.start - before.end <= 2


def _refers_to(m: Mention, key: str, other: Mention, entity: LocalEntity, acronym: bool = True) -> bool:
    if m.label == "NORP" or other.label == "NORP":
        return False
    words, other_words = key.split(), name_key(other.text).split()
    if len(other_words) > len(words) and _is_part_of_name(words, other_words, entity):
        return True
    if len(words) >= 2 and _named_like_person(m) and _person_like(entity) and same_person(m.text, other.text):
        return True
    if _is_short_company_name(words, other_words, other):
        return True
    return acronym and is_acronym(m.text) and initials(other.text) == key.replace(" ", "")


_CORPORATE_SUFFIXES = frozenset(
    "oil corp corporation inc ltd plc co company group holdings bank airlines sa ag".split()
)


def _is_short_company_name(words: list[str], full: list[str], other: Mention) -> bool:
    """'Tullow' for 'Tullow Oil', 'Apache' for 'Apache Corp.'."""
    tail = full[len(words) :]
    if not words or full[: len(words)] != words or not tail or not set(tail) <= _CORPORATE_SUFFIXES:
        return False
    return other.label == "ORG" or looks_like_organization(other.text)


def _person_like(entity: LocalEntity) -> bool:
    return entity.labels["PERSON"] > 0 or looks_like_person(entity.name)


def _gender(entity: LocalEntity) -> str | None:
    words = entity.name.split()
    answer = first_name_gender(words[0]) if len(words) >= 2 else None
    return answer if answer in {"male", "female"} else None


def _named_like_person(m: Mention) -> bool:
    return m.label == "PERSON" or looks_like_person(m.text)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _is_part_of_name(words: list[str], full: list[str], entity: LocalEntity) -> bool:
    """'biden' is part of 'joe biden' (a person's surname); 'state department' of 'us state department'.
    Not places: 'Las Vegas' is not 'North Las Vegas', nor 'South Wales' 'New South Wales'."""
    if full[-len(words) :] != words:
        return False
    return _person_like(entity) or (len(words) >= 2 and entity.label not in _PLACE_LABELS)


# --- pronouns and descriptions ------------------------------------------------------------------------

_PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
_FEMININE = {"she", "her", "hers", "herself"}
_SPEAKER = {"i", "me", "my", "mine", "myself"}
_REFERRING = _PERSONAL | _SPEAKER
_ORG_NOUNS = {
    "alliance",
    "bloc",
    "organization",
    "organisation",
    "group",
    "agency",
    "company",
    "firm",
    "party",
    "union",
    "administration",
    "government",
    "ministry",
    "department",
    "council",
    "committee",
    "court",
    "bank",
    "league",
}
_PLACE_NOUNS = {"country", "nation", "state", "city", "capital", "region", "republic", "kingdom"}


def _quoted_words(words: list[Word], quotes: list[tuple[int, int]]) -> set[int]:
    """The words that start inside a quote (character spans)."""
    if not quotes:
        return set()
    starts = [w.idx for w in words]
    return {i for a, b in quotes for i in range(bisect_left(starts, a), bisect_left(starts, b))}


@dataclass(slots=True)
class References:
    """Token index -> local entity id, for names, pronouns and definite descriptions."""

    parse: Parse
    mentions: list[Mention]
    entity_of: list[int]
    entities: list[LocalEntity]
    roles: dict[int, set[str]] = field(default_factory=dict)  # entity -> lower-cased role heads
    nationality: dict[int, int] = field(default_factory=dict)  # person entity -> country/NORP entity
    role_orgs: dict[int, set[int]] = field(default_factory=dict)  # person entity -> whom their roles serve
    by_token: dict[int, int] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)  # token -> "name" | "pronoun" | "description"
    genders: dict[int, str] = field(default_factory=dict)  # entity -> gender learnt from given names and pronouns

    def __post_init__(self) -> None:
        for m, e in zip(self.mentions, self.entity_of, strict=True):
            for t in range(m.token_start, m.token_end):
                self.by_token[t] = e
                self.how[t] = "name"

    @property
    def doc(self) -> Doc:
        return self.parse.doc

    @property
    def sentences(self) -> Sentences:
        return self.parse.sentences

    @property
    def text(self) -> str:
        return self.parse.text

    @property
    def tokens(self) -> list[Word]:
        """The document's words, made once."""
        return self.parse.words

    def entity(self, token: Word) -> int | None:
        return self.by_token.get(token.i)

    def token_of(self, entity: int) -> list[int]:
        """Tokens naming an entity."""
        return [t for t, e in self.by_token.items() if e == entity and self.how.get(t) == "name"]

    def resolve(self, speakers: dict[int, int] | None = None, quotes: list[tuple[int, int]] = ()) -> None:
        """Fill in pronouns and descriptions. Without `speakers` (sentence index -> speaker of its quote),
        pronouns inside quotes wait: 'I' is the speaker there, and 'he' is someone else."""
        sent_of = self.sentences.number
        starts = [s.start for s in self.sentences.spans]
        inside = _quoted_words(self.tokens, quotes)
        by_token = self.by_token
        for token in self.tokens:
            if token.i in by_token or not (token.lower_ in _REFERRING or token.pos_ == "NOUN"):
                continue
            quoted = token.i in inside
            if quoted and speakers is None:
                continue
            speaker = (speakers or {}).get(sent_of[token.i]) if quoted else None
            target = self._refer(token, sent_of, starts, speaker)
            if target is not None:
                self.by_token[token.i] = target
                self.how[token.i] = "pronoun" if token.pos_ == "PRON" or token.tag_ == "PRP$" else "description"

    def _refer(self, token: Word, sent_of: list[int], starts: list[int], speaker: int | None) -> int | None:
        lower = token.lower_
        if lower in _SPEAKER:
            return speaker
        if lower in _PERSONAL:
            gender = "female" if lower in _FEMININE else "male"
            target = self._recent(token.i, sent_of, starts, gender=gender, exclude=speaker)
            if target is not None:
                self.genders.setdefault(target, gender)  # 'she' once, so not 'he' later
            return target
        if not token.children:
            return None  # a bare noun: neither possessed nor with an article
        if token.pos_ == "NOUN" and any(c.dep_ == "poss" for c in token.children):  # "Putin's adviser"
            return self._described_person(token, token.lemma_.lower(), owner=True)
        named = any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in token.children)
        if token.pos_ == "NOUN" and not named and any(c.lower_ == "the" and c.dep_ == "det" for c in token.children):
            head = token.lemma_.lower()  # "the alliance" refers back; "the Trump administration" names its own
            if head in _ORG_NOUNS:
                return self._recent(token.i, sent_of, starts, labels={"ORG"})
            if head in _PLACE_NOUNS:
                return self._recent(token.i, sent_of, starts, labels={"GPE"})
            return self._described_person(token, head)
        return None

    def _recent(
        self,
        i: int,
        sent_of: list[int],
        starts: list[int],
        gender: str | None = None,
        labels: set[str] | None = None,
        exclude: int | None = None,
    ) -> int | None:
        """What a pronoun or description most likely means, in its sentence or the two before: the nearest
        sentence first, then the subject of a main clause, then the nearest name. For he/she, a person of
        a matching (or unknown) gender."""
        best: tuple[int, int, int] | None = None
        chosen: int | None = None
        words = self.tokens
        fits: dict[int, bool] = {}  # entity -> whether it may be meant, judged once per entity
        for t in range(i - 1, starts[max(0, sent_of[i] - 2)] - 1, -1):
            e = self.by_token.get(t)  # names, and pronouns already resolved ('As he left, he said')
            if e is None or e == exclude or self.how.get(t) not in {"name", "pronoun"}:
                continue
            if e not in fits:
                fits[e] = self._fits(e, gender, labels)
            if not fits[e]:
                continue
            tok = words[t]
            subject = tok.dep_ in {"nsubj", "nsubjpass"}
            role = 0 if subject and tok.head.dep_ == "ROOT" else 1 if subject else 2
            score = (sent_of[i] - sent_of[t], role, i - t)
            if best is None or score < best:
                best, chosen = score, e
        return chosen

    def _fits(self, e: int, gender: str | None, labels: set[str] | None) -> bool:
        entity = self.entities[e]
        if gender and not (_person_like(entity) and (self.genders.get(e) or _gender(entity)) in {gender, None}):
            return False
        return not (labels and entity.label not in labels)

    def _described_person(self, token: Word, head: str, owner: bool = False) -> int | None:
        """'the president', 'the Russian president', "Putin's adviser": the person of the document with
        that role (and, for a possessive, that role in the possessor's service)."""
        candidates = [e for e, heads in self.roles.items() if head in heads]
        if owner:
            owners = {self.by_token.get(c.i) for c in token.children if c.dep_ == "poss"} - {None}
            candidates = [e for e in candidates if self.role_orgs.get(e, set()) & owners]
        if not candidates:
            return None
        adjectives = {c.i for c in token.children if c.dep_ in {"amod", "compound"}}
        for adj in adjectives:
            country = self.by_token.get(adj)
            if country is not None:
                candidates = [e for e in candidates if self.nationality.get(e) == country] or candidates
        if len(candidates) == 1:
            return candidates[0]
        # the one named most recently before the description
        for t in range(token.i - 1, -1, -1):
            e = self.by_token.get(t)
            if e in candidates and self.how.get(t) == "name":
                return e
        return None
