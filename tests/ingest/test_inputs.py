"""Inputs as users have them: saved web pages, news dumps, binary files beside articles, odd folder entries and
file names that are not UTF-8. Every case is a real file written here or in tests/data/ingest."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from kg.ingest.cleaning import clean_source
from kg.ingest.sources import RecordFields, Skipped, Source, read_sources

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"
BODY = "The water board of Lindholm raised prices on Monday. Its chairman, Piet Arends, said costs had doubled."


def _all(*paths: Path | str, fields: RecordFields | None = None) -> list[Source | Skipped]:
    return list(read_sources([str(p) for p in paths], fields=fields))


# --- saved web pages ------------------------------------------------------------------------------------


def test_a_saved_page_gives_its_main_text_and_metadata():
    (page,) = _all(DATA / "harbour.html")
    assert isinstance(page, Source)
    assert page.text.startswith("Harbour board approves new ferry route\n\nThe harbour board of Port Ellery voted")
    for furniture in ("Most read", "cookies", "Football club sold", "All rights reserved", "<p>"):
        assert furniture not in page.text
    article = clean_source(page)
    assert (article.title, article.author, article.publisher, str(article.date)) == (
        "Harbour board approves new ferry route",
        "Marta Lindqvist",
        "Coastline Courier",
        "2024-03-12",
    )
    assert page.meta is not None and page.meta.url == "https://courier.example.org/2024/03/ferry-route"


def test_a_page_saved_under_another_name_is_sniffed_as_html(tmp_path):
    saved = tmp_path / "page.txt"
    saved.write_bytes((DATA / "harbour.html").read_bytes())
    (page,) = _all(saved)
    assert isinstance(page, Source) and "<html" not in page.text and page.meta is not None
    assert page.meta.author == "Marta Lindqvist"


def test_a_page_in_a_declared_legacy_encoding(tmp_path):
    html = (DATA / "harbour.html").read_text().replace('charset="utf-8"', 'charset="windows-1252"')
    html = html.replace("Marta Lindqvist", "Marta Lindqvíst").replace("Port Ellery", "Port Élléry")
    (tmp_path / "p.htm").write_bytes(html.encode("cp1252"))
    (page,) = _all(tmp_path / "p.htm")
    assert isinstance(page, Source) and "Port Élléry" in page.text


def test_a_page_without_article_text_is_skipped_with_the_reason(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (skipped,) = _all(tmp_path / "menu.html")
    assert isinstance(skipped, Skipped) and "HTML page without article text" in skipped.reason


# --- news dumps -----------------------------------------------------------------------------------------


def _record(i: int, **extra: object) -> dict:
    return {"title": f"Water prices rise in town {i}", "text": f"{BODY} Town {i} was the first.", **extra}


def test_a_jsonl_dump_gives_one_document_per_record_with_its_metadata(tmp_path):
    rows = [
        _record(1, url="https://news.example.com/a1", date="2023-05-02", source={"id": None, "name": "Daily Tide"}),
        _record(2, published="Tue, 09 May 2023 10:00:00 GMT", authors=["Ana Ruiz", "Bo Lind"]),
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = _all(dump)
    assert isinstance(first, Source) and isinstance(second, Source)
    assert first.name == "https://news.example.com/a1" and second.name == f"{dump}#2"
    assert first.text.startswith("Water prices rise in town 1\n\nThe water board")
    a, b = clean_source(first), clean_source(second)
    assert (a.title, a.publisher, str(a.date)) == ("Water prices rise in town 1", "Daily Tide", "2023-05-02")
    assert (b.author, str(b.date)) == ("Ana Ruiz, Bo Lind", "2023-05-09")


def test_a_bad_record_is_skipped_by_position_and_the_others_go_on(tmp_path):
    dump = tmp_path / "dump.jsonl"
    lines = [json.dumps(_record(1)), '{"title": "cut off', "", json.dumps({"title": "No body"}), "[1, 2]"]
    lines.append(json.dumps(_record(6)))
    dump.write_text("\n".join(lines) + "\n")
    items = _all(dump)
    assert [i.name for i in items] == [f"{dump}#{n}" for n in (1, 2, 4, 5, 6)]
    assert [type(i) for i in items] == [Source, Skipped, Skipped, Skipped, Source]
    assert items[1].reason.startswith("line 2: not valid JSON (Unterminated string")
    assert items[2].reason.startswith("no text: none of the fields text, body, content")
    assert items[3].reason.startswith("a JSON list, not an article")


def test_record_identity_ignores_fields_not_read_and_follows_the_text(tmp_path):
    def hashes(rows: list[dict]) -> list[str]:
        (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
        return [s.sha256 for s in _all(tmp_path / "d.jsonl") if isinstance(s, Source)]

    first = hashes([_record(1, fetched="2024-01-01"), _record(2)])
    assert hashes([_record(1, fetched="2024-02-02"), _record(2)]) == first
    assert hashes([_record(1), {**_record(2), "text": BODY + " Changed."}])[1] != first[1]


def test_a_json_array_a_newsapi_answer_and_a_single_article(tmp_path):
    (tmp_path / "array.json").write_text(json.dumps([_record(1), _record(2)]))
    (tmp_path / "api.json").write_text(json.dumps({"status": "ok", "articles": [_record(3, content=BODY)]}))
    (tmp_path / "one.json").write_text(json.dumps(_record(4)))
    items = _all(tmp_path / "array.json", tmp_path / "api.json", tmp_path / "one.json")
    assert all(isinstance(i, Source) for i in items)
    assert [i.name for i in items] == [
        f"{tmp_path / 'array.json'}#1",
        f"{tmp_path / 'array.json'}#2",
        f"{tmp_path / 'api.json'}#1",
        f"{tmp_path / 'one.json'}#1",
    ]


def test_a_csv_dump_and_fields_named_on_the_command_line(tmp_path):
    long_body = (BODY + " ") * 2000  # longer than the csv module's default cell limit (128 kB)
    dump = tmp_path / "crawl.csv"
    dump.write_text(f'story,heading,when\n"{long_body}",Prices rise,2022-11-30\n"",Empty,2022-12-01\n')
    items = _all(dump, fields=RecordFields.with_names(text="story", title="heading", date="when"))
    assert isinstance(items[0], Source) and items[0].text.startswith("Prices rise\n\nThe water board")
    assert str(clean_source(items[0]).date) == "2022-11-30"
    assert isinstance(items[1], Skipped) and items[1].name == f"{dump}#2"
    assert items[1].reason == "no text: none of the fields story holds any (name yours with --text-field)"


def test_a_record_that_kept_the_page_gives_its_main_text(tmp_path):
    page = (DATA / "harbour.html").read_text()
    dump = tmp_path / "crawl.jsonl"
    dump.write_text(json.dumps({"html": page, "title": "Ferry route approved", "url": "https://c.example/f"}) + "\n")
    (source,) = _all(dump, fields=RecordFields.with_names(text="html"))
    assert isinstance(source, Source) and source.meta is not None
    assert source.text.startswith("Ferry route approved\n\nThe harbour board of Port Ellery voted")
    assert "<p>" not in source.text and "Most read" not in source.text
    assert (source.meta.title, source.meta.author, source.meta.url) == (
        "Ferry route approved",
        "Marta Lindqvist",
        "https://c.example/f",
    )


def test_a_dump_that_is_not_utf8_or_has_no_records(tmp_path):
    (tmp_path / "latin.jsonl").write_bytes(json.dumps(_record(1), ensure_ascii=False).encode() + b"\xe9\n")
    (tmp_path / "empty.csv").write_text("text,title\n")
    latin, empty = _all(tmp_path / "latin.jsonl", tmp_path / "empty.csv")
    assert isinstance(latin, Skipped) and latin.reason.startswith("not UTF-8")
    assert isinstance(empty, Skipped) and empty.reason == "no records in the dump"


# --- binary files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head, what",
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF89a", "a GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ],
)
def test_binary_formats_are_skipped_by_their_magic_number(tmp_path, head, what):
    path = tmp_path / "file.txt"
    path.write_bytes(head + b"Text that reads like an article, with words and letters in it. " * 50)
    (skipped,) = _all(path)
    assert isinstance(skipped, Skipped) and skipped.reason.startswith(f"binary file ({what}")


def test_a_stray_nul_byte_does_not_make_an_article_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"Prices rise\n\n{BODY}\x00 More followed on Tuesday.\n".encode())
    (source,) = _all(path)
    assert isinstance(source, Source) and "More followed on Tuesday." in clean_source(source).text


def test_control_bytes_throughout_are_binary(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(0, 32)) * 40 + BODY.encode())
    (skipped,) = _all(path)
    assert isinstance(skipped, Skipped) and "% control bytes" in skipped.reason


# --- folders and odd entries ----------------------------------------------------------------------------


def test_a_folder_reads_articles_pages_and_dumps_but_not_other_or_hidden_files(tmp_path):
    (tmp_path / "a.txt").write_text(f"Prices rise\n\n{BODY}\n")
    (tmp_path / "b.html").write_bytes((DATA / "harbour.html").read_bytes())
    (tmp_path / "c.jsonl").write_text(json.dumps(_record(1)) + "\n")
    (tmp_path / "notes.md").write_text(BODY)
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text(BODY)
    names = [i.name for i in _all(tmp_path)]
    assert names == [str(tmp_path / "a.txt"), str(tmp_path / "b.html"), f"{tmp_path / 'c.jsonl'}#1"]


def _odd_entries(folder: Path) -> dict[str, str]:
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "up").symlink_to(folder)
    return {
        "pipe.txt": "not a regular file (a FIFO)",
        "gone.txt": f"dangling symbolic link (to {folder / 'missing.txt'})",
        "loop.txt": "symbolic link loop",
    }


def test_fifos_dangling_links_and_loops_are_reported_in_a_folder_as_when_named(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(f"Prices rise\n\n{BODY}\n")
    expected = _odd_entries(folder)
    in_folder = {Path(i.name).name: i for i in _all(folder)}
    assert isinstance(in_folder.pop("ok.txt"), Source)
    assert in_folder.pop("up").reason == "symbolic link loop (to a folder that contains it)"
    assert {name: s.reason for name, s in in_folder.items()} == expected
    named = {Path(i.name).name: i.reason for i in _all(*(folder / n for n in expected))}  # type: ignore[union-attr]
    assert named == expected


def test_a_socket_named_directly(tmp_path):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.txt"))
        (skipped,) = _all(tmp_path / "s.txt")
        assert isinstance(skipped, Skipped) and skipped.reason == "not a regular file (a socket)"
    finally:
        server.close()


def test_a_file_name_that_is_not_utf8_is_read_and_named_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    for raw_name, content in ((b"caf\xe9.txt", f"Prices rise\n\n{BODY}\n"), (b"b\xff.txt", "")):
        with open(os.path.join(folder, raw_name), "w") as handle:
            handle.write(content)
    empty, good = _all(tmp_path)  # in the order of their bytes
    assert isinstance(good, Source) and good.name == f"{tmp_path}/caf\\xe9.txt"
    assert isinstance(empty, Skipped) and empty.name == f"{tmp_path}/b\\xff.txt"
    good.name.encode("utf-8")  # printable and storable as it is
