"""The gazetteer's capitals (real countryinfo data)."""

from __future__ import annotations

import pytest

from kg.lexicon.gazetteer import country_of_capital


@pytest.mark.parametrize(
    ("city", "country"),
    [("Moscow", "Russia"), ("Kiev", "Ukraine"), ("Kyiv", "Ukraine"), ("Washington", "United States")],
)
def test_a_capital_names_its_country(city, country):
    assert country_of_capital(city) == country


@pytest.mark.parametrize("city", ["Geneva", "Houston", "Russia", "Lavrov"])
def test_other_names_are_no_capital(city):
    assert country_of_capital(city) is None
