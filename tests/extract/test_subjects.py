"""Who acts: a verb's own subjects, a passive's agent, and subjects inherited through control and
coordination (real model)."""

from __future__ import annotations

import pytest

from kg.extract.arguments import ArgumentReader
from kg.extract.references import resolve_references
from kg.extract.subjects import find_subjects

from .conftest import names, word


@pytest.fixture(scope="module")
def subjects(state_after):
    """The names of the subjects of the verb `verb`, and whether they came through a by-phrase."""

    def run(text: str, verb: str) -> tuple[list[str], bool]:
        state = state_after(text, resolve_references)
        found, by_agent = find_subjects(word(state, verb), ArgumentReader(state.refs))
        return [names(state)[a.entity] for a in found if a.entity is not None], by_agent

    return run


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Peru and Chile signed the deal.", "signed", (["Peru", "Chile"], False)),
        ("Estonia was invaded by Germany.", "invaded", (["Germany"], True)),
        ("Chile met Peru and signed the deal.", "signed", (["Chile"], False)),  # coordination
        ("Chile is scheduled to meet Peru.", "meet", (["Chile"], False)),  # subject control
        ("Chile asked Peru to reopen the border.", "reopen", (["Peru"], False)),  # object control
        ("Chile promised Peru to reopen the border.", "reopen", (["Chile"], False)),  # 'promise': the subject's
        ("Ida Berg, who met Tom Hart, left Oslo.", "met", (["Ida Berg"], False)),  # a relative pronoun
        ("After speaking with Chile, Peru reopened the border.", "speaking", (["Peru"], False)),
        ("The border was closed.", "closed", ([], False)),
    ],
)
def test_subjects_own_and_inherited(subjects, text, verb, expected):
    assert subjects(text, verb) == expected
