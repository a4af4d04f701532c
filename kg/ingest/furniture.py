"""Page furniture recognised by the shape of a line: wire credits, editor's notes, reader widgets, photo
captions and credits, datelines. Used by `cleaning`; no site is named here.

A wire credit ('(Reporting by A. Osborn; Editing by B. Heavens)') names the document's contributors, who are
metadata, not entities of the story. A dateline ('BAGHDAD, Iraq -', 'Buenos Aires:') names where the story was
filed: it leaves the sentence it opens and is kept as the document's dateline.
"""

from __future__ import annotations

import re

from ..lexicon.gazetteer import lookup_place

__all__ = ["byline", "is_furniture", "split_dateline", "strip_captions", "take_credits"]

_CREDIT_VERB = (
    r"(?:additional\s+)?(?:reporting|editing|writing|research|compiled|compiling|produced|contributing|"
    r"reported|written|edited|translated|translation|graphics|video|fact-checking)\s+by"
)
_CLAUSE = rf"{_CREDIT_VERB}\s+[^;()\[\]]+"
# '(Reporting By A. Osborn; Editing by A. Heavens)', 'Additional reporting by I. Castro in Bluefields'.
_CREDIT_LINE = re.compile(rf"(?i)^[(\[]?\s*(?P<credit>{_CLAUSE}(?:\s*[;,]\s*{_CLAUSE})*?)\s*[.)\]]*\s*$")
_CREDIT_TAIL = re.compile(rf"(?i)\s*[(\[]\s*(?P<credit>{_CLAUSE}(?:\s*[;,]\s*{_CLAUSE})*?)\s*[)\]]\s*$")
_CREDIT_NAMES = re.compile(rf"(?i){_CREDIT_VERB}\s+(?P<names>[^;()\[\]]+)")
_NAME_TAIL = re.compile(r"\s+(?:in|at|from|for)\s+[A-Z][\w.' -]*$")

# "[Editor's note: ...]", "[Updated at 5 pm]": a bracketed line or note is the editor's, not the story's.
_EDITOR_NOTE = re.compile(
    r"(?i)\s*\[\s*(?:editor'?s?\s+note|ed\.?\s+note|note|update[ds]?|correction|clarification)\b[^\]]*\]\s*"
)
_WIDGET = re.compile(
    r"""(?ix)^\W*(?:
        \[[^\]]*\] | \d[\d,.]*\s*k?\s+(?:shares?|comments?|views?|likes?|reads?)
      | scroll\ (?:down|up)\b.{0,40} | (?:watch|see)\ (?:the\ )?video\b.{0,30}
      | follow\ [@\w.]+\ on\ (?:twitter|facebook|instagram|x)\b.{0,40}
      | (?:twitter|facebook|instagram|email|e-mail)\s*:\s*@?[\w.@-]+ | source\s*:\s*[\w .&-]{1,40}
      | (?:image|photo|picture)s?\s*:\s*[\w .'/-]{1,60} | more\ from\ .{1,60}
      | \(.*\b(?:sign-?up|by\ e-?mail|newsletter)\b.*\) | .{0,30}\b[\w-]+\.(?:com|org|net|co\.uk)\b[^.!?:]{0,30}:.{0,40}
      | .{0,80}\bclick\ on\ the\ (?:video|link|image|photo|button)\b.{0,40}
    )\W*$"""
)
# 'Image copyright Reuters Image caption King ...', '... Image: Nick Moreau', 'Photo: A. Ellinghausen'.
_CAPTION_MARK = re.compile(r"(?:Image|Photo|Picture)\s+copyright\s+(?:[A-Z][\w.&/-]*\s+){1,4}?(?=Image\s+caption)")
_CAPTION_WORD = re.compile(r"\b(?:Image|Photo|Picture)\s+caption\s+")
_TRAILING_CREDIT = re.compile(
    r"\s*\b(?:Image|Photo|Picture|Photograph)s?\s*:\s*[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*/\s*[\w .]+)?\s*$"
)

# 'BAGHDAD, Iraq -', 'MILAN, Italy (AP) -', 'NAIROBI, Kenya, Aug. 11 (UPI) --', 'Buenos Aires:', 'Paris -'.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*(?P<mark>--|—|–|-|:)\s+(?=[A-Z\"“‘'])"
)


def take_credits(line: str) -> tuple[str, list[str]]:
    """The line without its wire credit, and the names the credit gives."""
    if m := _CREDIT_LINE.match(line):
        return "", _credit_names(m["credit"])
    if m := _CREDIT_TAIL.search(line):
        return line[: m.start()].rstrip(), _credit_names(m["credit"])
    return line, []


def _credit_names(credit: str) -> list[str]:
    names: list[str] = []
    for m in _CREDIT_NAMES.finditer(credit):
        for part in re.split(r",|\band\b|&", m["names"]):
            name = _NAME_TAIL.sub("", part.strip()).strip(" .")
            if name[:1].isupper():
                names.append(name)
    return names


_BYLINE = re.compile(r"^(?i:by)\s+(?P<rest>[A-Z].{2,80})$")
_DESK_WORDS = frozenset("writer correspondent reporter editor staff".split())


def byline(line: str) -> str | None:
    """The author a byline names: 'By Jane Walker', 'By JANE C. WALKER Wire Service Writer', 'By Jane Walker for
    the Daily Planet' give 'Jane Walker' (upper case made title case); 'By Friday morning the storm ...' none."""
    m = _BYLINE.match(line.strip())
    if m is None:
        return None
    words = re.split(r"\s*,\s*|\s+(?:for|of|in)\s+", m["rest"])[0].split()
    caps = next((words[:i] for i, w in enumerate(words) if not w.isupper()), words)
    if len(caps) >= 2 and (caps == words or words[-1].lower() in _DESK_WORDS):
        words = caps
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    return " ".join(w.title() if w.isupper() and len(w.strip(".")) > 1 else w for w in words)


def is_furniture(line: str) -> bool:
    """A widget or reader instruction, an editor's line in square brackets, a lone photo credit."""
    return len(line) < 120 and _WIDGET.match(line) is not None


def strip_captions(line: str) -> str:
    """Keep a caption's words as a sentence, drop its credit and markers; drop editor's notes."""
    line = _EDITOR_NOTE.sub(" ", line).strip() if "[" in line else line
    if "caption" in line:
        line = _CAPTION_WORD.sub("", _CAPTION_MARK.sub("", line)).strip()
        if line and line[-1] not in ".!?\"”'’":
            line += "."
    if ":" in line:
        line = _TRAILING_CREDIT.sub("", line)
    return line


def split_dateline(line: str) -> tuple[str, str | None]:
    """The line without its dateline, and the dateline's place ('Baghdad, Iraq' for 'BAGHDAD, Iraq -').

    An upper-case first word with a dash is a dateline; a word in normal case is one only when the gazetteer
    knows the place, so 'He added: ...' and 'Question one: ...' stay."""
    m = _DATELINE.match(line)
    if m is None:
        return line, None
    place = m["place"]
    first = place.split(",")[0].strip()
    shouted = first.isupper() and len(first) > 2 and m["mark"] != ":"
    if not shouted and lookup_place(first.title() if first.isupper() else first) is None:
        return line, None
    words = ", ".join(p.strip().title() if p.strip().isupper() else p.strip() for p in place.split(","))
    return line[m.end() :], words
