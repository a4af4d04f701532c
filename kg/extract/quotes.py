"""Where the quotations are: character spans inside quotation marks, found before anything is resolved, since
a pronoun inside a quote refers differently ('I' is its speaker)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["find_quotes", "quote_spans"]

_QUOTE_CHARS = re.compile(r"[“”\"„«»]")


def find_quotes(state: DocumentState) -> None:
    """The quotations of the document's text."""
    state.quotes = quote_spans(state.parse.text)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, paired in order of appearance (scraped text mixes “ and ”).

    A quote never runs across a paragraph break; an unclosed quote ends with its paragraph.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        marks = [m.start() for m in _QUOTE_CHARS.finditer(paragraph)]
        for i in range(0, len(marks), 2):
            start = marks[i] + 1
            end = marks[i + 1] if i + 1 < len(marks) else len(paragraph)
            if end - start > 1:
                spans.append((offset + start, offset + end))
        offset += len(paragraph) + 2
    return spans
