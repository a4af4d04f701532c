"""Shared fixtures: the real spaCy model (loaded once) and a real store built from the sample corpus."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.model import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def sample_store_dir(tmp_path_factory) -> Path:
    """A store with the sample corpus built into it, once per test session. Copy it before changing it."""
    from kg.build.pipeline import build
    from kg.ingest.sources import sample_corpus
    from kg.store.opening import open_store

    path = tmp_path_factory.mktemp("sample") / "store"
    store = open_store(path)
    try:
        build(sample_corpus(), store)
    finally:
        store.close()
    return path


@pytest.fixture
def sample_store(sample_store_dir, tmp_path):
    """A private copy of the sample store, open; closed after the test."""
    from kg.store.opening import open_store

    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    store = open_store(copy)
    yield store
    store.close()


@pytest.fixture
def executor(sample_store):
    """The shell's engine on a private copy of the sample store, with the default settings."""
    from kg.shell.config import Settings
    from kg.shell.executor import Executor

    engine = Executor(sample_store, Settings())
    yield engine
    while engine.refreshing:  # no background refresh may outlive the store
        time.sleep(0.01)


def run_kg(*args: str, cwd: Path, input: bytes | None = None, env: dict | None = None, timeout: int = 300):
    """Run the real `kg` command line (python -m kg) in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, input=input, capture_output=True, timeout=timeout, env=env
    )


@dataclass
class Parsed:
    """A readable view of one article's extraction, for assertions."""

    extraction: object
    entities: dict[str, str] = field(default_factory=dict)  # local entity name -> majority NER label
    facts: list[tuple] = field(default_factory=list)  # (subject, predicate, object, polarity, modality)
    statements: list[tuple] = field(default_factory=list)  # (speaker, verb, content)
    roles: list[tuple] = field(default_factory=list)  # (person, title, org)

    def fact(self, subject: str, predicate: str, obj: str | None = None):
        """The relations matching subject/predicate/object names (the object may be a concept label)."""
        return [r for r in self.relations if (r[0], r[1]) == (subject, predicate) and (obj is None or r[2] == obj)]

    @property
    def relations(self) -> list[tuple]:
        from kg.extract.speakers import source_label

        ex = self.extraction
        names = [e.name for e in ex.entities]

        def name(arg):
            if arg is None:
                return None
            if arg.source is not None:
                return source_label(arg, names)
            return names[arg.entity] if arg.entity is not None else arg.concept

        out = []
        for i, r in enumerate(ex.relations):
            out.append(
                (
                    name(r.subject),
                    r.predicate,
                    name(r.object),
                    r.reading.polarity,
                    r.reading.modality,
                    names[r.place] if r.place is not None else None,
                    r.time_text,
                    ex.dates.get(i),
                    r,
                )
            )
        return out


def parse_article(nlp, text: str) -> Parsed:
    """Run the real extraction on a text, as `kg build` does for one file."""
    import hashlib

    from kg.extract.extraction import extract_source
    from kg.ingest.sources import Source

    ex = extract_source(nlp, Source("test.txt", text, hashlib.sha256(text.encode()).hexdigest()))
    parsed = Parsed(ex, entities={e.name: e.label for e in ex.entities})
    for row in parsed.relations:
        subject, predicate, obj, polarity, modality, *_rest, relation = row
        if predicate == "says":
            parsed.statements.append((subject, relation.verb, relation.content))
        else:
            parsed.facts.append((subject, predicate, obj, polarity, modality))
    names = [e.name for e in ex.entities]
    parsed.roles = [(names[r.person], r.title, names[r.org] if r.org is not None else None) for r in ex.roles]
    return parsed
