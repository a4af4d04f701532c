"""Time expressions to calendar dates, relative to the article's date when they need one ('on Friday').

dateparser reads the expression; the year of a day without one ('January 9') and the week of a weekday
('Friday') are chosen as news writes them: the nearest such day, forward for the future tense and back
otherwise, within half a year of the article.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import dateparser

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["resolve_date", "resolve_dates"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(?i)\b(" + "|".join(_WEEKDAYS) + r")\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_VAGUE = re.compile(
    r"(?i)\b(?:years?|decades?|centur\w*|era|ago|recent\w*|soon|later|past|future|times?|days|weeks?|months?|"
    r"season|spring|summer|autumn|fall|winter|quarter|weekend)\b"
)
_LEADING = re.compile(r"(?i)^(?:on|in|at|by|since|from|until|the|this|late|early|mid)\s+")
HALF_YEAR = timedelta(days=183)


@lru_cache(maxsize=4096)
def _parse(text: str, base: date | None) -> date | None:
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def _weekday(name: str, published: date, tense: str) -> date:
    offset = (_WEEKDAYS.index(name.lower()) - published.weekday()) % 7
    if tense == "future":
        return published + timedelta(days=offset or 7)
    return published - timedelta(days=(7 - offset) % 7 or 7)


def _nearest_year(day: date, published: date, tense: str) -> date:
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    ahead = [d for d in candidates if d >= published and d - published <= HALF_YEAR]
    behind = [d for d in candidates if d <= published and published - d <= HALF_YEAR]
    preferred = ahead if tense == "future" else behind
    pool = preferred or candidates
    return min(pool, key=lambda d: abs(d - published))


def resolve_date(text: str, published: date | None, tense: str = "present") -> date | None:
    """A day for 'June 16, 2021', or for 'Friday' / 'January 9' when the article's date is known; else None."""
    text = _LEADING.sub("", text.strip())
    if not text or len(text) > 40:
        return None
    has_year = bool(_YEAR.search(text))
    weekday = _WEEKDAY.search(text)
    if weekday and not has_year and not re.search(r"\d", text):
        return _weekday(weekday.group(1), published, tense) if published else None
    if _VAGUE.search(text) and not re.search(r"\d", text):
        return None
    if not has_year and published is None:
        return None
    parsed = _parse(text, published)
    if parsed is None or has_year or published is None:
        return parsed
    return _nearest_year(parsed, published, tense)


def resolve_dates(state: DocumentState) -> None:
    """The day of each relation whose time can be resolved, by its index among the document's relations."""
    published = state.article.date
    state.dates = {
        i: d
        for i, r in enumerate(state.relations)
        if r.time_text and (d := resolve_date(r.time_text, published, r.reading.tense))
    }
