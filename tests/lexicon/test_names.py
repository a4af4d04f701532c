"""Name knowledge: when two names are one person, acronyms."""

from __future__ import annotations

import pytest

from kg.lexicon.names import initials, same_person


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Biden", "Joe Biden"),
        ("Joe", "Joe Biden"),
        ("al-Rubaie", "Mowaffak al-Rubaie"),
        ("Rubaie", "Mowaffak al-Rubaie"),
        ("von der Leyen", "Ursula von der Leyen"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("J. Biden", "Joe Biden"),
    ],
)
def test_names_of_one_person(short: str, full: str) -> None:
    assert same_person(short, full) and same_person(full, short)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("al-Rubaie", "Saddam"),
        ("al-Rubaie", "Saddam Hussein"),
        ("Hussein", "Saddam"),
        ("Obama", "Joe Biden"),
        ("Laura Bush", "George Bush"),
    ],
)
def test_names_of_different_people(a: str, b: str) -> None:
    assert not same_person(a, b) and not same_person(b, a)


def test_capitalised_halves_of_a_hyphenated_word_have_initials() -> None:
    assert initials("Council on American-Islamic Relations") == "cair"
    assert initials("Organization for Security and Co-operation in Europe") == "osce"
