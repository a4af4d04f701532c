"""Entity mentions from a parsed document: names with titles, determiners and web noise removed.

Repairs the language model's usual slips with the evidence of the whole document:
  * an institution's name cut before its place ('Organization for Security and Cooperation' + 'in Europe');
  * a title read as an organization ('US National Security Advisor Jake Sullivan', 'Secretary of State');
  * two names joined by a hyphen ('Biden-Putin call', 'U.S.-Russia summit') when both occur on their own;
  * Title-Cased headline words read as names ('To Keep Ukraine From Joining NATO'): a headline name must
    also occur in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import first_name_gender, is_acronym, is_title_word, looks_like_person, name_key
from ..nlp.headline import title_cased_length
from ..nlp.parse import Parse, Word
from .introductions import coded_names, described_as, introduced_names, role_of_person, with_initial

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["ENTITY_LABELS", "Mention", "find_mentions"]

# spaCy labels that name an entity; dates, times and quantities become qualifiers, not nodes.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})

_STRIP_LEFT = frozenset({"the", "a", "an", "this", "that", "these", "those", "#", "@", "'", '"', "“", "‘", "-", "–"})
_STRIP_RIGHT = frozenset({"'s", "’s", "'", "’", '"', "”", ",", ".", "-", "–", ":", ";", ")", "("})
_HANDLE = re.compile(r"^[@#]|https?:|www\.|\.(?:com|org|net|ca|edu|gov)\b|@", re.I)
_DASHES = {"-", "–", "—"}
# First words of institutions whose names run on with a place: "Bank of England", "University of Kyiv".
_INSTITUTIONS = frozenset(
    "organization organisation council ministry department bank university institute agency committee commission "
    "court office union center centre association federation fund league party foundation society academy "
    "school college museum conference parliament assembly".split()
)


_STORM_WORDS = frozenset({"storm", "hurricane", "typhoon", "cyclone", "depression"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in the text. `start`/`end` are character offsets of `text` in the parsed text."""

    text: str
    label: str  # spaCy's entity label
    start: int
    end: int
    sent: int  # index of the sentence
    token_start: int
    token_end: int
    title: str = ""  # a title or honorific stripped off the front ("President", "Mr.")


def _is_title_token(token: Word) -> bool:
    return is_title_word(token.text)


def _trim(span: Span, parse: Parse) -> tuple[Span, str, str]:
    """Drop determiners, quotes, possessives, a dangling '(…' and leading titles from an entity span.

    Returns the name, the title stripped off ('Mr.', 'Treasurer') and the label: a title before a given
    name and a surname makes a person whatever the model said ('Brigadier Nicky Moffat'). A span that is
    only a title comes back empty.
    """
    doc, words = parse.doc, parse.words
    start, end = span.start, span.end
    while start < end and (words[start].lower_ in _STRIP_LEFT or (words[start].is_punct and words[start].text != "(")):
        start += 1
    opening = next((t.i for t in words[start:end] if t.text == "("), None)
    if opening is not None and not any(t.text == ")" for t in words[opening:end]):
        end = opening
    while end > start and (words[end - 1].lower_ in _STRIP_RIGHT or words[end - 1].is_space):
        end -= 1
    title_end = start
    while title_end < end and _is_title_token(words[title_end]):
        title_end += 1
    label = span.label_
    if title_end > start and label != "PERSON":
        rest = parse.text_of(title_end, end)
        if not looks_like_person(rest) and not role_of_person(words[title_end - 1].text, rest):
            return Span(doc, start, end), "", label
        label = "PERSON"
    if title_end == end and label == "PERSON":
        return Span(doc, end, end), parse.text_of(start, end), label
    return Span(doc, title_end, end), parse.text_of(start, title_end), label


def _abbreviation_dot(text: str, span: Span, parse: Parse) -> int:
    """1 when the full stop after a name is part of it: 'Wyo.' at the end of a sentence, whose stop the
    tokenizer gave the sentence."""
    after = parse.words[span.end] if span.end < len(parse.words) else None
    if after is None or after.text != "." or after.idx != span.end_char or text.endswith("."):
        return 0
    return int(lookup_place(text) is None and lookup_place(text + ".") is not None)


def _is_noise(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    if letters < 2 or _HANDLE.search(text) or "#" in text:  # handles, links, hashtags ('#Putin–#Biden')
        return True
    return text == text.lower()  # entity names carry capitals; "the coming days" does not


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


def _with_ordinal(span: Span, parse: Parse) -> Span:
    """'20th' + 'Armoured Brigade' is one name: a unit's number belongs to it."""
    if span.label_ == "ORG" and span.start > 0 and _ORDINAL.match(parse.words[span.start - 1].text):
        return Span(parse.doc, span.start - 1, span.end, label="ORG")
    return span


def _join_institutions(spans: list[Span], parse: Parse) -> list[Span]:
    """'Organization for Security and Cooperation' + 'in Europe' is one name; '20th' + 'Armoured Brigade'."""
    out: list[Span] = []
    words = parse.words
    spans = [_with_ordinal(s, parse) for s in spans]
    skip_next = False
    for i, span in enumerate(spans):
        following = spans[i + 1] if i + 1 < len(spans) else None
        if skip_next:
            skip_next = False
            continue
        if (
            following is not None
            and span.label_ == "ORG"
            and words[span.start].lower_ in _INSTITUTIONS | {"the"}
            and any(t.lower_ in _INSTITUTIONS for t in words[span.start : min(span.start + 2, span.end)])
            and following.label_ in {"GPE", "LOC"}
            and following.start == span.end + 1
            and words[span.end].lower_ in {"in", "of", "for"}
        ):
            out.append(Span(parse.doc, span.start, following.end, label="ORG"))
            skip_next = True
        else:
            out.append(span)
    return out


def _inside_title(span: Span, words: list[Word]) -> bool:
    """'State' in 'Secretary of State', 'Defense' in 'Secretary of Defense' belong to the title."""
    return (
        len(span) == 1
        and span.label_ == "ORG"
        and span.start >= 2
        and words[span.start - 1].lower_ == "of"
        and _is_title_token(words[span.start - 2])
    )


def _title_as_org(span: Span, places: set[str], parse: Parse) -> Span | None:
    """'US National Security Advisor' before a person's name is a title: keep only its place ('US')."""
    doc, words = parse.doc, parse.words
    if span.label_ != "ORG" or not _is_title_token(words[span.end - 1]) or span.end >= len(words):
        return None
    following = words[span.end]
    if following.ent_type_ != "PERSON":
        return None
    first = words[span.start]
    if name_key(first.text) in places or is_acronym(first.text):
        return Span(doc, span.start, span.start + 1, label="GPE")
    return Span(doc, span.start, span.start, label="ORG")  # empty: the whole span was a title


def _storm_name(span: Span, label: str, parse: Parse) -> Span | None:
    """The given name of a storm: 'Hurricane Delia' (the model's span) -> 'Delia'; 'Otto' in 'tropical storm
    Otto' (the model reads it as a person's name). None when the span names no storm."""
    words = parse.words
    if len(span) == 2 and words[span.start].lower_ in _STORM_WORDS and _is_given_name(words[span.start + 1].text):
        return span[1:]
    after_storm_word = span.start > 0 and words[span.start - 1].lower_ in _STORM_WORDS
    if (
        label in {"PERSON", "ORG", "GPE", "NORP"}
        and len(span) == 1
        and after_storm_word
        and _is_given_name(words[span.start].text)
    ):
        return span
    return None


def _is_given_name(word: str) -> bool:
    """Storms get given names ('Otto', 'Delia'); 'Hurricane Center' and 'Storm Shadow' are no storms."""
    return first_name_gender(word) is not None


def _storms_throughout(mentions: list[Mention], storms: set[str]) -> list[Mention]:
    """A name the article introduces as a storm names the storm wherever it recurs ('Otto hit the coast')."""
    return [replace(m, label="EVENT") if name_key(m.text) in storms else m for m in mentions]


def _split_pair(span: Span, known: set[str], parse: Parse) -> list[Span]:
    """'Biden-Putin' and 'U.S.-Russia' name two entities when each also occurs on its own."""
    words = parse.words[span.start : span.end]
    dashes = [t.i for t in words if t.text in _DASHES or t.text.strip("#") in _DASHES]
    if len(dashes) != 1 or dashes[0] in (span.start, span.end - 1):
        return [span]
    left = Span(parse.doc, span.start, dashes[0], label=span.label_)
    right = Span(parse.doc, dashes[0] + 1, span.end, label=span.label_)
    names = [_text(part, parse).strip("#@") for part in (left, right)]
    if all(name_key(n) in known for n in names):
        return [left, right]  # 'Biden-Putin'
    if all(lookup_place(n) is not None for n in names):  # 'the Delhi-Agra border'
        return [Span(parse.doc, part.start, part.end, label="GPE") for part in (left, right)]
    return [span]


def _split_list(span: Span, parse: Parse) -> list[Span]:
    """'Hulu, Apple TV': an organization's span across a comma names two when the first part is a bare
    name ('Ministry of Housing, Communities and Local Government' stays one)."""
    commas = [t.i for t in parse.words[span.start : span.end] if t.text == ","]
    if span.label_ != "ORG" or len(commas) != 1 or commas[0] in (span.start, span.end - 1):
        return [span]
    left, right = span.doc[span.start : commas[0]], span.doc[commas[0] + 1 : span.end]
    if not all(t.text[:1].isupper() for t in (*left, right[0])):
        return [span]
    return [Span(parse.doc, left.start, left.end, label="ORG"), Span(parse.doc, right.start, right.end, label="ORG")]


def _text(span: Span, parse: Parse) -> str:
    """`span.text`, cut from the document's text (spaCy joins it from new Tokens)."""
    return parse.text_of(span.start, span.end)


def _confirmed(text: str, body_keys: set[str]) -> str | None:
    """A headline name, or its longest tail, that the body names too ('Keep Ukraine' -> 'Ukraine')."""
    words = text.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if name_key(tail) in body_keys:
            return tail
    return None


def find_mentions(state: DocumentState) -> None:
    """Every entity name in the document, in order, as the article writes it (the parser may have been given
    its headline in sentence case)."""
    text = state.article.text
    found = _mentions(state.parse, headline_end=title_cased_length(state.article))
    state.mentions = [replace(m, text=text[m.start : m.end]) for m in found]


def _mentions(parse: Parse, headline_end: int = 0) -> list[Mention]:
    """Every entity name in the parse, in order. Text before `headline_end` is a Title-Cased headline."""
    sent_of = parse.sentences.number
    spans = _join_institutions([e for e in parse.ents if e.label_ in ENTITY_LABELS], parse)
    spans = coded_names(introduced_names([with_initial(s, parse) for s in spans], parse), parse)
    names = [name_key(_text(_trim(s, parse)[0], parse)) for s in spans]
    known = set(names)
    places = {name_key(_text(s, parse)) for s in spans if s.label_ in {"GPE", "NORP"}}
    body_keys = {name for s, name in zip(spans, names, strict=True) if s.start_char >= headline_end}
    mentions: list[Mention] = []
    storms: set[str] = set()
    for ent in spans:
        if _inside_title(ent, parse.words):
            continue
        ent = _title_as_org(ent, places, parse) or ent
        for part in (p for piece in _split_list(ent, parse) for p in _split_pair(piece, known, parse)):
            span, title, label = _trim(part, parse)
            if len(span) and not title:
                label = described_as(span, parse.words) or label
            if (storm := _storm_name(span, label, parse)) is not None:
                span = storm
                storms.add(name_key(_text(span, parse)))
            text = _text(span, parse)
            if not len(span) or _is_noise(text):
                continue
            if span.start_char < headline_end:
                tail = _confirmed(text, body_keys)
                if tail is None:
                    continue
                if tail != text:
                    span = parse.doc[span.end - len(tail.split()) : span.end]
                    text = _text(span, parse)
            mentions.append(
                Mention(
                    text=text,
                    label=label,
                    start=span.start_char,
                    end=span.end_char + _abbreviation_dot(text, span, parse),
                    sent=sent_of[span.start],
                    token_start=span.start,
                    token_end=span.end,
                    title=title,
                )
            )
    return _storms_throughout(mentions, storms)
