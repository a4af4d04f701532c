"""Time expressions resolved to dates, relative to the article's date."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.dates import resolve_date, resolve_dates

WEDNESDAY = date(2022, 1, 19)


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("June 16, 2021", "past", date(2021, 6, 16)),
        ("Friday", "future", date(2022, 1, 21)),  # "will meet on Friday": the coming one
        ("on Monday", "past", date(2022, 1, 17)),  # "met on Monday": the last one
        ("January 9", "future", date(2022, 1, 9)),
        ("next week", "future", None),  # vague: kept as written only
        ("the coming days", "future", None),
    ],
)
def test_resolution_relative_to_the_publication_date(text, tense, expected):
    assert resolve_date(text, WEDNESDAY, tense) == expected


def test_a_weekday_without_the_article_date_stays_unresolved():
    assert resolve_date("Friday", None, "future") is None
    assert resolve_date("March 3, 2020", None) == date(2020, 3, 3)


def test_each_relation_with_a_time_gets_its_day_by_index(state_after):
    text = "Talks in Lima\n\nPublished: January 19, 2022\n\nChile will meet Peru in Lima on Friday. Chile met Bolivia."
    state = state_after(text, resolve_dates)
    times = [(r.predicate, r.time_text) for r in state.relations]
    assert times == [("meets", "Friday"), ("meets", None)]
    assert state.dates == {0: date(2022, 1, 21)}  # the coming Friday: the meeting is still to come
