"""The value types of reading: a `Source` (decoded text, where it came from, what its page or record says
about it) or a `Skipped` (where, and why)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Metadata", "Skipped", "Source"]


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a web page's markup or a dump's record states about its article; it wins over what cleaning
    guesses from the text's lines."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # as written: '2024-03-12', 'Tue, 12 Mar 2024 08:30:00 GMT'
    publisher: str | None = None  # the site's name
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # the path as given (undecodable bytes escaped), 'FILE#N' or a URL for a record, or "-"
    text: str
    sha256: str  # of the raw bytes (of the record, for a dump): the document's identity
    note: str | None = None  # e.g. "decoded as UTF-16"
    meta: Metadata | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str
