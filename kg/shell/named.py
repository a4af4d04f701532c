"""Named queries (pgcli's favourite queries): saved in the config folder, run by name with positional
arguments. `$1`, `$2`, … in a saved query are replaced by the arguments, `$*` by all of them joined with
", " (for `FILTER(?x IN ($*))`).

The file is JSON (name -> query), private to the user (mode 0600) and replaced whole on every change, so
that a crash or a full disk never leaves half of it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

from ..errors import KGError
from ..files import atomic_write
from .config import config_path

__all__ = ["delete_named", "load_named", "named_path", "save_named", "substitute"]

_NAME = re.compile(r"[\w-]+")
_PLACEHOLDER = re.compile(r"\$(\d+|\*)")


def named_path() -> Path:
    return config_path().parent / "named-queries.json"


def load_named(path: Path | None = None) -> dict[str, str]:
    """Every named query, by name (none when the file does not exist yet)."""
    path = path or named_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise KGError(f"Cannot read the named queries in {path}: {e}. Fix or remove the file.") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise KGError(f"{path} is not a JSON object of name -> query. Fix or remove the file.")
    return data


def _write(queries: dict[str, str], path: Path) -> None:
    try:
        with atomic_write(path, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)  # queries may name private things: the user's alone
            json.dump(dict(sorted(queries.items())), handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as e:
        raise KGError(f"Cannot save the named queries to {path}: {e.strerror or e}") from None


def save_named(name: str, query: str, path: Path | None = None) -> bool:
    """Save (or replace) a named query; True when it replaced one."""
    if not _NAME.fullmatch(name):
        raise KGError(f"'{name}' cannot name a query: use letters, digits, '-' and '_'.")
    if not query.strip():
        raise KGError("Usage: \\ns NAME QUERY, e.g. \\ns people SELECT ?p WHERE { ?p a kg:Person };")
    path = path or named_path()
    queries = load_named(path)
    replaced = name in queries
    queries[name] = query.strip()
    _write(queries, path)
    return replaced


def delete_named(name: str, path: Path | None = None) -> None:
    path = path or named_path()
    queries = load_named(path)
    if name not in queries:
        raise KGError(f"No query is named '{name}'. \\n lists them.")
    del queries[name]
    _write(queries, path)


def substitute(query: str, arguments: str) -> str:
    """The query with $1, $2, … replaced by the (shell-quoted) arguments and $* by all of them, with ", "."""
    try:
        args = shlex.split(arguments)
    except ValueError as e:
        raise KGError(f'{e} in the arguments: quote a name with spaces as "Joe Biden".') from None
    used = {m.group(1) for m in _PLACEHOLDER.finditer(query)}
    highest = max((int(u) for u in used if u != "*"), default=0)
    if highest > len(args):
        missing = ", ".join(f"${i}" for i in range(len(args) + 1, highest + 1))
        raise KGError(f"The query needs {highest} argument{'s' if highest > 1 else ''}: missing {missing}.")
    if args and not used:
        raise KGError(f"The query takes no arguments (it has no $1), but got {len(args)}.")

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        return ", ".join(args) if key == "*" else args[int(key) - 1]

    return _PLACEHOLDER.sub(value, query)
