"""Names introduced by what they are: a class noun ('energy company Gazprom', 'the town of Yeoncheon', 'the
Bataclan theater') or a title only people hold ('President el-Sissi'). Used by `mentions` to find names the
model missed and to correct the labels it gave.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span

from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import looks_like_organization
from ..nlp.parse import Parse, Word

__all__ = ["coded_names", "described_as", "introduced_names", "role_of_person", "with_initial"]

# Common nouns that say what kind of organization a name is: "oil company Tullow", "the carrier Lufthansa".
_ORGANIZATION_NOUNS = frozenset(
    "company firm group bank party agency carrier airline maker manufacturer giant operator newspaper broadcaster "
    "network channel insurer lender retailer startup conglomerate producer supplier explorer miner developer "
    "organization organisation charity union club team".split()
)


# Nouns that say what kind of place or facility a name is: 'the town of Yeoncheon', 'the Bataclan theater'.
_PLACE_NOUNS = frozenset(
    "town city village capital province region district county state island port suburb municipality "
    "neighbourhood neighborhood".split()
)
_FACILITY_NOUNS = frozenset(
    "theater theatre stadium arena hotel airport museum hospital mosque church cathedral temple bridge prison jail "
    "mall palace station".split()
)
# Titles only a person holds: 'President el-Sissi', 'Senator Warnock'; not 'General' ('General Motors').
_PERSON_TITLES = frozenset(
    "president senator sen sen. minister premier governor gov gov. mayor king queen prince princess pope sheikh "
    "emir rep rep. congressman congresswoman chancellor ambassador spokesman spokeswoman mr mr. mrs mrs. ms ms. "
    "dr dr. prof prof. sir dame judge".split()
)


def role_of_person(title: str, rest: str) -> bool:
    """'President el-Sissi': a title only people hold before one to three capitalised words that name no
    organization or known place."""
    words = rest.split()
    if title.lower() not in _PERSON_TITLES or not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return not looks_like_organization(rest) and lookup_place(rest) is None


def described_as(span: Span, words: list[Word]) -> str | None:
    """The label a class noun gives a name: 'London oil company Tullow' (ORG), 'the town of Yeoncheon' and
    'the city Yeoncheon' (GPE), 'the Bataclan theater' (FAC)."""
    if span.start == 0:
        return None
    before = words[span.start - 1]
    if before.pos_ in {"NOUN", "PROPN"} and before.head.i >= span.start and before.lower_ == before.text:
        if before.lemma_.lower() in _ORGANIZATION_NOUNS:
            return "ORG"
        if before.lemma_.lower() in _PLACE_NOUNS:
            return "GPE"
    if _after_place_of(span.start, words):
        return "GPE"
    after = words[span.end] if span.end < len(words) else None
    facility = after is not None and after.lower_ == after.text and after.lemma_.lower() in _FACILITY_NOUNS
    if facility and after is not None and words[span.end - 1].head.i == after.i and before.lower_ == "the":
        return "FAC"
    return None


def _after_place_of(start: int, words: list[Word]) -> bool:
    """'the town of Yeoncheon'."""
    return (
        start >= 3
        and words[start - 1].lower_ == "of"
        and words[start - 3].lower_ == "the"
        and (words[start - 2].lower_ in _PLACE_NOUNS)
    )


def introduced_names(spans: list[Span], parse: Parse) -> list[Span]:
    """Names the model missed that a class noun introduces: 'energy company Gazprom', 'the town of Yeoncheon'."""
    words, taken = parse.words, {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    i = 1
    while i < len(words):
        w, before = words[i], words[i - 1]
        noun = before.lemma_.lower() if before.pos_ == "NOUN" and before.lower_ == before.text else ""
        label = "ORG" if noun in _ORGANIZATION_NOUNS else "GPE" if noun in _PLACE_NOUNS else ""
        label = label or ("GPE" if _after_place_of(i, words) else "")
        if label and w.pos_ == "PROPN" and w.text[:1].isupper() and i not in taken:
            end = i + 1
            while (
                end < len(words) and words[end].pos_ == "PROPN" and end not in taken and words[end].text[:1].isupper()
            ):
                end += 1
            out.append(Span(parse.doc, i, end, label=label))
            i = end
        i += 1
    return sorted([*spans, *out], key=lambda s: s.start) if out else spans


_CODE = re.compile(r"^[A-Z][A-Z]*\d+[A-Z][A-Z\d]*$")  # 'G4S', 'GS1K'; not 'G20' or 'MH17', which end in numbers


def coded_names(spans: list[Span], parse: Parse) -> list[Span]:
    """Organizations written as a code of capitals and digits ('G4S'), when the document writes them twice as
    proper nouns: the mentions the model missed are added, and one it took for a person is an organization."""
    words = parse.words
    codes = Counter(w.text for w in words if w.pos_ == "PROPN" and _CODE.match(w.text))
    if not codes:
        return spans
    named = {w for w, n in codes.items() if n >= 2}
    out = [Span(parse.doc, s.start, s.end, label="ORG") if len(s) == 1 and s.text in named else s for s in spans]
    taken = {i for s in spans for i in range(s.start, s.end)}
    out += [Span(parse.doc, w.i, w.i + 1, label="ORG") for w in words if w.text in named and w.i not in taken]
    return sorted(out, key=lambda s: s.start)


def with_initial(span: Span, parse: Parse) -> Span:
    """'T Bone Burnett': a lone capital letter before a person's name is the first of its names."""
    if span.label_ != "PERSON" or span.start == 0:
        return span
    before = parse.words[span.start - 1]
    if len(before.text) == 1 and before.text.isupper() and before.text not in {"A", "I"} and not before.ent_type_:
        return Span(parse.doc, span.start - 1, span.end, label="PERSON")
    return span
