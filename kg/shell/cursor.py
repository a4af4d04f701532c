"""The text before the cursor, read just enough to know where the cursor is in a SPARQL query: the word being
typed, and the slot the next term goes in (after PREFIX, the subject, predicate or object of a triple
pattern, after `a`, inside FILTER/BIND, outside the braces). Strings, IRIs and comments are blanked out
before the tokens are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .sparql_words import GROUP_KEYWORDS, TOP_KEYWORDS

__all__ = ["in_string_or_comment", "slot_of", "split_word"]

_BLANK = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"""[\s\S]*$|\'\'\'[\s\S]*$'  # a long string, closed or still open
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)
_OPEN = re.compile(r'"""|\'\'\'|"[^"\n]*$|\'[^\'\n]*$|#[^\n]*$|<[^<>\s]*$')
_PARTIAL = re.compile(r"(?:[?$]\w*|(?:[A-Za-z][\w.-]*)?:[\w.%:-]*|[A-Za-z_][\w-]*)$")
_TOKEN = re.compile(r"[?$]\w+|(?:[A-Za-z][\w.-]*)?:[\w.%:-]*|[A-Za-z_][\w-]*|\d[\d.eE+-]*|<[^>]*>|\"\"|&&|\|\||\S")
_TERM_START = re.compile(r"^(?:[?$]|<|\"|\d|[A-Za-z]*:|_:|true$|false$)")
_PATH_OPS = {"/", "|", "^", "*", "+"}


def in_string_or_comment(text: str) -> bool:
    """True when the cursor is inside a string, an IRI or a comment, where nothing is suggested."""
    rest = _BLANK.sub(_blank, text)
    return bool(_OPEN.search(rest))


def _blank(match: re.Match[str]) -> str:
    """Spaces for a closed string, IRI or comment; a long string still open keeps its quotes, which `_OPEN` sees
    (it may span lines, where a short string cannot)."""
    found = match.group()
    quote = found[:3]
    if quote in {'"""', "'''"} and (len(found) < 6 or not found.endswith(quote)):
        return quote
    return " " * len(found)


def split_word(before: str) -> tuple[str, list[str]]:
    """The word being typed, and the tokens before it (with strings, IRIs and comments blanked out)."""
    match = _PARTIAL.search(before)
    word = match.group() if match else ""
    code = _BLANK.sub(_blanked, before)
    return word, _TOKEN.findall(code[: len(code) - len(word)])


def _blanked(match: re.Match[str]) -> str:
    first = match.group()[0]
    return '""' if first in "\"'" else ("<>" if first == "<" else " ")


def slot_of(tokens: list[str]) -> str:
    """Where the next term goes, from the tokens before it: top select order describe prefix-name
    prefix-iri subject predicate object class expression after."""
    upper = [t.upper() for t in tokens]
    if upper and upper[-1] == "PREFIX":
        return "prefix-name"
    if len(upper) >= 2 and upper[-2] == "PREFIX" and tokens[-1].endswith(":"):
        return "prefix-iri"
    place = _Place()
    for token, up in zip(tokens, upper, strict=True):
        place.step(token, up)
    if place.parens:
        return "expression"
    if place.depth == 0:
        return _top_context(upper)
    return place.slot


_SEPARATORS = {".": 0, ";": 1, ",": 2}  # the position in the triple each separator goes back to
_SLOTS = ("subject", "predicate", "object", "after")


@dataclass(slots=True)
class _Place:
    """Where a scan of the tokens stands: the depth of braces and parentheses, the position in the triple
    pattern (0 subject, 1 predicate, 2 object, 3 after it), whether its predicate is `a`, and the positions
    that open `[` blank nodes interrupted."""

    depth: int = 0
    parens: int = 0
    pos: int = 0
    typed: bool = False
    brackets: list[int] = field(default_factory=list)

    @property
    def slot(self) -> str:
        return "class" if self.pos == 2 and self.typed else _SLOTS[self.pos]

    def step(self, token: str, up: str) -> None:
        if token in {"{", "}", "(", ")"}:
            self._nest(token)
        elif not self.parens:  # inside parentheses (FILTER, BIND, a function call) triples do not count
            self._triple(token, up)

    def _nest(self, token: str) -> None:
        if token == "{":
            self.depth, self.pos, self.parens = self.depth + 1, 0, 0
        elif token == "}":
            self.depth, self.pos = max(0, self.depth - 1), 0
        elif token == "(":
            self.parens += 1
        else:
            self.parens = max(0, self.parens - 1)

    def _triple(self, token: str, up: str) -> None:
        if token in _SEPARATORS:
            self.pos = _SEPARATORS[token]
        elif token == "[":
            self.brackets.append(self.pos)
            self.pos = 1
        elif token == "]":
            self.pos = min(3, (self.brackets.pop() if self.brackets else 0) + 1)
        elif token in _PATH_OPS and self.pos == 2:
            self.pos = 1  # kg:subject/rdfs:label: still the predicate
        elif up in GROUP_KEYWORDS or up in {"AS", "BY"}:
            self.pos = 0
        elif _is_term(token):
            if self.pos == 1:
                self.typed = token in {"a", "rdf:type"}
            self.pos = min(3, self.pos + 1)


def _is_term(token: str) -> bool:
    return token == "a" or (bool(_TERM_START.match(token)) and token not in {":"})


def _top_context(upper: list[str]) -> str:
    for up in reversed(upper):
        if up in {"ORDER", "GROUP", "BY"}:
            return "order"
        if up in {"SELECT", "DISTINCT", "REDUCED"}:
            return "select"
        if up == "DESCRIBE":
            return "describe"
        if up in TOP_KEYWORDS or up == "}":
            break
    return "top"
