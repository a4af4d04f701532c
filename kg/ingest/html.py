"""Saved web pages: the article's main text and the page's metadata (title, author, date, site name, URL),
read with trafilatura, which leaves the menus, cookie banners, sidebars and footers out."""

from __future__ import annotations

import logging
import re

from .document import Metadata, Skipped, Source

__all__ = ["html_charset", "read_html"]

_CHARSET = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""")


def html_charset(raw: bytes) -> str | None:
    """The encoding a page declares in its first 4 kB (<meta charset=...>), if Python knows it."""
    match = _CHARSET.search(raw[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def read_html(name: str, page: str, sha256: str, note: str | None = None) -> Source | Skipped:
    """The page's article as a Source whose text starts with its headline; Skipped when it has none."""
    import trafilatura  # imported where used: it loads lxml and its date and language tables

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its per-page warnings are ours to report
    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < 5:
        return Skipped(name, "HTML page without article text (nothing left once menus and boilerplate are out)")
    meta = Metadata(
        title=_clean(getattr(doc, "title", None)),
        author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)),
        publisher=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)),
    )
    body = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())  # a line is a paragraph
    text = body if not meta.title or body.startswith(meta.title) else f"{meta.title}\n\n{body}"
    return Source(name, text, sha256, note, meta)


def _clean(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
