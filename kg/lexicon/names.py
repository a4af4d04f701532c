"""Names: stripping titles and honorifics, comparison keys, acronyms, slugs.

Shared by mention extraction, role extraction and entity resolution. General English only: no list of
particular people or places lives here.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from .cache import cached_table

__all__ = [
    "HONORIFICS",
    "SURNAME_SIMILARITY",
    "TITLE_WORDS",
    "ascii_fold",
    "first_name_gender",
    "initials",
    "is_acronym",
    "is_party_name",
    "is_title_word",
    "looks_like_organization",
    "looks_like_person",
    "name_key",
    "same_person",
    "slugify",
    "title_case",
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
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[\w'.-]+")


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.translate(_DASHES))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A key under which spellings of one name meet: 'the U.S.' and 'US' give 'us'."""
    text = ascii_fold(text.translate(_DASHES)).lower()
    text = re.sub(r"^(?:the)\s+", "", text)
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"(?<=\b\w)\.(?=\w\b|\w\.|$)|(?<=\b\w)\.", "", text)  # U.S.A. -> USA
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"[\s-]+", " ", text).strip()


# What members of a political party are called, as its name: 'the Democrats', 'the Tories'.
_PARTY_MEMBERS = frozenset(
    "democrat democrats republican republicans tory tories conservatives liberals socialists communists greens "
    "labour".split()
)


def is_party_name(name: str) -> bool:
    """'Democrats', 'Tory', 'the Conservatives': a party named by what its members are called."""
    return name_key(name) in _PARTY_MEMBERS


_NOT_LETTERS = re.compile(r"[.\s&-]")


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    letters = _NOT_LETTERS.sub("", text)
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_SMALL_WORDS = frozenset("of for and the in on at to de la du von van der".split())


_CAPITAL_HYPHEN = re.compile(r"(?<=\w)-(?=[A-Z])")  # 'American-Islamic' is two words; 'Co-operation' one


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    """'Organization for Security and Cooperation in Europe' -> 'osce'; 'United States' -> 'us';
    'Council on American-Islamic Relations' -> 'cair'."""
    words = [w for w in tokens(_CAPITAL_HYPHEN.sub(" ", text)) if w.lower() not in _SMALL_WORDS]
    return "".join(w[0] for w in words if w[0].isalpha()).lower() if len(words) > 1 else ""


@lru_cache(maxsize=1)
def _parser_titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(CONSTANTS.titles)


@lru_cache(maxsize=65536)
def is_title_word(word: str) -> bool:
    """A title or honorific that may stand before a name: 'President', 'Mr.', 'Brigadier', 'Rt', 'Rev'.

    Our own list of positions plus nameparser's list of titles.
    """
    lower = word.lower()
    return lower in HONORIFICS or lower.rstrip(".") in TITLE_WORDS or lower.rstrip(".") in _parser_titles()


def title_case(title: str) -> str:
    """'press secretary' -> 'Press Secretary', 'secretary of state' -> 'Secretary of State'; 'CEO' stays."""
    words = title.split()
    return " ".join(
        w if not w.islower() or (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def slugify(text: str) -> str:
    """A readable IRI-safe slug: 'Sergey Lavrov' -> 'sergey-lavrov'; never empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text.translate(_DASHES)).lower()).strip("-")
    if slug:
        return slug[:80].rstrip("-")
    return "u" + "".join(f"{ord(c):x}" for c in text[:20]) if text else "unnamed"


# Words that make a name an organization's ('Georgia Tech', 'Levada Center'), or a place's ('Morton County').
_ORGANIZATION_WORDS = frozenset(
    """
    tech university college institute school bank group inc inc. ltd ltd. corp corp. co co. company
    corporation party foundation fund center centre council committee agency association union club league
    news times post journal press media network partners capital holdings airlines airways motors department
    ministry office court hospital church gazette government house oil energy tv radio airport hotel army navy
    force forces police brigade corps division regiment fleet market exchange commission authority bureau
    """.split()
)
_PLACE_WORDS = frozenset(
    "county city state province river lake mountain island islands valley street road avenue park bridge "
    "palace castle hall square".split()
)
# Words that begin place and organization names and are no given names there ('Al Jazeera', 'El Paso').
_NAME_PREFIXES = frozenset("al el la le las los san santa st st. saint de del der fort port mount new".split())


_GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female", "andy": "any"}


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """Given name (lower case) -> 'male', 'female' or 'any', from gender-guesser's table of 48,000 lines (0.15 s
    to parse, so cached)."""
    return cached_table("given-names", _build_first_names, [sys.modules[__name__]], ["gender-guesser"])


def _build_first_names() -> dict[str, str]:
    import gender_guesser.detector

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    answers = {name: _GENDERS.get(detector.get_gender(name)) for name in detector.names}
    return {name: answer for name, answer in answers.items() if answer is not None}


@lru_cache(maxsize=8192)
def first_name_gender(word: str) -> str | None:
    """'male' or 'female' for a known given name ('mostly' counts), 'any' for one used by both, else None."""
    if not word[:1].isupper():
        return None
    return _first_names().get(ascii_fold(word).strip(".").lower())


@lru_cache(maxsize=65536)
def looks_like_organization(name: str) -> bool:
    """'Levada Center', 'Green Party', 'Tullow Oil': a word that names a kind of organization."""
    words = tokens(name)
    return len(words) >= 2 and any(w.lower() in _ORGANIZATION_WORDS for w in words)


@lru_cache(maxsize=65536)
def looks_like_person(name: str) -> bool:
    """'Michael Chertoff', 'Kemal Ataturk': two to four capitalised words, a known given name first,
    no word that names an organization."""
    words = tokens(name)
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if looks_like_organization(name) or any(w.lower() in _PLACE_WORDS for w in words):
        return False
    if words[0].lower() in _NAME_PREFIXES:
        return False
    return first_name_gender(words[0]) in {"male", "female"}


FIRST_NAME_SIMILARITY = 80
SURNAME_SIMILARITY = 85


# Particles that belong to the surname they precede: 'al-Rubaie', 'bin Salman', 'van Gogh', 'de la Cruz'.
_PARTICLES = frozenset("al el bin ibn abu de da di del della der den du dos das la le van von ter st".split())


def _name_parts(name: str) -> list[str]:
    """The words of a name with particles joined to the word after them: 'Mowaffak al-Rubaie' ->
    ['mowaffak', 'al rubaie']."""
    out: list[str] = []
    for word in name_key(name).split():
        if out and out[-1].split()[-1] in _PARTICLES and (len(out) > 1 or set(out[-1].split()) <= _PARTICLES):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _bare(surname: str) -> str:
    """A surname without its particles: 'al rubaie' -> 'rubaie'."""
    words = surname.split()
    while len(words) > 1 and words[0] in _PARTICLES:
        words = words[1:]
    return " ".join(words)


def _one_word_of(word: str, full: list[str]) -> bool:
    """'Biden' and 'Joe' are words of 'Joe Biden'; 'Rubaie' and 'al-Rubaie' of 'Mowaffak al-Rubaie'."""
    if len(full) < 2:
        return fuzz.ratio(word, full[0]) >= SURNAME_SIMILARITY if full else False
    return word == full[0] or fuzz.ratio(word, full[-1]) >= SURNAME_SIMILARITY or word == _bare(full[-1])


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """'Sergey Lavrov' ~ 'Sergei Lavrov', 'Volodmir Zelensky' ~ 'Volodymyr Zelenskyy'; 'George Bush' !~ 'Laura Bush'.

    A one-word name is the same person as a full name only when it is that name's surname or given name
    ('Biden', 'Joe' ~ 'Joe Biden'; 'al-Rubaie' !~ 'Saddam Hussein', 'al-Rubaie' !~ 'Saddam')."""
    wa, wb = _name_parts(a), _name_parts(b)
    if not wa or not wb:
        return False
    if len(wa) < 2 or len(wb) < 2:
        short, full = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
        return _one_word_of(short[0], full)
    if fuzz.ratio(wa[-1], wb[-1]) < SURNAME_SIMILARITY:
        return False
    first_a, first_b = wa[0], wb[0]
    if len(first_a) == 1 or len(first_b) == 1:  # an initial: 'J. Biden'
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= FIRST_NAME_SIMILARITY
