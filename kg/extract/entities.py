"""Within one document: which names name the same thing.

`link_entities` groups the mentions of a document into local entities (Joe Biden / Biden / President Biden;
the Organization for Security and Cooperation in Europe / OSCE; Tullow Oil / Tullow) and starts the
document's `References` with the words of each name. Pronouns and descriptions are `references`' job;
merging across documents is `kg.resolve`'s.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import initials, is_acronym, looks_like_organization, looks_like_person, name_key, same_person
from .mentions import Mention
from .references import References

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["LocalEntity", "link_entities"]


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

    @property
    def person_like(self) -> bool:
        """Tagged a person at least once, or named like one."""
        return self.labels["PERSON"] > 0 or looks_like_person(self.name)


def link_entities(state: DocumentState) -> None:
    """The local entity of each mention, the entities, and the references of their names."""
    state.entity_of, state.entities = _link(state.mentions)
    state.refs = References(state.parse, state.mentions, state.entity_of, state.entities)


def _link(mentions: list[Mention]) -> tuple[list[int], list[LocalEntity]]:
    """Group mentions into local entities; return the entity id of each mention and the entities."""
    by_key: dict[str, int] = {}
    entities: list[LocalEntity] = []
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
    return [assigned[i] for i in range(len(mentions))], entities


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
    return min(candidates, key=candidates.__getitem__)


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
    if len(other_words) >= 2 and _named_like_person(m) and entity.person_like and same_person(m.text, other.text):
        return True
    if _is_short_company_name(words, other_words, other):
        return True
    if _is_short_paper_name(words, other_words, other):
        return True
    person = entity.person_like or _named_like_person(m)
    return acronym and not person and is_acronym(m.text) and initials(other.text) == key.replace(" ", "")


_CORPORATE_SUFFIXES = frozenset(
    "oil corp corporation inc ltd plc co company group holdings bank airlines sa ag party".split()
)
# Last words of names that keep their place in front: 'the New York Times' is 'the Times' further down.
_PLACE_NAMED = frozenset("times post journal herald tribune telegraph guardian chronicle gazette globe star".split())


def _is_short_paper_name(words: list[str], full: list[str], other: Mention) -> bool:
    """'Times' for 'New York Times', 'Post' for 'Washington Post': a publication named after its place,
    shortened to its last word."""
    if len(words) != 1 or len(full) < 2 or full[-1] != words[0] or words[0] not in _PLACE_NAMED:
        return False
    return other.label == "ORG" and lookup_place(" ".join(full[:-1])) is not None


def _is_short_company_name(words: list[str], full: list[str], other: Mention) -> bool:
    """'Tullow' for 'Tullow Oil', 'Apache' for 'Apache Corp.'."""
    tail = full[len(words) :]
    if not words or full[: len(words)] != words or not tail or not set(tail) <= _CORPORATE_SUFFIXES:
        return False
    return other.label == "ORG" or looks_like_organization(other.text)


def _named_like_person(m: Mention) -> bool:
    return m.label == "PERSON" or looks_like_person(m.text)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _is_part_of_name(words: list[str], full: list[str], entity: LocalEntity) -> bool:
    """'biden' is part of 'joe biden' (a person's surname); 'state department' of 'us state department'.
    Not places: 'Las Vegas' is not 'North Las Vegas', nor 'South Wales' 'New South Wales'."""
    if full[-len(words) :] != words:
        return False
    return entity.person_like or (len(words) >= 2 and entity.label not in _PLACE_LABELS)
