"""Every entity known to the store, with the surface forms and NER labels seen for it, and indexes for matching
names: by name key ('U.S.' = 'US'), by surname, by initials. Loaded from the store, grown by each batch.

An entity's type is a vote over all its mentions, corrected by the gazetteer; its label is its fullest
frequent name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..lexicon.gazetteer import Place
from ..lexicon.names import initials, is_acronym, is_party_name, looks_like_organization, looks_like_person, name_key

__all__ = ["KIND_OF_LABEL", "Entity", "Registry", "is_person", "person_names"]

KIND_OF_LABEL = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
    "EVENT": "NamedEvent",
    "LAW": "Work",
    "WORK_OF_ART": "Work",
    "PRODUCT": "Work",
}


# A tie in the vote goes to the label earliest here (then to the first in the alphabet), whatever order the
# votes came in: a person, then an organization, then places and the rest.
_TIE_ORDER = {
    label: i
    for i, label in enumerate(["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"])
}


@dataclass(slots=True)
class Entity:
    slug: str
    forms: Counter[str] = field(default_factory=Counter)  # names as written (titles stripped), with counts
    ner: Counter[str] = field(default_factory=Counter)  # NER label votes
    demonyms: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    place: Place | None = None  # the gazetteer's entry, when the entity is a known country or city

    @property
    def full_person_names(self) -> list[str]:
        return person_names(self.forms, self.ner)

    @property
    def kind(self) -> str:
        """Ontology class by vote; a gazetteer place never named like a person ('Joe X') is a place; a name
        with a given name first ('Michael Chertoff') is a person whatever the model said."""
        if self.place is not None and not (set(self.full_person_names) - {self.place.name}):
            return self.place.kind
        if not self.ner:
            return "Country" if self.demonyms else "Place"
        if is_person(self.forms, self.ner):
            return "Organization" if any(looks_like_organization(f) for f in self.forms) else "Person"
        label = max(sorted(self.ner), key=lambda label: (self.ner[label], -_TIE_ORDER.get(label, len(_TIE_ORDER))))
        if label in {"LOC", "FAC"} and self.place is None and any(_names_a_body(f) for f in self.forms):
            return "Organization"
        if label == "NORP" and all(is_party_name(f) for f in self.forms):  # 'the Democrats', 'Tories'
            return "Organization"
        return KIND_OF_LABEL.get(label, "Place")

    @property
    def label(self) -> str:
        if self.place is not None and self.kind in {"Country", "City", "Place"}:  # a state: California, not Calif.
            return self.place.name
        if not self.forms:
            return self.slug.replace("-", " ").title()
        full = self.full_person_names if self.kind == "Person" else []
        pool = full or list(self.forms)
        return max(pool, key=lambda f: (self.forms[f], not is_acronym(f) or len(pool) == 1, len(f), f))

    @property
    def mentions(self) -> int:
        return sum(self.forms.values()) + sum(self.demonyms.values())

    def aliases(self) -> list[str]:
        label = self.label
        return sorted(f for f in self.forms if f != label)

    @property
    def surnames(self) -> list[str]:
        """The last words of a person's full names ('Blinken'; 'Zelensky' and 'Zelenskiy' for a name seen in
        those spellings), by which news refer to people."""
        if self.kind != "Person":
            return []
        out = {f.split()[-1] for f in self.full_person_names if f.split()[-1][:1].isupper()}
        return sorted(out - set(self.forms))


@dataclass(slots=True)
class Registry:
    """All entities known to the store, with indexes for matching names."""

    entities: dict[str, Entity] = field(default_factory=dict)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    by_surname: dict[str, set[str]] = field(default_factory=dict)
    by_initials: dict[str, set[str]] = field(default_factory=dict)

    def add_entity(self, entity: Entity) -> None:
        self.entities[entity.slug] = entity
        for form in list(entity.forms):
            self.index(entity, form)
        if entity.place is not None:
            self.index_place(entity)

    def index_place(self, entity: Entity) -> None:
        assert entity.place is not None
        self.by_key.setdefault("place:" + name_key(entity.place.name), set()).add(entity.slug)
        self.by_key.setdefault(name_key(entity.place.name), set()).add(entity.slug)

    def people_named(self, surname: str) -> list[Entity]:
        slugs = self.by_surname.get(name_key(surname), set())
        return [e for s in sorted(slugs) if (e := self.entities[s]).kind == "Person"]

    def index(self, entity: Entity, form: str) -> None:
        key = name_key(form)
        self.by_key.setdefault(key, set()).add(entity.slug)
        words = key.split()
        if len(words) >= 2:
            self.by_surname.setdefault(words[-1], set()).add(entity.slug)
            if acronym := initials(form):
                self.by_initials.setdefault(acronym, set()).add(entity.slug)


# Last words of names of bodies of people, never of places: 'Great White Fleet', 'Pacific Command'.
_BODY_WORDS = frozenset("army navy fleet brigade corps division regiment battalion command police party".split())


def _names_a_body(form: str) -> bool:
    words = form.split()
    return len(words) >= 2 and words[-1].lower() in _BODY_WORDS


def person_names(forms: Counter[str], ner: Counter[str]) -> list[str]:
    """Full names ('Joe Biden') of something tagged a person, or named like one."""
    full = [f for f in forms if len(f.split()) >= 2]
    return full if ner["PERSON"] else [f for f in full if looks_like_person(f)]


def is_person(forms: Counter[str], ner: Counter[str]) -> bool:
    """Tagged a person most often, named like one, or tagged a person once and named by the surname of a
    full name ('Beto O'Rourke' ... 'O'Rourke', which the model took for an organization)."""
    if ner["PERSON"] and ner["PERSON"] >= max(ner.values()):
        return True
    return any(looks_like_person(f) for f in forms) or (ner["PERSON"] > 0 and _named_by_surname(forms))


def _named_by_surname(forms: Counter[str]) -> bool:
    full = [f.split() for f in forms if len(f.split()) >= 2 and not looks_like_organization(f)]
    return any(len(f.split()) == 1 and any(words[-1] == f for words in full) for f in forms)
