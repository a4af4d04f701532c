"""Reading input files: every bad file gets a reason, and the good ones are still read."""

from __future__ import annotations

import codecs

from kg.ingest.sources import Skipped, Source, decode, read_sources

STORY = "Rail Strike Ends\n\nThe strike ended on Monday after talks in Leeds.\n"


def _read(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return next(iter(read_sources([str(path)])))


def test_utf8_text_is_read(tmp_path):
    source = _read(tmp_path, "a.txt", STORY.encode())
    assert isinstance(source, Source) and source.text == STORY and source.note is None


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path):
    source = _read(tmp_path, "a.txt", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))
    assert source.text == STORY and source.note == "decoded as UTF-16"


def test_utf16_without_a_byte_order_mark_is_decoded(tmp_path):
    source = _read(tmp_path, "a.txt", STORY.encode("utf-16-be"))
    assert source.text == STORY and "UTF-16" in source.note


def test_latin1_is_decoded_and_noted(tmp_path):
    source = _read(tmp_path, "a.txt", "Café owners in Zürich protested.".encode("latin-1"))
    assert source.text == "Café owners in Zürich protested." and "Latin-1" in source.note


def test_empty_file_is_skipped_with_a_reason(tmp_path):
    assert _read(tmp_path, "e.txt", b" \n\t\n") == Skipped(str(tmp_path / "e.txt"), "empty file")


def test_binary_file_is_skipped_with_a_reason(tmp_path):
    skipped = _read(tmp_path, "b.txt", bytes(range(256)) * 20)
    assert isinstance(skipped, Skipped) and "binary" in skipped.reason


def test_missing_path_and_folder_without_text(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(read_sources([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [i.reason for i in items] == [
        "no such file or folder",
        "folder has no input files (.csv, .htm, .html, .json, .jsonl, .ndjson, .txt, .xhtml)",
    ]


def test_a_folder_is_read_recursively_and_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(STORY)
    (tmp_path / "a.txt").write_text(STORY + "More.")
    (tmp_path / "notes.md").write_text("not an article")
    items = list(read_sources([str(tmp_path), str(tmp_path / "a.txt")]))
    assert sorted(i.name for i in items) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.txt")]


def test_stdin_is_a_source():
    (source,) = read_sources(["-"], stdin=STORY.encode())
    assert source.name == "-" and source.text == STORY


def test_decode_rejects_text_without_letters():
    try:
        decode(b"1234 5678 \x01\x02\x03" * 50)
    except ValueError as e:
        assert "binary" in str(e) or "not text" in str(e)
    else:
        raise AssertionError("decode accepted a file of digits and control characters")
