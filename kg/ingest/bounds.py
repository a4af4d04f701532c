"""Bounding the work one article costs: a cap on its length, and no sentence longer than the parser handles well.

spaCy's parse and kg's extraction grow faster than linearly with a sentence's length, and a text without
punctuation is one sentence however long: 990 kB of words without a full stop took 4 minutes and 2.3 GB. So an
article is at most `max_article_chars()` characters (a book-length text is skipped with the reason), and a
run of more than `MAX_SENTENCE_CHARS` characters without a sentence end is cut at spaces into lines, which
the pipeline's `kg_paragraphs` component makes sentences of their own. Cutting replaces a space with a line
break: the text keeps its length, and every offset into it stays true.
"""

from __future__ import annotations

import os
import re

__all__ = ["MAX_ARTICLE_CHARS", "MAX_SENTENCE_CHARS", "max_article_chars", "split_long_sentences", "too_long"]

MAX_ARTICLE_CHARS = 300_000  # about 50,000 words: ten times a long feature, far below spaCy's 1,000,000
MAX_SENTENCE_CHARS = 1_000  # about 170 words; real sentences rarely pass 400 characters
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n")


def max_article_chars() -> int:
    """The cap on an article's length: `KG_MAX_ARTICLE_CHARS` when set, else `MAX_ARTICLE_CHARS`."""
    try:
        return max(1, int(os.environ.get("KG_MAX_ARTICLE_CHARS", MAX_ARTICLE_CHARS)))
    except ValueError:
        return MAX_ARTICLE_CHARS


def too_long(text: str) -> str | None:
    """The reason an article's text is too long to build, or None."""
    limit = max_article_chars()
    if len(text) <= limit:
        return None
    return (
        f"too long ({len(text):,} characters; an article is at most {limit:,}, set by KG_MAX_ARTICLE_CHARS): "
        "split it into articles"
    )


def split_long_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """`text` with every run of more than `limit` characters between sentence ends cut at spaces into lines of
    at most `limit` characters (a word longer than that stays whole). Same length, same offsets."""
    if len(text) <= limit:
        return text
    chars: list[str] | None = None
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        if end - start > limit:
            chars = chars if chars is not None else list(text)
            _cut(chars, text, start, end, limit)
        start = end
    return "".join(chars) if chars is not None else text


def _cut(chars: list[str], text: str, start: int, end: int, limit: int) -> None:
    """Replace a space with a line break every `limit` characters or less between `start` and `end`."""
    line_start = start
    while end - line_start > limit:
        space = text.rfind(" ", line_start + 1, line_start + limit + 1)
        if space == -1:
            space = text.find(" ", line_start + limit, end)
            if space == -1:
                return
        chars[space] = "\n"
        line_start = space + 1
