"""The sentences of a parsed document, computed once: spaCy rebuilds `doc.sents` on every use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from .parse import Word

__all__ = ["Sentences"]


class Sentences:
    def __init__(self, doc: Doc) -> None:
        self.spans: list[Span] = list(doc.sents)
        self.number: list[int] = [0] * len(doc)  # token index -> sentence index
        for index, span in enumerate(self.spans):
            self.number[span.start : span.end] = [index] * len(span)

    def index(self, token: Token | Word) -> int:
        return self.number[token.i]

    def of(self, token: Token | Word) -> Span:
        return self.spans[self.number[token.i]]

    def __len__(self) -> int:
        return len(self.spans)
