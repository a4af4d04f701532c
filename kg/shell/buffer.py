"""When is a query finished? (pgcli's `_is_complete` for SPARQL.)

SPARQL uses ';' inside queries too (`?s a kg:Person ; rdfs:label ?name`), so a ';' ends the query only
when every '{', '(' and '[' is closed and it is not inside a string, an IRI or a comment; or when it comes
right after a '}', where it cannot separate predicates (then the parser shows what is left open).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["code_only", "command_inside", "is_command", "is_complete", "open_brackets", "split_statements"]

_BARE_COMMANDS = {"quit", "exit", "help"}
_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|$)|\'\'\'[\s\S]*?(?:\'\'\'|$)|"(?:[^"\\\n]|\\.)*(?:"|$)|\'(?:[^\'\\\n]|\\.)*(?:\'|$)'
    r'|<[^<>\s{}"()]*>?|#[^\n]*|[{}()\[\]]'
)
_PAIRS = {"}": "{", ")": "(", "]": "["}


def is_command(text: str) -> bool:
    """A backslash command or a bare word (quit, exit, help): one line, runs on Enter."""
    stripped = text.strip()
    return stripped.startswith("\\") or stripped.lower().rstrip(";").strip() in _BARE_COMMANDS


def _scan(text: str) -> tuple[list[str], bool, str]:
    """The brackets still open at the end, whether the text ends inside a string or an IRI, and the
    text with strings, IRIs and comments blanked out."""
    stack: list[str] = []
    inside = False
    code = list(text)
    for match in _TOKENS.finditer(text):
        token, start, end = match.group(), match.start(), match.end()
        inside = False
        if token in "{([":
            stack.append(token)
        elif token in _PAIRS:
            if stack and stack[-1] == _PAIRS[token]:
                stack.pop()
        elif token[0] == "<" and not token.endswith(">") and end < len(text):
            continue  # the less-than operator
        else:
            code[start:end] = " " * (end - start)
            quote = token[:3] if token[:3] in {'"""', "'''"} else token[0]
            closer = ">" if quote == "<" else quote
            closed = len(token) >= len(quote) + len(closer) and token.endswith(closer)
            inside = quote != "#" and not closed and end == len(text)
    return stack, inside, "".join(code)


def command_inside(before: str, line: str) -> bool:
    """True when `line` is a backslash command typed inside an unfinished query (`before`), not inside one
    of its long strings: as in psql, it runs at once and the query waits."""
    return is_command(line) and not _scan(before)[1]


def code_only(text: str) -> str:
    """The text with its strings, IRIs and comments blanked out (same length, so offsets still hold)."""
    return _scan(text)[2]


def open_brackets(text: str) -> int:
    """How many brackets are open at the end of the text (for indenting the next line)."""
    return len(_scan(text)[0])


def is_complete(text: str) -> bool:
    """True when Enter should run the text: a command, or a query that ends with ';' outside any bracket."""
    if not text.strip() or is_command(text) or text.rstrip().endswith("\\e"):
        return True
    stack, inside, code = _scan(text)
    if inside or not code.rstrip().endswith(";"):
        return False
    # '};' cannot separate predicates: the user means to run it, even if a bracket is left open
    return not stack or code.rstrip()[:-1].rstrip().endswith("}")


def split_statements(text: str) -> Iterator[tuple[int, str]]:
    """(line number, statement) for each query or command of a script. A query ends with a ';' that
    ends a line outside any bracket; a command is one line (inside an unfinished query too: it comes
    first); a last query without ';' counts too."""
    pending: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if pending and command_inside("\n".join(pending), line):
            yield number, line.strip()
            continue
        if not pending:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if is_command(line):
                yield number, line.strip()
                continue
            start = number
        pending.append(line)
        if is_complete("\n".join(pending)):
            yield start, "\n".join(pending).strip()
            pending = []
    if pending:
        yield start, "\n".join(pending).strip()
