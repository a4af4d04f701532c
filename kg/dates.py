"""Time expressions to calendar dates, relative to the article's date when they need one ('on Friday')."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

import dateparser

__all__ = ["resolve_date"]

_VAGUE = re.compile(
    r"(?i)\b(?:years?|decades?|centur|era|ago|recent|soon|later|past|future|times?|days|weeks|months)\b"
)
_WEEKDAY = re.compile(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_ABSOLUTE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NOISE = re.compile(r"(?i)^(?:on|in|at|by|since|from|until|the|this|last|next|earlier|late|early)\s+")


@lru_cache(maxsize=4096)
def _parse(text: str, base: date | None, prefer: str) -> date | None:
    settings = {
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month"],
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def resolve_date(text: str, published: date | None, tense: str = "present") -> date | None:
    """A day for 'June 16, 2021', or for 'Friday' when the article's date is known; else None.

    Weekdays point forward for the future tense and back otherwise, as news writes them.
    """
    text = text.strip()
    if not text or len(text) > 40:
        return None
    if _WEEKDAY.search(text) and not _ABSOLUTE.search(text):
        if published is None:
            return None
        return _parse(_WEEKDAY.search(text).group(1), published, "future" if tense == "future" else "past")
    if _VAGUE.search(text) and not re.search(r"\d", text):
        return None
    has_year = bool(_ABSOLUTE.search(text))
    if not has_year and published is None:
        return None
    cleaned = _NOISE.sub("", text)
    return _parse(cleaned, published, "future" if tense == "future" else "past")
