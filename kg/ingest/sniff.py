"""Telling what a file holds from its first bytes: a known binary format (by its magic number), bytes that
are mostly control characters, or an HTML page whatever its name."""

from __future__ import annotations

import re

__all__ = ["binary_reason", "looks_like_html"]

# Magic numbers of the binary files found beside articles: documents, archives, images, media, programs.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx, .odt or .epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13} | {127}
_SAMPLE = 8192
MAX_CONTROL_SHARE = 0.1  # text has none but the odd stray byte; binary formats have them throughout


def binary_reason(raw: bytes) -> str | None:
    """Why `raw` is not text ('a PDF document', 'binary: 38% control bytes'), or None. A stray NUL in an
    article is not enough: it is the share of control bytes that tells."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return f"binary file ({what})"
    if raw[4:8] == b"ftyp":
        return "binary file (an MP4/MOV video or HEIC image)"
    sample = raw[:_SAMPLE]
    control = sum(1 for byte in sample if byte in _CONTROL)
    if sample and control > MAX_CONTROL_SHARE * len(sample):
        return f"binary file ({100 * control // len(sample)}% control bytes)"
    return None


_HTML_START = re.compile(r"(?is)^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b")
_HTML_TAGS = re.compile(r"(?i)<(?:html|head|body|div|p|article|meta|title)\b[^>]*>")


def looks_like_html(text: str) -> bool:
    """A saved web page, whatever its file is called: it starts with a doctype or an <html> tag, or it is
    markup throughout."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 3
