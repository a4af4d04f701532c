"""The gazetteer's and the given names' tables, built once and cached on disk (kg.lexicon.cache)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

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
