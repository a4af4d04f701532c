"""News dumps: JSON Lines, JSON and CSV files with one article per record, as news APIs and crawls write them.

Each record becomes a `Source` of its own, with the metadata its fields give (title, date, URL, author,
site). Its name is its URL when it has one, else `FILE#N` (N: the line of a JSON Lines file, the record's
number in a JSON array or a CSV file), and its hash covers only the fields read: a re-built dump builds only
the records that are new or changed. A bad record is skipped, named by its position; the others go on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .decoding import DecodeError, check_text
from .document import Metadata, Skipped, Source
from .html import read_html
from .sniff import looks_like_html

__all__ = ["DUMP_SUFFIXES", "RecordFields", "read_dump"]

DUMP_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv"})

# Keys under which a JSON object holds its list of articles (NewsAPI's "articles", and the usual others).
_LIST_KEYS = ("articles", "items", "data", "results", "records", "documents", "posts", "news", "stories")


@dataclass(frozen=True, slots=True)
class RecordFields:
    """The field names tried, in order, for each part of a record (the first present and non-empty wins)."""

    text: tuple[str, ...] = ("text", "body", "content", "article", "maintext", "full_text", "story")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published", "published_at", "publishedAt", "pubDate", "date_publish")
    url: tuple[str, ...] = ("url", "link", "uri")
    author: tuple[str, ...] = ("author", "authors", "byline", "creator")
    site: tuple[str, ...] = ("source", "site", "site_name", "sitename", "publisher", "source_domain", "domain")

    @classmethod
    def with_names(cls, **names: str | None) -> RecordFields:
        """The defaults, with the parts named (text="story") read from that field alone."""
        return cls(**{part: (name,) for part, name in names.items() if name})


class _BadRecord(ValueError):
    pass


def read_dump(path_name: str, raw: bytes, suffix: str, fields: RecordFields) -> Iterator[Source | Skipped]:
    """Every record of a dump, as a Source or a Skipped naming its position."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield Skipped(path_name, f"not UTF-8 (byte {e.start}): a {suffix[1:].upper()} dump must be UTF-8")
        return
    records = _csv_records(text) if suffix == ".csv" else _json_records(text, suffix)
    count = 0
    for number, record in records:
        count += 1
        position = f"{path_name}#{number}"
        if isinstance(record, Exception):
            yield Skipped(position, str(record))
            continue
        try:
            yield _source(path_name, number, record, fields)
        except _BadRecord as e:
            yield Skipped(position, str(e))
    if count == 0:
        yield Skipped(path_name, "no records in the dump")


def _json_records(text: str, suffix: str) -> Iterator[tuple[int, Any]]:
    """(position, record or the error that spoiled it): line numbers for JSON Lines, else record numbers."""
    if suffix in {".jsonl", ".ndjson"} or (suffix == ".json" and _is_json_lines(text)):
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield number, _loads(line, f"line {number}")
        return
    data = _loads(text, "the file")
    if isinstance(data, Exception):
        yield 1, data
        return
    if isinstance(data, dict):
        listed = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        data = listed if listed is not None else [data]
    if not isinstance(data, list):
        yield 1, _BadRecord(f"a JSON {type(data).__name__}, not an article or a list of articles")
        return
    yield from enumerate(data, 1)


def _is_json_lines(text: str) -> bool:
    """A .json file that is really JSON Lines: more than one line, each a whole object."""
    lines = [line for line in text[:65536].splitlines() if line.strip()]
    return len(lines) > 1 and all(line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines[:2])


def _loads(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        return _BadRecord(f"{where}: not valid JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return _BadRecord(f"{where}: JSON nested too deeply")


def _csv_records(text: str) -> Iterator[tuple[int, Any]]:
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # an article is longer than its 128 kB default
    reader = csv.DictReader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield number, _BadRecord(f"line {reader.line_num}: not valid CSV ({e})")
            continue
        if None in row:  # more cells than the header names
            row = {k: v for k, v in row.items() if k is not None}
        yield number, row


def _source(path_name: str, number: int, record: Any, fields: RecordFields) -> Source:
    if not isinstance(record, Mapping):
        raise _BadRecord(f"a JSON {type(record).__name__}, not an article (an object with a text field)")
    body = _field(record, fields.text)
    if body is None:
        tried = ", ".join(fields.text)
        raise _BadRecord(f"no text: none of the fields {tried} holds any (name yours with --text-field)")
    meta = Metadata(
        title=_field(record, fields.title),
        author=_field(record, fields.author),
        date=_field(record, fields.date),
        publisher=_field(record, fields.site),
        url=_field(record, fields.url),
    )
    if looks_like_html(body):  # a crawl that kept the page: its main text, its metadata where the record has none
        body, meta = _page(f"{path_name}#{number}", body, meta)
    try:
        check_text(body)
    except DecodeError as e:
        raise _BadRecord(f"text field: {e}".replace(" file", "")) from e
    text = body if not meta.title or body.lstrip().startswith(meta.title) else f"{meta.title}\n\n{body}"
    identity = json.dumps([text, meta.author, meta.date, meta.publisher, meta.url], ensure_ascii=False)
    name = meta.url or f"{path_name}#{number}"
    return Source(name, text, hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest(), meta=meta)


def _page(position: str, html: str, meta: Metadata) -> tuple[str, Metadata]:
    """The main text of a record's HTML without its headline, and the record's metadata completed by the page's."""
    page = read_html(position, html, "")
    if isinstance(page, Skipped):
        raise _BadRecord(f"text field: {page.reason}")
    found = page.meta or Metadata()
    text = page.text.removeprefix(f"{found.title}\n\n") if found.title else page.text
    merged = Metadata(*(ours or theirs for ours, theirs in zip(_values(meta), _values(found), strict=True)))
    return text, merged


def _values(meta: Metadata) -> tuple[str | None, ...]:
    return (meta.title, meta.author, meta.date, meta.publisher, meta.url)


def _field(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    """The first of `names` the record holds as text: a string, a list of strings (authors), or an object's
    name ({"source": {"id": null, "name": "BBC News"}})."""
    for name in names:
        value = record.get(name)
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("title")
        if isinstance(value, list):
            value = ", ".join(str(v.get("name", "") if isinstance(v, Mapping) else v) for v in value if v)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
