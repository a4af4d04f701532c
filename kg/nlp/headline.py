"""The text given to the parser: the article's text, with a Title-Cased headline put in sentence case.

The tagger reads 'Biden Warns Putin Against Invasion' as one long name; 'Biden warns Putin against invasion'
it parses. Offsets are unchanged, so every character span found in the parse is a span of the article's text.
"""

from __future__ import annotations

import re

from ..ingest.cleaning import Article

__all__ = ["headline_length", "parse_text", "title_cased_length"]

_FUNCTION_WORDS = frozenset(
    """
    a an the of to from as against with on in for and or but at by is are was were be
    says said say into over after before about amid than that this its his her their new up down out off
    """.split()
)
_WORD = re.compile(r"[A-Za-z][\w'’]*")


def headline_length(article: Article) -> int:
    """Length of the headline at the top of the text (the title, when it is not a sentence of the body)."""
    head, _, body = article.text.partition("\n\n")
    sentence = re.search(r"[.!?][\"”’']*\s*$", head)
    return len(head) if article.title.startswith(head) and body and not sentence and len(head) < 300 else 0


def title_cased_length(article: Article) -> int:
    """Length of the headline when it is Title-Cased, where a capital says nothing about a name; else 0."""
    length = headline_length(article)
    return length if length and _title_cased(article.text[:length]) else 0


def parse_text(article: Article) -> str:
    """The article's text with a Title-Cased headline in sentence case: a word keeps its capital only where
    the body never writes it (or a word of its stem) in lower case, and at the start."""
    head, sep, body = article.text.partition("\n\n")
    if not headline_length(article) or not _title_cased(head):
        return article.text
    body_lower = set(re.findall(r"\b[a-z][\w'’]*", body))
    body_stems = {_stem(w) for w in body_lower}

    def sentence_case(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if match.start() == 0 or not word[0].isupper() or (word.isupper() and len(word) > 1):
            return word
        if lower in _FUNCTION_WORDS or lower in body_lower or _stem(lower) in body_stems:
            return lower
        return word

    return _WORD.sub(sentence_case, head) + sep + body


def _title_cased(head: str) -> bool:
    words = _WORD.findall(head)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 4 else word
