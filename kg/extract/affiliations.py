"""Standing relations that news states in passing: where an organization is based, which place lies in
which, who is a member of what.

  * 'the Moscow-based Levada Center', 'Gazprom, headquartered in Saint Petersburg', 'X is based in Y'
  * 'Geneva, Switzerland'
  * 'Anna Schmidt, a member of the Green Party'
Each is a Relation with an ontology predicate (basedIn, locatedIn, memberOf), so it is stored with its evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import looks_like_organization
from ..nlp.parse import Word
from .arguments import Arg, ArgumentReader
from .modality import Reading, read_clause
from .relations import Relation

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["PLACE_LABELS", "read_affiliations", "standing_relation"]

_STATED = Reading("positive", "asserted", "present")
_BASED = {"base", "headquarter", "locate", "found", "register"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CUES = _BASED | {"member", "in"}  # the lemmas the patterns start from, besides an apposition ('Geneva, Switzerland')


def _place(token: Word, reader: ArgumentReader) -> Arg | None:
    if token.ent_type_ not in PLACE_LABELS:
        return None
    found = reader.entity(token)
    return Arg(entity=found[0]) if found else None


def standing_relation(
    subject: Arg, predicate: str, obj: Arg, token: Word, reader: ArgumentReader, reading: Reading = _STATED
) -> Relation:
    """A relation stated in passing at `token`, over its whole sentence."""
    sentence = reader.refs.sentences.of(token)
    return Relation(
        subject=subject,
        predicate=predicate,
        verb=token.lemma_.lower(),
        object=obj,
        sent=reader.refs.sentences.index(token),
        start=sentence.start_char,
        end=sentence.end_char,
        reading=reading,
        confidence=0.75,
    )


def _based(token: Word, reader: ArgumentReader) -> Relation | None:
    """'Moscow-based X', 'X, headquartered in Y', 'X is based in Y'."""
    if token.lemma_.lower() not in _BASED:
        return None
    if token.dep_ == "amod":  # Moscow-based Levada Center
        places = [c for c in token.children if c.dep_ in {"npadvmod", "compound", "nmod"}]
        owner = reader.entity(token.head)
        place = _place(places[0], reader) if places else None
        reading = _STATED
    else:
        places = [
            o
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in {"in", "at"}
            for o in p.children
            if o.dep_ == "pobj"
        ]
        subject = (
            token.head if token.dep_ == "acl" else next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        )
        owner = reader.entity(subject) if subject is not None else None
        place = _place(places[0], reader) if places else None
        reading = read_clause(token) if token.dep_ != "acl" else _STATED
    if owner is None or place is None or owner[0] == place.entity:
        return None
    return standing_relation(Arg(entity=owner[0]), _based_predicate(owner[0], reader), place, token, reader, reading)


def _based_predicate(owner: int, reader: ArgumentReader) -> str:
    """An organization is based in a place, a place lies in it, a person lives there."""
    entity = reader.refs.entities[owner]
    if entity.label in PLACE_LABELS:
        return "locatedIn"
    return "homeLocation" if entity.label == "PERSON" and not looks_like_organization(entity.name) else "basedIn"


def _within(token: Word, reader: ArgumentReader) -> Relation | None:
    """'Geneva, Switzerland': a place with another place in apposition lies in it."""
    if token.dep_ != "appos" or token.ent_type_ != "GPE" or token.head.ent_type_ != "GPE":
        return None
    inner, outer = _place(token.head, reader), _place(token, reader)
    if inner is None or outer is None or inner.entity == outer.entity:
        return None
    return standing_relation(inner, "locatedIn", outer, token, reader, _STATED)


# Words between a place and the larger one it lies in: 'Aswan in southern Egypt', 'in the east of Chad'.
_COMPASS = (
    frozenset(f"{a}{b}" for a in ("north", "south", "", "mid") for b in ("", "east", "west", "-east", "-west"))
    | frozenset(
        f"{w}ern" for w in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
    )
    | {"north-eastern", "north-western", "south-eastern", "south-western", "central", "upstate", "rural", "the"}
)
_PARTS = frozenset({"part", "region", "area", "corner", "province", "of"})


def _contained(token: Word, reader: ArgumentReader) -> Relation | None:
    """'Aswan in southern Egypt', 'Kibungo in the eastern part of Rwanda', 'the Field Museum, in Chicago': a name of
    a place right before 'in' and a larger place."""
    words = reader.refs.tokens
    if token.lower_ != "in" or token.i == 0 or token.i + 1 >= len(words):
        return None
    before, j = words[token.i - 1], token.i + 1
    if before.text == "," and token.i > 1:  # 'the Palace of Fine Arts, in San Francisco'
        before = words[token.i - 2]
    while j < len(words) - 1 and (words[j].lower_ in _COMPASS or words[j].lower_ in _PARTS):
        j += 1
    inner, outer = _place(before, reader), _place(words[j], reader)
    if inner is None or outer is None or inner.entity == outer.entity or words[j].ent_type_ not in {"GPE", "LOC"}:
        return None
    if inner.entity is None or _is_country(reader.refs.entities[inner.entity].name):
        return None  # a country is rarely written 'in' a larger place ('Japan in the Sea of Japan' is off its coast)
    return standing_relation(inner, "locatedIn", outer, token, reader, _STATED)


def _comma_place(token: Word, reader: ArgumentReader) -> Relation | None:
    """'Rockville, Md.', 'Mohammadia, south-east Algeria' however parsed: a place, a comma and a state or country
    (an apposition of two places is `_within`'s; a list of states or countries is no containment)."""
    words = reader.refs.tokens
    if token.text != "," or token.i == 0 or token.i + 1 >= len(words):
        return None
    before, j = words[token.i - 1], token.i + 1
    while j < len(words) - 1 and words[j].lower_ in _COMPASS - {"the"}:
        j += 1
    after = words[j]
    if after.dep_ == "appos" and after.head.i == before.i:
        return None
    inner, outer = _place(before, reader), _place(after, reader)
    if inner is None or outer is None or inner.entity is None or outer.entity is None or inner.entity == outer.entity:
        return None
    names = reader.refs.entities
    known_inner, known_outer = lookup_place(names[inner.entity].name), lookup_place(names[outer.entity].name)
    if known_outer is None or known_outer.kind == "City" or after.ent_type_ != "GPE":
        return None
    if known_inner is not None and known_inner.kind != "City":
        return None  # 'Texas, Ohio and Iowa', 'Kenya, Uganda'
    return standing_relation(inner, "locatedIn", outer, token, reader, _STATED)


def _is_country(name: str) -> bool:
    known = lookup_place(name)
    return known is not None and known.kind == "Country"


def _member(token: Word, reader: ArgumentReader) -> Relation | None:
    """'Anna Schmidt, a member of the Green Party'; 'Schmidt is a member of ...'."""
    if token.lemma_.lower() != "member":
        return None
    who: Word | None
    if token.dep_ == "appos":
        who = token.head
    elif token.dep_ == "attr" and token.head.lemma_ in {"be", "become"}:
        who = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    else:
        return None
    groups = [
        o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"
    ]
    member = reader.entity(who) if who is not None else None
    group = reader.entity(groups[0]) if groups else None
    if member is None or group is None:
        return None
    reading = read_clause(token.head) if token.dep_ == "attr" else _STATED
    return standing_relation(Arg(entity=member[0]), "memberOf", Arg(entity=group[0]), token, reader, reading)


def read_affiliations(state: DocumentState) -> None:
    """Where organizations are based, which place lies in which, who is a member of what."""
    reader = ArgumentReader(state.refs)
    out = state.relations
    for token in reader.refs.tokens:
        if token.dep_ != "appos" and token.lemma_.lower() not in _CUES and token.text != ",":
            continue  # no pattern starts here (most words): skip the calls
        for pattern in (_based, _within, _member, _contained, _comma_place):
            if (relation := pattern(token, reader)) is not None:
                out.append(relation)
