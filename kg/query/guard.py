"""What a query may do, checked before any engine sees it: no SPARQL Update unless the user turns updates on,
no SERVICE (the local engine fetching from the network) unless federation is on, LOAD only from http(s), and
no nesting deep enough to overflow the engine's stack.

The checks read the query's tokens, with strings, IRIs and comments blanked out (`code_only`): a literal
that contains the word SERVICE, a variable `?drop` or a prefix `load:` is not a keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryRefused
from .messages import code_only

__all__ = ["MAX_DEPTH", "QueryPolicy", "check_query", "keywords", "not_utf8"]

MAX_DEPTH = 100  # nested groups, brackets and parentheses; Oxigraph's parser overflows its stack near 3,000
_WORD = re.compile(r"(?<![\w?$:.-])([A-Za-z]+)(?![\w:-])")
_IRI = re.compile(r"\s*<([^<>\s]*)>")
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


@dataclass(frozen=True, slots=True)
class QueryPolicy:
    """What a query may do. The default is read-only, without federation, without a time limit."""

    updates: bool = False  # SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …)
    service: bool = False  # SERVICE clauses, on a store whose engine runs here
    timeout: float | None = None  # seconds; None or 0: no limit


def keywords(text: str) -> list[tuple[int, str]]:
    """The query's bare words in upper case, with their offsets, outside strings, IRIs, comments, variables
    and prefixed names."""
    code = code_only(text)
    return [(m.start(), m.group(1).upper()) for m in _WORD.finditer(code)]


def check_query(text: str, policy: QueryPolicy, *, local_engine: bool) -> None:
    """Raise QueryRefused if the query asks for more than the policy allows, or cannot be run safely.
    `local_engine`: the store's engine runs on this machine (SERVICE and LOAD would fetch from here)."""
    _check_text(text)
    _check_depth(text)
    words = keywords(text)
    first = next((w for _, w in words if w in _UPDATE_WORDS | {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}), None)
    if first in _UPDATE_WORDS:
        if not policy.updates:
            raise QueryRefused(
                f"This is a SPARQL Update ({first}): it would change the store, and queries are read-only unless "
                "updates are turned on. Run it with kg query --update, or in the shell after \\set update on."
            )
        _check_loads(text, words)
    if local_engine and not policy.service:
        for offset, word in words:
            if word == "SERVICE":
                target = _IRI.match(text, offset + len(word))
                where = f" <{target.group(1)}>" if target else ""
                raise QueryRefused(
                    f"SERVICE is disabled: the query would make kg fetch from{where or ' another endpoint'}. "
                    "--allow-service to enable (shell: \\set service on)."
                )


def not_utf8(text: str, first_line: int = 1) -> list[str]:
    """One message per line that held bytes which are not UTF-8: text decoded with "surrogateescape" (as
    Python decodes the command line) keeps them as lone surrogates, which no engine can take."""
    found = []
    for number, line in enumerate(text.splitlines(), first_line):
        column = next((i for i, c in enumerate(line) if "\ud800" <= c <= "\udfff"), None)
        if column is not None:
            code = ord(line[column])
            what = f"byte 0x{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else f"lone surrogate U+{code:04X}"
            found.append(f"line {number}, column {column + 1}: not valid UTF-8 ({what})")
    return found


def _check_text(text: str) -> None:
    found = not_utf8(text)
    if found:
        raise QueryRefused(f"The query is not valid UTF-8 text ({'; '.join(found)}). Save it as UTF-8.")


def _check_depth(text: str) -> None:
    depth = deepest = 0
    for char in code_only(text):
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise QueryRefused(
            f"The query nests groups {deepest} deep; kg runs at most {MAX_DEPTH} levels of braces, brackets "
            "and parentheses. Flatten it (one group can hold many patterns)."
        )


def _check_loads(text: str, words: list[tuple[int, str]]) -> None:
    for offset, word in words:
        if word != "LOAD":
            continue
        rest = text[offset + len(word) :]
        rest = re.sub(r"(?i)^\s*SILENT\b", "", rest)
        target = _IRI.match(rest)
        url = target.group(1) if target else ""
        if not url.lower().startswith(("http://", "https://")):
            raise QueryRefused(
                f"LOAD <{url}>: LOAD fetches only http:// and https:// URLs. To query an RDF file, open it as "
                "the store (kg query --store FILE.ttl …); to add articles, kg build FILES."
            )
