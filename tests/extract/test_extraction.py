"""The stages run in their declared order over one state, each adding its part; the result is plain data."""

from __future__ import annotations

import copy
import hashlib
import importlib
import pickle

from kg.extract.extraction import STAGES, Extraction, extract_source
from kg.ingest.sources import Source

TEXT = (
    "Talks in Lima\n\nPublished: January 19, 2022\n\n"
    "Prime Minister Mark Rutte had a long phone call with Joe Biden of Delaware on Friday. "
    '"We agree," Rutte said. The Moscow-based Levada Center published a poll.'
)
FIELDS = ("quotes", "mentions", "entity_of", "entities", "roles", "speakers", "relations", "dates")
ADDS = {
    "find_quotes": {"quotes"},
    "find_mentions": {"mentions"},
    "link_entities": {"entity_of", "entities"},  # and the references' names
    "read_roles": {"roles"},  # and the references' roles
    "resolve_references": set(),  # the references only
    "read_statements": {"speakers", "relations"},
    "resolve_quoted_references": set(),
    "read_relations": {"relations"},
    "read_affiliations": {"relations"},
    "read_origins": {"relations"},
    "read_acts": set(),  # nothing to read in TEXT: tests/extract/test_acts.py
    "merge_relations": {"relations"},
    "resolve_dates": {"dates"},
}


def test_each_stage_is_the_entry_point_of_its_module():
    for stage in STAGES:
        assert stage.__name__ in importlib.import_module(stage.__module__).__all__
    assert [stage.__name__ for stage in STAGES] == list(ADDS)


def test_each_stage_adds_its_part_of_the_state(state_after):
    state = state_after(TEXT, None)
    for stage in STAGES:
        before = {name: copy.copy(getattr(state, name)) for name in FIELDS}
        stage(state)
        changed = {name for name in FIELDS if getattr(state, name) != before[name]}
        assert changed == ADDS[stage.__name__], stage.__name__


def test_an_extraction_is_plain_picklable_data(nlp):
    ex = extract_source(nlp, Source("lima.txt", TEXT, hashlib.sha256(TEXT.encode()).hexdigest()))
    assert isinstance(ex, Extraction) and pickle.loads(pickle.dumps(ex)) == ex
    assert (ex.source, len(ex.sentences), ex.words, ex.article.title) == ("lima.txt", 4, 31, "Talks in Lima")
    assert [r.predicate for r in ex.relations] == ["homeLocation", "speaksWith", "says", "basedIn", "publish"]
