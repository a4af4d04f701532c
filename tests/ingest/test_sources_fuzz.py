"""The reader under hostile input (hypothesis): random bytes, mixed encodings, giant lines, control characters.

Every input ends as a `Source` (decoded text) or a `Skipped` (with a reason); nothing raises. The same inputs
through a whole build end built or skipped, with the store still answering.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.sources import DecodeError, Skipped, Source, decode, read_sources

pytestmark = pytest.mark.slow  # builds hostile files end to end

PROSE = "Officials from Germany and France met in Geneva on Friday to discuss the talks, a spokesman said. "
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]

prose_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]) | st.sampled_from(list(" \n.,é’“”")),
    min_size=1,
    max_size=400,
)
control_chars = st.text(alphabet=st.characters(max_codepoint=31), min_size=1, max_size=50)


@st.composite
def mixed_encodings(draw) -> bytes:
    """Paragraphs each saved in its own encoding, glued together, as careless scrapers do."""
    parts = draw(st.lists(st.tuples(prose_text, st.sampled_from(ENCODINGS)), min_size=1, max_size=5))
    out = b""
    for text, encoding in parts:
        out += text.encode(encoding, errors="replace")
    return out


@st.composite
def hostile_bytes(draw, giant: int = 3000) -> bytes:
    kind = draw(st.sampled_from(["random", "mixed", "controls", "giant", "bom"]))
    if kind == "random":
        return draw(st.binary(max_size=2000))
    if kind == "mixed":
        return draw(mixed_encodings())
    if kind == "controls":
        pieces = draw(st.lists(st.one_of(st.just(PROSE), control_chars), min_size=1, max_size=12))
        return "".join(pieces).encode("utf-8")
    if kind == "giant":
        return (PROSE.rstrip(". ") + " and ").encode() * draw(st.integers(1, giant))  # one line, no full stop
    bom = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]))
    return bom + draw(st.binary(max_size=500))


def _check_decoded(text: str) -> None:
    assert isinstance(text, str) and text.strip()
    text.encode("utf-8")  # no lone surrogates: the text can go into the store and the export


@settings(max_examples=400, deadline=None)
@given(hostile_bytes())
def test_decode_returns_text_or_a_reason(raw):
    try:
        text, note = decode(raw)
    except DecodeError as e:
        assert str(e)  # a reason to show the user
        return
    _check_decoded(text)
    assert note is None or isinstance(note, str)


def _write_files(folder: str, files: list[bytes]) -> list[str]:
    """Each byte string as its own .txt file in the folder, in order."""
    paths = []
    for i, raw in enumerate(files):
        path = Path(folder) / f"{i:02}.txt"
        path.write_bytes(raw)
        paths.append(str(path))
    return paths


@settings(max_examples=100, deadline=None)
@given(st.lists(hostile_bytes(), min_size=1, max_size=4))
def test_read_sources_never_raises(files):
    with tempfile.TemporaryDirectory() as folder:
        paths = _write_files(folder, files)
        results = list(read_sources([*paths, str(Path(folder) / "missing.txt")]))
    assert len(results) == len(files) + 1
    assert isinstance(results[-1], Skipped) and results[-1].reason == "no such file or folder"
    for item in results[:-1]:
        assert isinstance(item, Source | Skipped)
        if isinstance(item, Source):
            _check_decoded(item.text)
            assert len(item.sha256) == 64
        else:
            assert item.reason


def test_every_encoding_of_an_article_reads_the_same():
    texts = set()
    for encoding in ENCODINGS:
        text, _ = decode((PROSE * 3).encode(encoding))
        texts.add(text.replace("\ufeff", ""))
    assert texts == {PROSE * 3}


@pytest.fixture(scope="module")
def warm_model(nlp):
    return nlp  # the model is loaded once per process: builds below reuse it


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(hostile_bytes(giant=300), min_size=1, max_size=3))
def test_a_build_of_hostile_files_ends_built_or_skipped(warm_model, files):
    from kg.build.pipeline import build
    from kg.store.opening import open_store

    with tempfile.TemporaryDirectory() as folder:
        paths = _write_files(folder, files)
        store = open_store(Path(folder) / "store")
        try:
            report = build(paths, store)
            assert report.read + len(report.skipped) >= len(files)
            assert report.built + report.unchanged + len({s.name for s in report.skipped if s.name in paths}) >= 1
            documents = store.select(
                "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://kg.example.org/ontology#Document> }"
            )
            assert int(documents[0][0]) == report.built
        finally:
            store.close()


def test_text_too_long_for_the_parser_is_skipped_with_the_reason(warm_model, tmp_path, monkeypatch):
    from kg.build.pipeline import build
    from kg.store.opening import open_store

    giant = tmp_path / "giant.txt"
    giant.write_text(PROSE * (warm_model.max_length // len(PROSE) + 10))
    long = tmp_path / "long.txt"
    long.write_text(PROSE * (400_000 // len(PROSE)))
    store = open_store(tmp_path / "store")
    try:
        report = build([str(giant), str(long)], store)
        monkeypatch.setenv("KG_MAX_ARTICLE_CHARS", "2000000")  # above the parser's own limit
        above_parser = build([str(giant)], store)
    finally:
        store.close()
    assert report.built == 0 and above_parser.built == 0
    assert [s.reason for s in report.skipped] == [
        f"too long ({len(path.read_text()):,} characters; an article is at most 300,000, set by "
        "KG_MAX_ARTICLE_CHARS): split it into articles"
        for path in (giant, long)
    ]
    assert [s.reason for s in above_parser.skipped] == [
        f"too long to parse ({len(giant.read_text()):,} characters; the parser takes at most "
        f"{warm_model.max_length:,}): split it into articles"
    ]
