"""Reading input: files, folders and stdin into decoded text, with a clear reason for every input skipped.

It turns paths into `Source` objects (decoded text plus where it came from and what the page or record says
about it) or `Skipped` records (the name and why). Plain text (.txt and any file named directly) is read as
it is; a saved web page (.html, .htm, or markup whatever the name) through its main text; a news dump
(.jsonl, .ndjson, .json, .csv) one record per article. A folder is walked for those suffixes. One unreadable
file, and one bad record, never stops the others.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from .decoding import DecodeError, decode
from .document import Metadata, Skipped, Source
from .html import html_charset, read_html
from .records import DUMP_SUFFIXES, RecordFields, read_dump
from .sniff import looks_like_html

__all__ = [
    "FOLDER_SUFFIXES",
    "MAX_BYTES",
    "Metadata",
    "RecordFields",
    "Skipped",
    "Source",
    "decode",
    "expected_documents",
    "read_sources",
    "sample_corpus",
    "shown",
]

MAX_BYTES = 20_000_000  # an article is a few kB, a dump of them some MB; anything larger is neither
MAX_DUMP_BYTES = 500_000_000  # a dump is read whole: a larger one should be split
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FOLDER_SUFFIXES = frozenset({".txt", *HTML_SUFFIXES, *DUMP_SUFFIXES})  # what a folder build reads


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 (a name from another system's
    encoding) are written as \\xNN escapes; the same file always gets the same name."""
    return os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _source(name: str, raw: bytes, html: bool = False) -> Source | Skipped:
    try:
        text, note = decode(raw)
    except DecodeError as e:
        return Skipped(name, str(e))
    sha256 = hashlib.sha256(raw).hexdigest()
    if html or looks_like_html(text):
        if note and (charset := html_charset(raw)):
            text, note = raw.decode(charset, errors="replace"), None
        return read_html(name, text, sha256, note)
    return Source(name, text, sha256, note)


def _read_file(path: Path, fields: RecordFields) -> Iterator[Source | Skipped]:
    name = _display_name(path)
    suffix = path.suffix.lower()
    limit = MAX_DUMP_BYTES if suffix in DUMP_SUFFIXES else MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            what = "a dump" if limit > MAX_BYTES else "an article"
            yield Skipped(name, f"too large ({size:,} bytes; {what} is under {limit:,})")
            return
        raw = path.read_bytes()
    except PermissionError:
        yield Skipped(name, "permission denied")
        return
    except OSError as e:
        yield Skipped(name, e.strerror or str(e))
        return
    if suffix in DUMP_SUFFIXES:
        yield from read_dump(name, raw, suffix, fields)
    else:
        yield _source(name, raw, html=suffix in HTML_SUFFIXES)


def _display_name(path: Path) -> str:
    """The name a document is known by: the path as given, or 'sample/NAME' for the bundled sample
    articles, so that the sample graph is the same wherever kg is installed."""
    sample = Path(str(resources.files("kg") / "data" / "corpus"))
    try:
        return f"sample/{shown(path.resolve().relative_to(sample.resolve()))}"
    except (ValueError, OSError, RuntimeError):
        return shown(path)


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a file (a dangling or looping link, a FIFO, a device), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return f"dangling symbolic link (to {shown(os.readlink(path))})"
        return "no such file or folder" if e.errno == errno.ENOENT else (e.strerror or str(e))
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"not a regular file ({kind})"


def _walk(folder: Path, ancestors: frozenset[Path]) -> Iterator[Path | Skipped]:
    """The input files below `folder`, sorted; hidden entries (.git, .cache) left out. A dangling link, a link
    loop, a FIFO or a device that would be read is reported as in `_expand`."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as e:
        yield Skipped(shown(folder), f"folder cannot be read: {e.strerror or e}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        reason = _not_a_file(path)
        wanted = path.suffix.lower() in FOLDER_SUFFIXES
        if reason is not None:
            if wanted or (entry.is_symlink() and not path.suffix):
                yield Skipped(shown(path), reason)
        elif path.is_dir():
            real = path.resolve()
            if real in ancestors:
                yield Skipped(shown(path), "symbolic link loop (to a folder that contains it)")
            else:
                yield from _walk(path, ancestors | {real})
        elif wanted:
            yield path


def _expand(path_text: str) -> Iterator[Path | Skipped]:
    path = Path(path_text).expanduser()
    reason = _not_a_file(path)
    if reason is not None:
        yield Skipped(shown(path_text), reason)
    elif path.is_dir():
        found = False
        for item in _walk(path, frozenset({path.resolve()})):
            found = found or isinstance(item, Path)
            yield item
        if not found:
            yield Skipped(shown(path_text), f"folder has no input files ({', '.join(sorted(FOLDER_SUFFIXES))})")
    else:
        yield path


def read_sources(
    paths: Iterable[str], stdin: bytes | None = None, fields: RecordFields | None = None
) -> Iterator[Source | Skipped]:
    """Yield one Source or Skipped per input file or dump record, in the order given; '-' reads standard
    input. `fields` names a dump's fields when they are not the usual ones."""
    fields = fields or RecordFields()
    seen: set[Path] = set()
    for path_text in paths:
        if path_text == "-":
            raw = stdin if stdin is not None else sys.stdin.buffer.read()
            yield _source("-", raw)
            continue
        for item in _expand(path_text):
            if isinstance(item, Skipped):
                yield item
                continue
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                yield from _read_file(item, fields)


def expected_documents(paths: list[str]) -> int:
    """About how many documents `paths` hold, for a progress bar: the input files, a JSON Lines dump's lines."""
    total = 0
    for path_text in paths:
        for item in [] if path_text == "-" else _expand(path_text):
            if isinstance(item, Path):
                total += _lines(item) if item.suffix.lower() in {".jsonl", ".ndjson"} else 1
    return total or len(paths)


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return max(1, sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")))
    except OSError:
        return 1


def sample_corpus() -> list[str]:
    """Paths of the sample articles that ship with the package."""
    folder = resources.files("kg") / "data" / "corpus"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))
