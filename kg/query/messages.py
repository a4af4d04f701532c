"""Clear messages for SPARQL that does not parse: the line, the column, a caret under the problem and a
one-line hint (a misspelt keyword, an unknown prefix, an unclosed brace or string)."""

from __future__ import annotations

import difflib
import re

from ..errors import QueryError
from ..rdf.ontology import PREFIXES

__all__ = ["code_only", "describe_error", "translate"]

_COMMENT = re.compile(r"#[^\n]*")
_STRINGS_IRIS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>')


def code_only(text: str) -> str:
    """The text with strings, IRIs and comments blanked out (same length, so offsets still hold)."""
    blank = _STRINGS_IRIS.sub(lambda m: " " * len(m.group()), text)
    return _COMMENT.sub(lambda m: " " * len(m.group()), blank)


# --- errors -----------------------------------------------------------------------------------------------

_SPARQL_KEYWORDS = (
    "SELECT CONSTRUCT DESCRIBE ASK WHERE PREFIX BASE DISTINCT REDUCED FROM NAMED OPTIONAL FILTER UNION MINUS "
    "GRAPH SERVICE BIND VALUES GROUP ORDER LIMIT OFFSET HAVING INSERT DELETE DATA LOAD CLEAR DROP CREATE"
).split()


def describe_error(text: str, error: Exception) -> QueryError:
    """A short message with the line, the column, a caret under the problem and a one-line hint."""
    message = str(error)
    if (typo := _misspelt_keyword(text)) is not None:
        (line_no, col), word, keyword = typo
        return QueryError(
            f"Syntax error at line {line_no}, column {col}: unknown keyword '{word}'\n"
            f"{_caret(text, line_no, col)}\nHint: did you mean {keyword}?"
        )
    match = re.search(r"(?:error at |line )(\d+):(\d+)", message)
    if not match:
        return QueryError(f"Invalid SPARQL: {message.splitlines()[0] if message else type(error).__name__}")
    line_no, col = int(match.group(1)), int(match.group(2))
    expected = _expected(message)
    return QueryError(
        f"Syntax error at line {line_no}, column {col}: {expected}\n{_caret(text, line_no, col)}\n"
        f"Hint: {_hint(text, line_no, col, expected)}"
    )


def _caret(text: str, line_no: int, col: int) -> str:
    lines = text.splitlines() or [""]
    line = lines[max(1, min(line_no, len(lines))) - 1].expandtabs(1)
    return f"  {line}\n  {' ' * max(0, col - 1)}^"


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|\b([A-Za-z][A-Za-z_]*)\b')


def _expected(message: str) -> str:
    """'expected one of ",", ".", [_], ['A'..='Z' | …]' -> "expected one of ',' '.' or a name"."""
    if "expected" not in message:
        return "unexpected input"
    tail = message.split("expected", 1)[1]
    classes = re.findall(r"\[[^\]]*\]", tail)
    tail = re.sub(r"\[[^\]]*\]", " ", tail).replace("Prefix not found", " ")
    seen: list[str] = []
    for quoted, word in _TOKEN.findall(tail):
        token = quoted or word
        if token and token not in {"one", "of"} and token not in seen:
            seen.append(token)
    if not seen:
        return "unexpected character"
    shown = " ".join(f"'{t}'" for t in seen[:10]) + (" …" if len(seen) > 10 else "")
    return f"expected {'one of ' if len(seen) > 1 or classes else ''}{shown}" + (" or a name" if classes else "")


def _hint(text: str, line_no: int, col: int, expected: str) -> str:
    code = code_only(text)
    opened = code.count("{") - code.count("}")
    if opened > 0:
        return f"{opened} '{{' {'is' if opened == 1 else 'are'} not closed: add '}}'."
    if opened < 0:
        return "there is a '}' without a matching '{'."
    if code.count("(") != code.count(")"):
        return "the parentheses do not match."
    line = (text.splitlines() or [""])[max(1, line_no) - 1]
    if line.count('"') % 2 or line.count("'") % 2:
        return "a string is not closed: end it with the same quote it starts with."
    if "'.'" in expected or "'OPTIONAL'" in expected:
        return "is a '.' missing between two triple patterns before the caret?"
    return "check the spelling of the keyword or name at the caret, and the punctuation just before it."


def _misspelt_keyword(text: str) -> tuple[tuple[int, int], str, str] | None:
    """A bare word that looks like a mistyped SPARQL keyword ('SELEC', 'WHRE'), with its position."""
    code = code_only(text)
    for match in re.finditer(r"(?<![\w?$:.\-])([A-Za-z]{3,})\b(?![:(])", code):
        word = match.group(1)
        if word.upper() in _SPARQL_KEYWORDS or word in {"a", "true", "false"} or word.upper() in _FUNCTION_NAMES:
            continue
        close = difflib.get_close_matches(word.upper(), _SPARQL_KEYWORDS, n=1, cutoff=0.75)
        if close:
            before = text[: match.start()]
            return (before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1), word, close[0]
    return None


_FUNCTION_NAMES = set(
    "STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE "
    "ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS "
    "TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI "
    "ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE EXISTS COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT "
    "SEPARATOR AS BY ASC DESC NOT IN UNDEF USING DEFAULT ALL INTO TO SILENT ADD MOVE COPY WITH".split()
)


def _unknown_prefix(text: str) -> tuple[str, int, int] | None:
    """The first prefix used but neither predeclared nor declared, with its line and column."""
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([\w-]*):", text)}
    code = code_only(text)
    for m in re.finditer(r"(?<![\w?$.-])([A-Za-z][\w.-]*)?:(?=[\w%\\-])", code):
        prefix = m.group(1) or ""
        if prefix not in PREFIXES and prefix not in declared:
            before = text[: m.start()]
            return prefix, before.count("\n") + 1, m.start() - (before.rfind("\n") + 1) + 1
    return None


def _prefix_error(text: str, found: tuple[str, int, int]) -> QueryError:
    prefix, line_no, col = found
    return QueryError(
        f"Unknown prefix '{prefix}:' at line {line_no}, column {col}\n{_caret(text, line_no, col)}\n"
        f"Hint: the known prefixes are {', '.join(sorted(PREFIXES))}; "
        f"or declare it first: PREFIX {prefix}: <http://…>"
    )


def translate(text: str, error: Exception) -> QueryError:
    """The message for a query the store refused: an unknown prefix if there is one, else the parser's error."""
    if (found := _unknown_prefix(text)) is not None:
        return _prefix_error(text, found)
    return describe_error(text, error)
