"""Standing relations stated in the noun phrase of a name: where people live or come from and whom they work
for, where organizations are based, which place lies in which.

  * 'Albert Harjula, 29, of Thomaston', 'Tom Smith, a lawyer from Chicago', 'a native of Chisholm', 'She is a
    New Jersey native', 'Idaho Gov. Cecil Andrus', 'U.S. District Judge Ann Lee' -> homeLocation (a country in
    a title is where the person serves, not an employer);
  * 'X lives in Y', "Sohn's New Jersey home", "Beaumont, Texas, Richardson's hometown" -> homeLocation;
  * 'X was born in Y', 'X, born in Y' -> birthPlace;
  * 'Greg Thayer of the U.S. Forest Service', "the PRI's Ernesto Zedillo", 'Navy Capt. Michael Coats', 'Ann Lee,
    an executive with Acme Corp.', 'X taught at Harvard University' -> worksFor;
  * 'Pacific Marine Inc. of Houston', "Leningrad's Kirov Ballet", 'Acme, a Houston oil firm', 'NRC headquarters
    in Rockville' -> basedIn;
  * 'Kassala in eastern Sudan', "Beijing's Tiananmen Square" -> locatedIn.
A place named with its state or country ('of Miami, Fla.') gives both.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import TITLE_WORDS, first_name_gender, looks_like_organization, looks_like_person
from ..nlp.parse import Word
from .affiliations import standing_relation
from .arguments import Arg, ArgumentReader
from .modality import read_clause

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["read_origins"]

# (kind of the holder, kind of the other) -> predicate
_PREDICATE = {
    ("person", "home"): "homeLocation",
    ("person", "org"): "worksFor",
    ("org", "home"): "basedIn",
    ("org", "area"): "basedIn",
    ("place", "home"): "locatedIn",
    ("place", "area"): "locatedIn",
}
# prepositions after a name that say where it belongs, by the kind of the name
_PREPOSITIONS = {"person": {"of", "from"}, "org": {"of", "from", "in"}, "place": {"in"}}
_MODIFIERS = {"compound", "nmod", "amod", "poss", "npadvmod"}
_RESIDENTS = {"native", "resident", "citizen", "inhabitant", "mayor", "governor"}
_LIVE = {"live", "reside", "settle"}
_HOMES = {"home", "hometown", "homeland"}
_SEATS = {"headquarters", "headquarter", "seat"}
_WORK = {"work", "teach", "serve"}
_COUNTERPARTS = {
    "partner",
    "ally",
    "rival",
    "critic",
    "opponent",
    "friend",
    "enemy",
    "competitor",
    "counterpart",
    "supporter",
    "fan",
    "voter",
    "customer",
    "client",
    "shareholder",
    "investor",
    "user",
    "backer",
    "detractor",
}
_EMPLOYERS = {"at", "with", "for"}
_PARTIES = {"party", "union", "alliance", "front", "movement", "league", "coalition", "bloc", "congress"}
_PLACE_HEADS = {"County", "Parish", "Province", "District", "Township", "Prefecture", "Oblast"}
# what a place is said to be of a larger one: 'the capital of Armenia', 'a province of Canada'
_PLACE_NOUNS = {"capital", "city", "town", "village", "province", "state", "region", "district", "suburb", "part"}
_PARTITIVES = {
    "one",
    "some",
    "many",
    "several",
    "among",
}  # after a description or a verb of work: 'an executive with Titan Systems'


def _kind(token: Word, reader: ArgumentReader) -> tuple[int, str] | None:
    """The named entity a word belongs to and its kind: person, org, home (a GPE) or area (another place)."""
    e = reader.refs.entity(token)
    if e is None or reader.refs.how.get(token.i) != "name":
        return None
    entity = reader.refs.entities[e]
    if entity.label == "GPE" or _misread_place(entity.label, entity.name):
        return e, "home"
    if entity.label in {"LOC", "FAC"}:
        return e, "area"
    if looks_like_organization(entity.name):
        return e, "org"
    if entity.label == "PERSON" or (entity.label == "ORG" and looks_like_person(entity.name)):
        return e, "person"  # the model often takes a full name with a rare surname for an organization
    return (e, "org") if entity.label == "ORG" else None


def _misread_place(label: str, name: str) -> bool:
    """'Yerevan' taken for a person: a one-word name the gazetteer knows as a city or country, and no given name;
    a name ending in a word for a territory ('Pike County')."""
    if label != "PERSON":
        return False
    if name.split()[-1] in _PLACE_HEADS:  # 'Pike County' taken for a person
        return True
    if len(name.split()) != 1 or first_name_gender(name) is not None:
        return False
    known = lookup_place(name)
    return known is not None and known.kind in {"City", "Country"}


def _holder(kind: str) -> str:
    return "place" if kind in {"home", "area"} else kind


def _within(place: Word) -> list[Word]:
    """'Miami, Fla.': the place and the larger ones named in apposition after it."""
    out = [place]
    for child in place.children:
        if child.dep_ in {"appos", "npadvmod"} and child.ent_type_ == "GPE":
            out += _within(child)
    return out


def _prep_objects(token: Word, preps: set[str]) -> list[Word]:
    """The objects of the prepositions, with those coordinated ('at Yale University and the War College')."""
    objects = [
        o for p in token.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children if o.dep_ == "pobj"
    ]
    return [c for o in objects for c in _coordinated(o)]


def _coordinated(word: Word) -> list[Word]:
    """The word and the words coordinated after it: 'a director of X and a member of Y'."""
    out = [word]
    for child in word.children:
        if child.dep_ == "conj":
            out += _coordinated(child)
    return out


def _modifiers(token: Word) -> list[Word]:
    """Names in front of a word, inside its noun phrase: 'Idaho' and 'U.S.' in 'Idaho Gov.', 'U.S. District Judge'."""
    out: list[Word] = []
    for child in token.lefts:
        if child.dep_ in _MODIFIERS:
            out += [child, *_modifiers(child)]
    return out


def _roots(state: DocumentState) -> Iterator[Word]:
    """The head word of each name."""
    words = state.parse.words
    for m in state.mentions:
        for w in words[m.token_start : m.token_end]:
            if not m.token_start <= w.head.i < m.token_end or w.head is w:
                yield w
                break


def _verbs_of(root: Word, lemmas: set[str]) -> list[Word]:
    """The verbs of `lemmas` a name is the subject of, in its clause or in a relative one ('who lives in')."""
    verb = root.head
    found = [verb] if root.dep_ == "nsubj" and verb.lemma_.lower() in lemmas else []
    return found + [c for c in root.children if c.dep_ == "relcl" and c.lemma_.lower() in lemmas]


class _Reader:
    def __init__(self, state: DocumentState) -> None:
        self.reader = ArgumentReader(state.refs)
        self.out = state.relations
        self.seen: set[tuple[int, str, int, int]] = set()

    def add(self, holder: tuple[int, str], other: Word, token: Word, clause: Word | None = None) -> None:
        """holder's relation to the entity `other` names, and to the places it lies in."""
        for word in _within(other) if other.ent_type_ == "GPE" else [other]:
            found = _kind(word, self.reader)
            if found is None or found[0] == holder[0]:
                continue
            predicate = _PREDICATE.get((_holder(holder[1]), found[1]))
            if predicate is None or (key := (holder[0], predicate, found[0], token.i)) in self.seen:
                continue
            self.seen.add(key)
            self.state(holder[0], predicate, found[0], token, clause)

    def state(self, holder: int, predicate: str, other: int, token: Word, clause: Word | None) -> None:
        """The relation, read as its clause is when a clause states it ('is not a native of')."""
        relation = standing_relation(Arg(entity=holder), predicate, Arg(entity=other), token, self.reader)
        self.out.append(replace(relation, reading=read_clause(clause)) if clause is not None else relation)

    def name(self, root: Word) -> None:
        """Patterns around the head word of a name."""
        holder = _kind(root, self.reader)
        if holder is None:
            return
        kind = _holder(holder[1])
        for other in _prep_objects(root, _PREPOSITIONS[kind]):
            self.add(holder, other, root)
        if kind == "person":
            self.units(holder, root)
        for other in _modifiers(root):
            if kind == "person" or other.dep_ == "poss" or kind == "org":
                self.add(holder, other, root)
        if kind == "org":
            self.party(holder, root)
        for noun in (c for c in root.children if c.dep_ == "appos" and _kind(c, self.reader) is None):
            self.description(holder, noun, None)
        if root.dep_ == "appos" and _kind(root.head, self.reader) is None:  # "Bosnia's capital, Sarajevo"
            self.description(holder, root.head, None)
        if kind == "person":
            self.clause(holder, root)
        elif kind == "place" and root.dep_ == "nsubj" and root.head.lemma_ == "be":  # 'X is the capital of Y'
            for noun in (c for c in root.head.children if c.dep_ == "attr" and _kind(c, self.reader) is None):
                self.description(holder, noun, root.head)

    def units(self, holder: tuple[int, str], root: Word) -> None:
        """'Ann Walsh at the Institute of Physics'; 'Joe Ray of the agency's fire unit', 'Joe Ray of the Acme
        legal team': the organization a unit after a name belongs to."""
        for other in _prep_objects(root, {"at"}):
            if other.ent_type_ == "ORG":
                self.add(holder, other, root)
        for unit in _prep_objects(root, {"of", "at"}):
            if unit.pos_ == "NOUN" and _kind(unit, self.reader) is None:
                for owner in (c for c in unit.children if c.dep_ in {"poss", "compound"} and c.ent_type_ == "ORG"):
                    self.add(holder, owner, root)

    def party(self, group: tuple[int, str], root: Word) -> None:
        """ "Modi's Bharatiya Janata Party", "the senator's own party": a person's party or union is one they
        belong to."""
        name = self.reader.refs.entities[group[0]].name.lower().split()
        if not name or name[-1] not in _PARTIES:
            return
        for owner in (c for c in root.children if c.dep_ == "poss"):
            found = _kind(owner, self.reader)
            if found is not None and found[1] == "person" and found[0] != group[0]:
                self.state(found[0], "memberOf", group[0], owner, None)

    def description(self, holder: tuple[int, str], noun: Word, clause: Word | None) -> None:
        """'a Houston oil firm', "Russia's foreign minister", 'a lawyer from Chicago', 'a native of Chisholm',
        'a director of X and a member of Y', 'one of the top lawyers in Canada'."""
        for word in _coordinated(noun):
            if (
                word.lower_ in _PARTITIVES or word.tag_ == "JJS"
            ):  # 'one of the top lawyers': the group says what the holder is
                for group in _prep_objects(word, {"of"}):
                    self.described(holder, group, clause)
            else:
                self.described(holder, word, clause)

    def described(self, holder: tuple[int, str], noun: Word, clause: Word | None) -> None:
        """One description noun's modifiers and prepositions."""
        if noun.pos_ not in {"NOUN", "PROPN"} and noun.tag_ != "JJS":
            return
        lemma = noun.lemma_.lower()
        person, place = _holder(holder[1]) == "person", _holder(holder[1]) == "place"
        for other in _modifiers(noun):  # 'a NATO critic', 'an Exxon fan' name no employer
            if not (person and lemma in _COUNTERPARTS and other.ent_type_ == "ORG"):
                self.add(holder, other, noun, clause)
        # 'a native of Ohio', 'the mayor of Quito', 'the capital of Armenia'
        of = lemma in _RESIDENTS or (place and lemma in _PLACE_NOUNS)
        preps = {"from", "of"} if of else {"from"}
        # 'one of the top lawyers in Canada', 'an island nation in the Indian Ocean'
        for other in _prep_objects(noun, preps | ({"in"} if person or place else set())):
            if other.ent_type_ == "GPE" or (place and other.ent_type_ == "LOC"):
                self.add(holder, other, noun, clause)
        if person and lemma not in _COUNTERPARTS:
            self.employers(holder, noun, clause)

    def employers(self, holder: tuple[int, str], noun: Word, clause: Word | None) -> None:
        """'an executive with Titan Systems', 'a professor at Yale University', 'a member of the Green Party',
        'a Republican who served in Congress'."""
        employers = _EMPLOYERS | ({"of"} if noun.lemma_.lower() in TITLE_WORDS else set())
        for other in _prep_objects(noun, employers):
            if other.ent_type_ == "ORG":
                self.add(holder, other, noun, clause)
        for work in (c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in _WORK):
            for other in _prep_objects(work, _EMPLOYERS | {"in"}):
                if other.ent_type_ == "ORG":
                    self.add(holder, other, work, work)

    def clause(self, holder: tuple[int, str], root: Word) -> None:
        """'X is a New Jersey native', 'X lives in Y', 'X was born in Y', 'X, born in Y'."""
        verb, lemma = root.head, root.head.lemma_.lower()
        if root.dep_ == "nsubj" and lemma in {"be", "become"}:
            for noun in (c for c in verb.children if c.dep_ == "attr" and _kind(c, self.reader) is None):
                self.description(holder, noun, verb)
        for work in _verbs_of(root, _WORK):  # 'X works for Y', 'X taught at Y', 'X, who served in Congress'
            for other in _prep_objects(work, _EMPLOYERS | {"in"}):
                if other.ent_type_ == "ORG":
                    self.add(holder, other, work, work)
        for live in _verbs_of(root, _LIVE):  # 'X lives in Y', 'X, who lives in Y'
            for other in _prep_objects(live, {"in"}):
                self.add(holder, other, live, live)
        if (root.dep_ == "nsubjpass" and lemma == "bear") or any(c.lemma_ == "bear" for c in root.children):
            born = verb if root.dep_ == "nsubjpass" else next(c for c in root.children if c.lemma_ == "bear")
            self.born(holder, born)

    def born(self, holder: tuple[int, str], verb: Word) -> None:
        """'was born in Lubbock, Texas': the birthplace and the places it lies in; 'Tupelo, where Elvis Presley
        was born'."""
        clause = verb if verb.dep_ != "acl" else None
        places = _prep_objects(verb, {"in"})
        if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
            places.append(verb.head)
        for other in places:
            for word in _within(other) if other.ent_type_ == "GPE" else []:
                found = _kind(word, self.reader)
                if found is not None and found[1] == "home" and found[0] != holder[0]:
                    self.state(holder[0], "birthPlace", found[0], verb, clause)

    def seat(self, noun: Word) -> None:
        """'NRC headquarters in Rockville, Md.', "the company's headquarters in Houston"."""
        owner = next((c for c in noun.children if c.dep_ in {"compound", "poss"} and c.ent_type_ == "ORG"), None)
        found = _kind(owner, self.reader) if owner is not None else None
        if found is not None and found[1] == "org":
            for place in _prep_objects(noun, {"in", "at"}):
                self.add(found, place, noun)

    def home(self, noun: Word) -> None:
        """ "Sohn's New Jersey home", "Beaumont, Texas, Richardson's hometown", "his hometown of Grants", "his
        native Denver"."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        found = self.reader.entity(owner) if owner is not None else None
        if found is None or self.reader.refs.entities[found[0]].label != "PERSON":
            return
        places = [c for c in noun.lefts if c.dep_ == "compound"] + _prep_objects(noun, {"of", "in"})
        places += [c for c in noun.children if c.dep_ == "appos"] + ([noun.head] if noun.dep_ == "appos" else [])
        if noun.ent_type_ == "GPE":  # 'his native Denver'
            places.append(noun)
        for place in (p for p in places if p.ent_type_ == "GPE"):
            self.add((found[0], "person"), place, noun)


def _is_home(word: Word) -> bool:
    """'home', 'hometown', or a place called native ('his native Denver')."""
    if word.pos_ == "NOUN" and word.lemma_.lower() in _HOMES:
        return True
    return word.ent_type_ == "GPE" and any(c.dep_ == "amod" and c.lower_ == "native" for c in word.children)


def read_origins(state: DocumentState) -> None:
    """Where the document's people live and work, where its organizations are based, where its places lie."""
    reader = _Reader(state)
    for root in _roots(state):
        reader.name(root)
    for word in state.parse.words:
        if _is_home(word):
            reader.home(word)
        elif word.pos_ == "NOUN" and word.lemma_.lower() in _SEATS:
            reader.seat(word)
