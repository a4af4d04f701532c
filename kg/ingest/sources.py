"""Reading input: files, folders and stdin into decoded text, with a clear reason for every file skipped.

Nothing here knows about news: it turns paths into `Source` objects (decoded text plus where it came from)
or `Skipped` records (the path and why). One unreadable file never stops the others.
"""

from __future__ import annotations

import codecs
import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Skipped", "Source", "decode", "read_sources", "sample_corpus"]

MAX_BYTES = 20_000_000  # an article is a few kB; anything this large is not one


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # the path as given, or "-" for stdin
    text: str
    sha256: str  # of the raw bytes: the document's identity
    note: str | None = None  # e.g. "decoded as UTF-16"


@dataclass(frozen=True, slots=True)
class Skipped:
    name: str
    reason: str


class DecodeError(ValueError):
    pass


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]


def decode(raw: bytes) -> tuple[str, str | None]:
    """Decode an article's bytes; return the text and a note when it was not plain UTF-8.

    Raises DecodeError for empty or binary content.
    """
    if not raw.strip():
        raise DecodeError("empty file")
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {name or 'UTF-8'} after its byte-order mark ({e.reason})") from e
            return _checked(text), (f"decoded as {name}" if name else None)
    if b"\x00" in raw:
        wide = _utf16_without_bom(raw)
        if wide is None:
            raise DecodeError("binary file (contains NUL bytes)")
        return _checked(wide), "decoded as UTF-16 (no byte-order mark)"
    try:
        return _checked(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    return _checked(text), "not UTF-8: decoded as Windows-1252/Latin-1"


def _utf16_without_bom(raw: bytes) -> str | None:
    """Text saved as UTF-16 without a BOM has NUL in every other byte for ASCII text."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    codec = "utf-16-le" if odd > 0.3 * half and even < 0.05 * half else None
    codec = codec or ("utf-16-be" if even > 0.3 * half and odd < 0.05 * half else None)
    if codec is None:
        return None
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _checked(text: str) -> str:
    """Reject text that decoded but is not prose: control characters or replacement marks throughout."""
    if not text.strip():
        raise DecodeError("empty file (only whitespace)")
    sample = text[:20_000]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or c == "\ufffd")
    if bad > 0.05 * len(sample):
        raise DecodeError("binary file (mostly control characters)")
    letters = sum(c.isalpha() for c in sample)
    if letters < 0.3 * len(sample.strip()):
        raise DecodeError("not text (too few letters)")
    return text


def _source(name: str, raw: bytes) -> Source | Skipped:
    try:
        text, note = decode(raw)
    except DecodeError as e:
        return Skipped(name, str(e))
    return Source(name, text, hashlib.sha256(raw).hexdigest(), note)


def _read_file(path: Path) -> Source | Skipped:
    try:
        if path.stat().st_size > MAX_BYTES:
            return Skipped(str(path), f"too large ({path.stat().st_size:,} bytes; an article is under {MAX_BYTES:,})")
        raw = path.read_bytes()
    except PermissionError:
        return Skipped(str(path), "permission denied")
    except OSError as e:
        return Skipped(str(path), e.strerror or str(e))
    return _source(_display_name(path), raw)


def _display_name(path: Path) -> str:
    """The name a document is known by: the path as given, or 'sample/NAME' for the bundled sample
    articles, so that the sample graph is the same wherever kg is installed."""
    sample = Path(str(resources.files("kg") / "data" / "corpus"))
    try:
        return f"sample/{path.resolve().relative_to(sample.resolve())}"
    except ValueError:
        return str(path)


def _expand(path_text: str) -> Iterator[Path | Skipped]:
    path = Path(path_text).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if not files:
            yield Skipped(path_text, "folder has no *.txt files")
        yield from files
    elif path.is_file():
        yield path
    elif path.exists():
        yield Skipped(path_text, "not a regular file")
    else:
        yield Skipped(path_text, "no such file or folder")


def read_sources(paths: Iterable[str], stdin: bytes | None = None) -> Iterator[Source | Skipped]:
    """Yield one Source or Skipped per input file, in the order given; '-' reads standard input."""
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
                yield _read_file(item)


def sample_corpus() -> list[str]:
    """Paths of the sample articles that ship with the package."""
    folder = resources.files("kg") / "data" / "corpus"
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))
