"""The same graph whatever the build order: a corpus built at once, in two builds either way round, or with two
parser processes, gives the same triples, compared as sorted N-Triples.

Set aside from the comparison, and only these: triples with a blank node (the ontology's `owl:oneOf` lists,
whose blank nodes get new names every time the ontology is loaded; their number is compared). Everything else,
`kg:sourceFile` included (the tests name the files the same way in every build), must be equal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.ingest.sources import sample_corpus
from kg.store.opening import open_store

pytestmark = pytest.mark.slow  # builds corpora end to end

NEWS = Path(os.environ.get("KG_NEWS_CORPUS", "/work/shared/corpus/news"))  # 31 news articles, kept outside


def _graph(tmp: Path, parts: list[list[str]], jobs: int = 1) -> tuple[list[str], int]:
    """The sorted N-Triples lines of a store built from `parts` in turn (blank-node lines apart, counted)."""
    store = open_store(tmp / "store")
    try:
        for part in parts:
            build(part, store, jobs=jobs)
        store.dump(tmp / "graph.nt", "ntriples")
    finally:
        store.close()
    lines = (tmp / "graph.nt").read_text(encoding="utf-8").splitlines()
    return sorted(line for line in lines if "_:" not in line), sum("_:" in line for line in lines)


def _news() -> list[str]:
    if not NEWS.is_dir():
        pytest.skip(f"{NEWS} is not here")
    return sorted(str(p) for p in NEWS.iterdir() if p.is_file() and p.suffix in {".txt", ".html"})


def _assert_same(expected: tuple[list[str], int], got: tuple[list[str], int]) -> None:
    missing = sorted(set(expected[0]) - set(got[0]))
    extra = sorted(set(got[0]) - set(expected[0]))
    assert not missing and not extra, f"{len(missing)} missing, {len(extra)} extra: {missing[:5]} {extra[:5]}"
    assert expected == got


@pytest.fixture(scope="module")
def news_at_once(tmp_path_factory) -> tuple[list[str], int]:
    return _graph(tmp_path_factory.mktemp("once"), [_news()])


@pytest.fixture(scope="module")
def sample_at_once(tmp_path_factory) -> tuple[list[str], int]:
    return _graph(tmp_path_factory.mktemp("once"), [[str(p) for p in sample_corpus()]])


@pytest.mark.parametrize("split", [1, 3])
def test_sample_in_two_builds_either_way_is_the_sample_at_once(sample_at_once, tmp_path, split):
    files = sorted(str(p) for p in sample_corpus())
    a, b = files[:split], files[split:]
    _assert_same(sample_at_once, _graph(tmp_path / "ab", [a, b]))
    _assert_same(sample_at_once, _graph(tmp_path / "ba", [b, a]))


@pytest.mark.parametrize("split", [15])
def test_news_in_two_builds_either_way_is_the_news_at_once(news_at_once, tmp_path, split):
    files = _news()
    a, b = files[:split], files[split:]
    assert len(news_at_once[0]) > 20_000
    _assert_same(news_at_once, _graph(tmp_path / "ab", [a, b]))
    _assert_same(news_at_once, _graph(tmp_path / "ba", [b, a]))


def test_news_in_three_builds_is_the_news_at_once(news_at_once, tmp_path):
    files = _news()
    _assert_same(news_at_once, _graph(tmp_path, [files[24:], files[7:24], files[:7]]))


def test_two_parser_processes_give_the_graph_of_one(news_at_once, tmp_path):
    _assert_same(news_at_once, _graph(tmp_path, [_news()], jobs=2))
