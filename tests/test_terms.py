"""The build's N-Triples terms (kg.terms) and the gazetteer's cache, read back by real parsers."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from kg.rdf.terms import DOC, ENT, TYPE, K, day, decimal, integer, text


def _parse(*triples: tuple[str, str, str]) -> list[ox.Triple]:
    data = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_any_text_survives_as_a_literal(value):
    (triple,) = _parse((ENT["x"], K.surfaceForm, text(value)))
    assert triple.object.value == value


def test_typed_literals_are_the_ones_rdflib_writes():
    from rdflib.namespace import XSD  # here: pytest's collection trips over the closed namespace at module level

    for term, literal in [
        (integer(42), Literal(42)),
        (decimal(0.65), Literal(0.65, datatype=XSD.decimal)),
        (day(date(2021, 6, 16)), Literal(date(2021, 6, 16))),
    ]:
        (triple,) = _parse((DOC["d"], K.index, term))
        assert triple.object.value == str(literal) and triple.object.datatype.value == str(literal.datatype)


def test_vocabulary_terms_are_iris_of_the_ontology():
    (triple,) = _parse((ENT["joe-biden"], TYPE, K.Person))
    assert triple.object.value == "https://kg.example.org/ontology#Person"
    assert triple.subject.value == "https://kg.example.org/entity/joe-biden"


_LOOKUP = "from kg.lexicon.gazetteer import lookup_place; print(lookup_place('Kiev').name)"


def _lookup(cache: Path) -> str:
    env = dict(os.environ, KG_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", _LOOKUP], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_gazetteer_is_cached_and_a_broken_cache_is_rebuilt(tmp_path):
    assert _lookup(tmp_path) == "Kyiv"
    (cached,) = tmp_path.glob("gazetteer-*.pickle")
    countries, _, cities = pickle.loads(cached.read_bytes())
    assert countries["us"].name == "United States" and cities["kiev"].name == "Kyiv"
    cached.write_bytes(b"not a pickle")
    assert _lookup(tmp_path) == "Kyiv"
    assert pickle.loads(cached.read_bytes())[0]["us"].name == "United States"


def test_the_table_of_given_names_is_cached_and_a_broken_cache_is_rebuilt(tmp_path):
    genders = "from kg.lexicon.names import first_name_gender as g; print(g('Maria'), g('John'), g('Kyiv'), g('maria'))"
    env = dict(os.environ, KG_CACHE_DIR=str(tmp_path))
    for _ in range(2):  # built, then loaded from the cache
        done = subprocess.run([sys.executable, "-c", genders], env=env, capture_output=True, text=True, timeout=120)
        assert done.stdout.split() == ["female", "male", "None", "None"], done.stderr
    (cached,) = tmp_path.glob("given-names-*.pickle")
    assert pickle.loads(cached.read_bytes())["maria"] == "female"
    cached.write_bytes(b"not a pickle")
    done = subprocess.run([sys.executable, "-c", genders], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.split()[0] == "female"
    assert pickle.loads(cached.read_bytes())["john"] == "male"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path):
    (tmp_path / "cache").write_text("a file where the folder should be")
    assert _lookup(tmp_path / "cache") == "Kyiv"
