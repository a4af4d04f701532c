"""Across documents: one node per real-world entity, whatever spelling each article uses.

A `Registry` holds every known entity with the surface forms and NER labels seen for it (loaded from the
store, grown by each batch). `Resolver.resolve` maps each document's local entities onto registry entities:
  * exact name keys ('U.S.' = 'US'), gazetteer places ('Kiev' = 'Kyiv', 'America' = 'United States');
  * people's full names that differ by transliteration ('Sergey'/'Sergei', 'Zelenskyy'/'Zelenskiy'), by fuzzy
    matching of first name and surname separately (rapidfuzz), so 'George Bush' and 'Laura Bush' stay apart;
  * surnames alone ('Biden') to the full name they abbreviate, and acronyms to the names they abbreviate;
  * demonyms ('Russian') to their country, as a demonym rather than a name.
The entity's type is a vote over all its mentions, corrected by the gazetteer; its label is its fullest
frequent name. IRIs are minted once from the first label and never change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..extract.coref import LocalEntity
from ..lexicon.gazetteer import Place, country_of_demonym, lookup_place
from ..lexicon.names import (
    SURNAME_SIMILARITY,
    initials,
    is_acronym,
    looks_like_organization,
    looks_like_person,
    name_key,
    same_person,
    slugify,
)

__all__ = ["KIND_OF_LABEL", "Entity", "Registry", "Resolver", "place_of"]

BIG_CITY = 1_000_000  # a one-word name the model took for a person is a city only when the city is this big
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
        label, _ = max(self.ner.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
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


@dataclass(slots=True)
class _Candidate:
    doc: int
    local: int
    forms: Counter[str]
    ner: Counter[str]
    demonym_of: str | None = None

    @property
    def is_person(self) -> bool:
        return is_person(self.forms, self.ner)

    @property
    def full_person_names(self) -> list[str]:
        return person_names(self.forms, self.ner)


class Resolver:
    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry or Registry()

    def resolve(self, docs: list[list[LocalEntity]]) -> tuple[dict[tuple[int, int], str], set[str]]:
        """Map (document index, local entity id) to an entity slug; also return the slugs touched."""
        candidates = [_candidate(d, e) for d, entities in enumerate(docs) for e in entities]
        # full names before short ones, so 'Biden' finds 'Joe Biden' from a later document of the batch
        candidates.sort(key=lambda c: (-max(len(f.split()) for f in c.forms), c.doc, c.local))
        mapping: dict[tuple[int, int], str] = {}
        touched: set[str] = set()
        documents_seen: set[tuple[int, str]] = set()
        for cand in candidates:
            entity = self._match(cand) or self._new(cand)
            self._absorb(entity, cand)
            mapping[(cand.doc, cand.local)] = entity.slug
            touched.add(entity.slug)
            if (cand.doc, entity.slug) not in documents_seen:
                documents_seen.add((cand.doc, entity.slug))
                entity.documents += 1
        return mapping, touched

    # --- matching -------------------------------------------------------------------------------------

    def _match(self, cand: _Candidate) -> Entity | None:
        reg = self.registry
        if cand.demonym_of:
            return self.entity_for_place(cand.demonym_of)
        found: list[str] = []
        place = _best_place(cand)
        if place is not None:  # 'Kiev' finds 'Kyiv', and a 'Kyiv' the model took for a person
            found += sorted(reg.by_key.get("place:" + name_key(place.name), ()))
            found += sorted(reg.by_key.get(name_key(place.name), ()))
        for form in cand.forms:
            found += sorted(reg.by_key.get(name_key(form), ()))
        found = [s for s in dict.fromkeys(found) if self._compatible(reg.entities[s], cand)]
        if not found and cand.is_person:
            found = self._similar_people(cand) or self._by_surname(cand)
        if not found:
            found = self._acronym_matches(cand)
        if not found:
            return None
        return max((reg.entities[s] for s in found), key=lambda e: (e.mentions, e.slug))

    def entity_for_place(self, name: str) -> Entity | None:
        """The registry entity of a gazetteer place name, if any."""
        slugs = self.registry.by_key.get("place:" + name_key(name)) or self.registry.by_key.get(name_key(name), set())
        return self.registry.entities[min(slugs)] if slugs else None

    def _compatible(self, entity: Entity, cand: _Candidate) -> bool:
        """Two full names must be the same person; a person's full name never joins a gazetteer place."""
        mine, theirs = cand.full_person_names, entity.full_person_names
        if mine and theirs:
            return all(same_person(a, b) for a in mine for b in theirs)
        if mine:
            return entity.place is None
        if theirs and not cand.is_person:
            return _best_place(cand) is None
        return True

    def _similar_people(self, cand: _Candidate) -> list[str]:
        out = []
        for form in cand.forms:
            words = name_key(form).split()
            if len(words) < 2:
                continue
            for surname, slugs in self.registry.by_surname.items():
                if fuzz.ratio(surname, words[-1]) < SURNAME_SIMILARITY:
                    continue
                for slug in slugs:
                    entity = self.registry.entities[slug]
                    if entity.full_person_names and all(same_person(form, f) for f in entity.full_person_names):
                        out.append(slug)
        return list(dict.fromkeys(out))

    def _by_surname(self, cand: _Candidate) -> list[str]:
        """'Merkel' alone is the one person of that surname, if there is exactly one."""
        surnames = {name_key(f) for f in cand.forms if len(f.split()) == 1}
        people = {e.slug for key in surnames for e in self.registry.people_named(key)}
        return sorted(people) if len(people) == 1 else []

    def _acronym_matches(self, cand: _Candidate) -> list[str]:
        reg = self.registry
        out: list[str] = []
        for form in cand.forms:
            if is_acronym(form):
                out += sorted(reg.by_initials.get(name_key(form).replace(" ", ""), ()))
            elif acronym := initials(form):
                out += [
                    s for s in sorted(reg.by_key.get(acronym, ())) if any(is_acronym(f) for f in reg.entities[s].forms)
                ]
        return [s for s in dict.fromkeys(out) if reg.entities[s].kind == "Organization" or cand.ner["ORG"]]

    # --- growing the registry ---------------------------------------------------------------------------

    def _new(self, cand: _Candidate) -> Entity:
        place = _best_place(cand)
        if place is not None:
            name = place.name
        else:
            full = cand.full_person_names
            name = max(full or cand.forms, key=lambda f: (cand.forms[f], len(f)))
        slug = slugify(name)
        n = 2
        while slug in self.registry.entities:  # the same name already names something incompatible
            slug = f"{slugify(name)}-{n}"
            n += 1
        entity = Entity(slug, place=place)
        self.registry.add_entity(entity)
        return entity

    def _absorb(self, entity: Entity, cand: _Candidate) -> None:
        if cand.demonym_of:
            entity.demonyms.update(cand.forms)
            return
        entity.forms.update(cand.forms)
        entity.ner.update(cand.ner)
        if entity.place is None:
            entity.place = _best_place(cand)
            if entity.place is not None:
                self.registry.index_place(entity)
        for form in cand.forms:
            self.registry.index(entity, form)


def _candidate(doc: int, local: LocalEntity) -> _Candidate:
    demonym = None
    if local.labels["NORP"] >= max(local.labels.values()):
        countries = {country_of_demonym(f) for f in local.forms}
        if len(countries) == 1 and None not in countries:
            demonym = countries.pop()
    return _Candidate(doc, local.id, Counter(local.forms), Counter(local.labels), demonym)


def place_of(forms: Counter[str], ner: Counter[str], demonyms: Counter[str] | None = None) -> Place | None:
    """The gazetteer place an entity is: when the model saw it as a place at least once; or when it took
    a country, a big city or a many-word place name for a person ('Kyiv won't join', 'El Paso') or a
    country for an organization."""
    for form, _ in forms.most_common():
        place = lookup_place(form)
        if place is None:
            continue
        if ner["GPE"] or ner["LOC"] or place.kind == "Country":
            return place
        if ner["PERSON"] and not looks_like_person(form) and (len(form.split()) > 1 or place.population >= BIG_CITY):
            return place
    if demonyms:
        country = country_of_demonym(next(iter(demonyms)))
        return lookup_place(country) if country else None
    return None


def _best_place(cand: _Candidate) -> Place | None:
    if cand.demonym_of:
        return lookup_place(cand.demonym_of)
    return place_of(cand.forms, cand.ner)


def person_names(forms: Counter[str], ner: Counter[str]) -> list[str]:
    """Full names ('Joe Biden') of something tagged a person, or named like one."""
    full = [f for f in forms if len(f.split()) >= 2]
    return full if ner["PERSON"] else [f for f in full if looks_like_person(f)]


def is_person(forms: Counter[str], ner: Counter[str]) -> bool:
    if ner["PERSON"] and ner["PERSON"] >= max(ner.values()):
        return True
    return any(looks_like_person(f) for f in forms)
