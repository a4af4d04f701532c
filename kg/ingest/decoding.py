"""Decoding an article's bytes: UTF-8, the byte-order-marked and unmarked UTF-16/32, else Windows-1252;
binary content (known formats, control bytes throughout) and text without prose are refused with the reason."""

from __future__ import annotations

import codecs

from .sniff import binary_reason

__all__ = ["DecodeError", "check_text", "decode"]


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
            return check_text(text), (f"decoded as {name}" if name else None)
    if b"\x00" in raw and (wide := _utf16_without_bom(raw)) is not None:
        return check_text(wide), "decoded as UTF-16 (no byte-order mark)"
    if reason := binary_reason(raw):
        raise DecodeError(reason)
    try:
        return check_text(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1252", errors="replace")
    return check_text(text), "not UTF-8: decoded as Windows-1252/Latin-1"


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


def check_text(text: str) -> str:
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
