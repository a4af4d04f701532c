"""Entity mentions from a parsed document: names with titles, determiners and web noise removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .names import HONORIFICS, TITLE_WORDS

__all__ = ["ENTITY_LABELS", "Mention", "extract_mentions"]

# spaCy labels that name an entity; dates, times and quantities become qualifiers, not nodes.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})

_STRIP_LEFT = frozenset({"the", "a", "an", "this", "that", "these", "those", "#", "@", "'", '"', "“", "‘", "-", "–"})
_STRIP_RIGHT = frozenset({"'s", "’s", "'", "’", '"', "”", ",", ".", "-", "–", ":", ";", ")", "("})
_HANDLE = re.compile(r"^[@#]|https?:|www\.|\.(?:com|org|net|ca|edu|gov)\b|@", re.I)
_HYPHEN_PAIR = re.compile(r"^(?P<a>[A-Z][\w.]+?)\s*[-–]\s*(?P<b>[A-Z][\w.]+)$")


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


def _trim(span: Span) -> tuple[Span, str]:
    """Drop determiners, quotes, possessives and leading titles from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _STRIP_LEFT or (doc[start].is_punct and doc[start].text != "(")):
        start += 1
    while end > start and (doc[end - 1].lower_ in _STRIP_RIGHT or doc[end - 1].is_space):
        end -= 1
    title_end = start
    if span.label_ == "PERSON":
        while end - title_end > 1 and _is_title_token(doc[title_end]):
            title_end += 1
    title = doc[start:title_end].text
    return doc[title_end:end], title


def _is_title_token(token) -> bool:
    word = token.lower_.rstrip(".")
    return (
        token.lower_ in HONORIFICS
        or word in TITLE_WORDS
        or (word in {"of", "state", "foreign", "prime"} and token.i > 0)
    )


def _is_noise(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    if letters < 2 or _HANDLE.search(text):
        return True
    return text == text.lower()  # entity names carry capitals; "the coming days" does not


def _sentence_index(doc: Doc) -> list[int]:
    index, current = [], -1
    for token in doc:
        if token.is_sent_start or token.i == 0:
            current += 1
        index.append(current)
    return index


def _split_pair(span: Span) -> list[Span]:
    """'Biden-Putin' and 'U.S.-Russia' name two entities, not one."""
    match = _HYPHEN_PAIR.match(span.text)
    if not match or len(span) < 3:
        return [span]
    dash = next((t.i for t in span if t.text in {"-", "–"}), None)
    if dash is None or dash in (span.start, span.end - 1):
        return [span]
    return [span.doc[span.start : dash], span.doc[dash + 1 : span.end]]


def extract_mentions(doc: Doc) -> list[Mention]:
    """Every entity name in the document, in order."""
    sent_of = _sentence_index(doc)
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        for part in _split_pair(ent):
            span, title = _trim(part)
            if not len(span) or _is_noise(span.text):
                continue
            mentions.append(
                Mention(
                    text=span.text,
                    label=ent.label_,
                    start=span.start_char,
                    end=span.end_char,
                    sent=sent_of[span.start],
                    token_start=span.start,
                    token_end=span.end,
                    title=title,
                )
            )
    return mentions
