"""Across documents: one node per real-world entity, whatever spelling each article uses.

`Resolver.resolve` maps each document's local entities onto the entities of a `Registry`:
  * exact name keys ('U.S.' = 'US'), gazetteer places ('Kiev' = 'Kyiv', 'America' = 'United States');
  * people's full names that differ by transliteration ('Sergey'/'Sergei', 'Zelenskyy'/'Zelenskiy'), by fuzzy
    matching of first name and surname separately (rapidfuzz), so 'George Bush' and 'Laura Bush' stay apart;
  * surnames alone ('Biden') to the full name they abbreviate, and acronyms to the names they abbreviate;
  * demonyms ('Russian') to their country, as a demonym rather than a name.
A local entity that matches none becomes a new entity, its IRI minted once from its first label.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..extract.entities import LocalEntity
from ..lexicon.gazetteer import Place, country_of_demonym, lookup_place
from ..lexicon.names import SURNAME_SIMILARITY, initials, is_acronym, looks_like_person, name_key, same_person, slugify
from .registry import Entity, Registry, is_person, person_names

__all__ = ["Resolver", "demonym_of", "place_of"]

BIG_CITY = 1_000_000  # a one-word name the model took for a person is a city only when the city is this big


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
        """An acronym and its long form from different documents meet only when one organization alone fits,
        and the evidence never chains: a long form joins an entity known by the acronym alone, never one
        that an acronym has already joined to another long form ('SC' for 'Supreme Court' is no evidence
        that 'Skidmore College' is the court)."""
        reg = self.registry
        out: list[str] = []
        for form in cand.forms:
            if is_acronym(form):
                out += sorted(reg.by_initials.get(name_key(form).replace(" ", ""), ()))
            elif acronym := initials(form):
                out += [s for s in sorted(reg.by_key.get(acronym, ())) if _known_by_acronyms(reg.entities[s])]
        found = [s for s in dict.fromkeys(out) if _organization(reg.entities[s], cand)]
        return found if len(found) == 1 else []

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


def _known_by_acronyms(entity: Entity) -> bool:
    return all(is_acronym(f) for f in entity.forms)


def _organization(entity: Entity, cand: _Candidate) -> bool:
    """Acronyms are evidence for organizations only: never for a person ('D.C.' is not 'Dominic Cummings')."""
    if entity.kind == "Person" or cand.is_person:
        return False
    return entity.kind == "Organization" or cand.ner["ORG"] > 0


def _candidate(doc: int, local: LocalEntity) -> _Candidate:
    return _Candidate(doc, local.id, Counter(local.forms), Counter(local.labels), demonym_of(local))


def demonym_of(local: LocalEntity) -> str | None:
    """The country a local entity names by its demonym ('Russian'), if that is all it is."""
    if local.labels["NORP"] >= max(local.labels.values()):
        countries = {country_of_demonym(f) for f in local.forms}
        if len(countries) == 1 and None not in countries:
            return countries.pop()
    return None


def place_of(forms: Counter[str], ner: Counter[str], demonyms: Counter[str] | None = None) -> Place | None:
    """The gazetteer place an entity is: when the model saw it as a place at least once; or when it took
    a country, a big city or a many-word place name for a person ('Kyiv won't join', 'El Paso') or a
    country for an organization."""
    for form, _ in forms.most_common():
        place = lookup_place(form)
        if place is None:
            continue
        if ner["GPE"] or ner["LOC"]:
            return place
        if place.kind == "Country" and not (is_acronym(form) and ner["ORG"]):  # an 'SC' tagged ORG is no code
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
