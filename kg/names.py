"""Names: stripping titles and honorifics, comparison keys, acronyms, slugs.

Shared by mention extraction, role extraction and entity resolution. General English only: no list of
particular people or places lives here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "HONORIFICS",
    "TITLE_WORDS",
    "ascii_fold",
    "initials",
    "is_acronym",
    "name_key",
    "slugify",
    "split_title",
    "tokens",
]

HONORIFICS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. sr sr. jr jr. mx mx.
    madam mme mme. m. herr
    """.split()
)

# Head words of titles and positions: "Foreign Minister", "press secretary", "Rep.".
TITLE_WORDS = frozenset(
    """
    president vice-president vp premier minister secretary chancellor governor senator sen sen. congressman
    congresswoman representative rep rep. lawmaker legislator mp mep speaker chairman chairwoman chair
    chairperson ambassador envoy diplomat consul spokesman spokeswoman spokesperson adviser advisor aide
    counselor counsellor director chief head leader commander general gen gen. admiral colonel col col.
    lieutenant lt lt. major captain capt capt. sergeant sgt officer official deputy undersecretary
    under-secretary attorney prosecutor judge justice mayor king queen prince princess emperor sheikh emir
    pope cardinal bishop archbishop imam rabbi pastor ceo cfo coo cto founder co-founder owner executive
    manager editor reporter correspondent analyst professor economist researcher scientist fellow expert
    negotiator coordinator commissioner administrator inspector superintendent sheriff chancellor-elect
    president-elect candidate nominee member partner spokesmen spokeswomen officials leaders ministers
    presidents secretaries advisers advisors
    """.split()
)

_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "`": "'"})


def ascii_fold(text: str) -> str:
    """Strip accents: 'Zelenskyy' stays, 'Genève' becomes 'Geneve'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return re.findall(r"[\w'.-]+", text.translate(_DASHES))


@lru_cache(maxsize=1 << 16)  # called for every mention pair and gazetteer lookup: the same names recur
def name_key(text: str) -> str:
    """A key under which spellings of one name meet: 'the U.S.' and 'US' give 'us'."""
    text = ascii_fold(text.translate(_DASHES)).lower()
    text = re.sub(r"^(?:the)\s+", "", text)
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"(?<=\b\w)\.(?=\w\b|\w\.|$)|(?<=\b\w)\.", "", text)  # U.S.A. -> USA
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"[\s-]+", " ", text).strip()


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[.\s&-]", "", text)
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_SMALL_WORDS = frozenset("of for and the in on at to de la du von van der".split())


def initials(text: str) -> str:
    """'Organization for Security and Cooperation in Europe' -> 'osce'; 'United States' -> 'us'."""
    words = [w for w in tokens(text) if w.lower() not in _SMALL_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).lower() if len(words) > 1 else ""


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading titles and honorifics off a name.

    ['President', 'Joe', 'Biden'] -> (['President'], ['Joe', 'Biden'])
    """
    title: list[str] = []
    rest = list(words)
    while len(rest) > 1 and (rest[0].lower() in HONORIFICS or rest[0].lower().rstrip(".") in TITLE_WORDS):
        title.append(rest.pop(0))
    return title, rest


def slugify(text: str) -> str:
    """A readable IRI-safe slug: 'Sergey Lavrov' -> 'sergey-lavrov'; never empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text.translate(_DASHES)).lower()).strip("-")
    if slug:
        return slug[:80].rstrip("-")
    return "u" + "".join(f"{ord(c):x}" for c in text[:20]) or "unnamed"
