"""Where and when: the place and time a clause is anchored to, read off the dependency parse."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..nlp.parse import Word
from .arguments import ArgumentReader

__all__ = ["qualifiers"]


def qualifiers(anchor: Word, reader: ArgumentReader, skip: set[int]) -> tuple[int | None, str | None]:
    """Place (an entity after in/at) and time (a DATE or TIME) attached to the anchor's clause: the nearest
    place in the parse, the most specific time ('June 16, 2021' over '2021')."""
    places: list[tuple[int, int]] = []
    times: list[tuple[int, int, str]] = []
    refs = reader.refs
    for ent, root in refs.parse.ents_in(refs.sentences.index(anchor)):
        hops = _hops(root, anchor)
        if hops is None:
            continue
        if ent.label_ in {"DATE", "TIME"} and not _is_duration(ent, root):
            times.append((-_specificity(ent.text), hops, ent.text))
        elif ent.label_ in {"GPE", "LOC", "FAC"} and root.head.lower_ in {"in", "at"}:
            e = refs.entity(root)
            if e is not None and root.i not in skip:
                places.append((hops, e))
    return (min(places)[1] if places else None), (min(times)[2] if times else None)


_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def _specificity(text: str) -> int:
    """2 for a day of a month, 1 for a month or weekday, 0 for anything vaguer."""
    if _MONTH.search(text) and re.search(r"\b\d{1,2}\b", text):
        return 2
    return 1 if _MONTH.search(text) or _WEEKDAY.search(text) else 0


_DURATION = re.compile(
    r"(?i)^(?:about |more than |less than |nearly |almost |over |some )?(?:\d[\d,.]*|an?|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|several|few|many)[\s-]+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)$"
)


def _is_duration(ent: Span, root: Word) -> bool:
    """'50-minute', 'for more than two hours', 'two years', an age ('Headley, 52,'): not a point in time."""
    head = root.head
    if re.fullmatch(r"\d{1,3}", ent.text.strip()):
        return True
    return bool(_DURATION.match(ent.text)) or (head.dep_ == "prep" and head.lower_ in {"for", "within", "over"})


def _hops(token: Word, anchor: Word) -> int | None:
    """How many steps token hangs below anchor, without crossing another clause's verb; None if it does not."""
    node = token
    for hops in range(12):
        if node.i == anchor.i:
            return hops
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.i != anchor.i:
            return hops + 2 if node.dep_ == "xcomp" and node.head.i == anchor.i else None
    return None
