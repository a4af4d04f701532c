"""Fixtures for the extraction tests: the real model on sentences written for the tests."""

from __future__ import annotations

import pytest
from conftest import Parsed, parse_article

from kg.extract.extraction import STAGES, run_stages
from kg.extract.state import DocumentState, Stage
from kg.ingest.cleaning import clean
from kg.nlp.headline import parse_text
from kg.nlp.parse import Parse, Word


@pytest.fixture(scope="session")
def read(nlp):
    """The whole extraction of a text, as `kg build` runs it on one file."""

    def run(text: str) -> Parsed:
        return parse_article(nlp, text)

    return run


@pytest.fixture(scope="session")
def state_after(nlp):
    """The state of a text after the stages up to and including `last` (None: before the first); its words
    stay linked."""

    def run(text: str, last: Stage | None) -> DocumentState:
        article = clean(text)
        parse = Parse.read(nlp(parse_text(article)))
        return run_stages(parse, article, STAGES[: STAGES.index(last) + 1] if last else ())

    return run


def word(state: DocumentState, text: str, nth: int = 0) -> Word:
    """The nth word of the document written `text`."""
    return [w for w in state.parse.words if w.text == text][nth]


def names(state: DocumentState) -> list[str]:
    """The local entities' names, in the order they were found."""
    return [e.name for e in state.entities]
