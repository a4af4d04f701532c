"""Context-aware completion as a pure function: `suggest(text_before_cursor, metadata) -> [Suggestion]`.

`cursor` finds the slot the cursor is in; what fits there is suggested: prefixes after PREFIX; variables,
entities by name and prefixed names in the subject or object of a triple pattern; properties (most used
first) in the predicate; classes after `a`; functions and variables inside FILTER/BIND; keywords outside
the braces. Backslash commands complete their names and arguments. No store access: `Metadata` holds
everything, so completion is fast and testable without a graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .cursor import in_string_or_comment, slot_of, split_word
from .metadata import Metadata
from .sparql_words import EXPRESSION_KEYWORDS, FUNCTIONS, GROUP_KEYWORDS, KEYWORDS, TOP_KEYWORDS
from .vocabulary import standard_names

__all__ = ["Suggestion", "suggest"]

MAX_SUGGESTIONS = 60
_VARIABLE = re.compile(r"[?$](\w+)")


class Suggestion(NamedTuple):
    text: str  # what is inserted
    start: int  # where it starts, relative to the cursor (<= 0): the typed characters it replaces
    display: str = ""
    meta: str = ""
    kind: str = ""  # keyword function prefix class property entity variable command value path


# --- matching and ranking ---------------------------------------------------------------------------------

_SPLIT = re.compile(r"[-_:./ ]+|(?<=[a-z])(?=[A-Z])")


def _tier(word: str, candidate: str) -> int | None:
    """0 starts with, 1 a part starts with, 2 contains, 3 has the letters in order; None: no match."""
    if not word:
        return 0
    w, c = word.lower(), candidate.lower()
    if c.startswith(w):
        return 0
    if any(part.lower().startswith(w) for part in _SPLIT.split(candidate) if part):
        return 1
    if w in c:
        return 2
    rest = iter(c)
    if len(w) >= 2 and all(ch in rest for ch in w):  # the letters in order: 'ktl' finds 'kg:title'
        return 3
    return None


_KIND_ORDER = {
    "top": ("keyword", "prefix", "variable"),
    "select": ("variable", "keyword", "function"),
    "order": ("variable", "keyword", "function"),
    "describe": ("entity", "variable", "keyword", "name"),
    "subject": ("variable", "entity", "name", "prefix", "keyword"),
    "predicate": ("property", "variable", "prefix", "keyword"),
    "object": ("variable", "entity", "name", "prefix", "keyword"),
    "class": ("class", "variable", "prefix"),
    "expression": ("variable", "function", "keyword", "entity", "name", "prefix"),
    "after": ("keyword",),
}


class _Candidate(NamedTuple):
    text: str
    kind: str
    meta: str = ""
    match_on: tuple[str, ...] = ()  # texts to match the typed word against (default: text)
    popularity: tuple[int, int] = (0, 0)
    display: str = ""


def _ranked(word: str, candidates: Iterable[_Candidate], order: tuple[str, ...], start: int) -> list[Suggestion]:
    scored = []
    seen: set[str] = set()
    for c in candidates:
        if c.text in seen or c.kind not in order:
            continue
        tiers = [t for t in (_tier(word, m) for m in (c.match_on or (c.text,))) if t is not None]
        if not tiers:
            continue
        seen.add(c.text)
        kind_rank = order.index(c.kind) if c.kind in order else len(order)
        scored.append(((min(tiers), kind_rank, -c.popularity[0], -c.popularity[1], c.text.lower()), c))
    scored.sort(key=lambda pair: pair[0])
    return [Suggestion(c.text, start, c.display or c.text, c.meta, c.kind) for _, c in scored[:MAX_SUGGESTIONS]]


# --- candidates -------------------------------------------------------------------------------------------


def _keywords(word: str, names: Iterable[str]) -> list[_Candidate]:
    lower = word.isalpha() and word.islower()
    return [_Candidate(k.lower() if lower else k, "keyword", "keyword") for k in names]


def _functions(word: str) -> list[_Candidate]:
    lower = word.isalpha() and word.islower()
    return [_Candidate(f.lower() if lower else f, "function", "function") for f in FUNCTIONS]


def _variables(before: str, after: str, word: str) -> list[_Candidate]:
    typed = word[1:] if word[:1] in ("?", "$") else None
    names = {m.group(1) for m in _VARIABLE.finditer(before[: len(before) - len(word)] + " " + after)}
    sigil = word[:1] if typed is not None else "?"
    return [
        _Candidate(f"{sigil}{n}", "variable", "variable", (f"{sigil}{n}",) if typed is not None else (n,))
        for n in sorted(names)
        if n != typed
    ]


def _prefixes(meta: Metadata, declare: bool) -> list[_Candidate]:
    return [
        _Candidate(f"{p}: <{ns}>" if declare else f"{p}:", "prefix", ns, (f"{p}:",), display=f"{p}:")
        for p, ns in sorted(meta.prefixes.items())
    ]


def _terms(meta: Metadata, word: str, kind: str) -> list[_Candidate]:
    terms = meta.classes if kind == "class" else meta.properties
    prefix = word.split(":", 1)[0] + ":" if ":" in word else None
    out = []
    for t in terms:
        if prefix and not t.name.startswith(prefix):
            continue
        local = t.name.split(":", 1)[1]
        match_on = (t.name,) if prefix else (local, t.name, t.label) if t.label else (local, t.name)
        where = f"{t.count:,} uses" if kind == "property" else f"{t.count:,} instances"
        label = f"{t.label} · " if t.label and t.label.lower() != local.lower() else ""
        out.append(_Candidate(t.name, kind, f"{label}{where}", match_on, (meta.usage[t.name], t.count)))
    if prefix:  # then the rest of the prefix's standard vocabulary (after any ranked data: the first wins)
        out += _vocabulary(prefix[:-1], word.split(":", 1)[1], kind)
    return out


def _vocabulary(prefix: str, typed: str, kind: str) -> list[_Candidate]:
    """The standard vocabulary's terms of one kind (told apart as RDF names them: Classes, properties)
    that contain what was typed: schema.org has thousands."""
    typed = typed.lower()
    wanted = [n for n in standard_names(prefix) if n[:1].isupper() == (kind == "class") and typed in n.lower()]
    return [_Candidate(f"{prefix}:{n}", kind, f"{prefix} vocabulary", (f"{prefix}:{n}",), (0, -1)) for n in wanted]


def _entities(meta: Metadata, word: str) -> list[_Candidate]:
    """Entities whose name (or prefixed name) matches: `Lavr` and `ent:serg` both find ent:sergey-lavrov."""
    if ":" in word:
        prefix, local = word.split(":", 1)
        if prefix not in {"ent", "concept"}:
            return []
        hits = meta.index.named(word, 40)
        hits += [e for _, e in meta.index.search(local.replace("-", " "), 40)] if local else meta.entities[:40]
        return [
            _Candidate(e.name, "entity", e.meta, (e.name,), (meta.usage[e.name], -rank))
            for rank, e in enumerate(hits)
            if e.name.startswith(prefix + ":")
        ]
    if len(word) < 2:
        return []
    # the index already ranks names before aliases and by mentions: keep its order among equal matches
    return [
        _Candidate(
            e.name, "entity", e.meta, (e.label, *e.aliases, e.name.split(":", 1)[1]), (meta.usage[e.name], -rank)
        )
        for rank, (_, e) in enumerate(meta.index.search(word, 40))
    ]


def _names(meta: Metadata, word: str) -> list[_Candidate]:
    """Other prefixed names the user types in full: ontology terms in any position."""
    if ":" not in word:
        return []
    return [
        _Candidate(c.text, "name", c.meta, c.match_on, c.popularity)
        for c in _terms(meta, word, "class") + _terms(meta, word, "property")
    ]


_EAGER = {"prefix-name", "prefix-iri", "class", "predicate"}  # slots with suggestions before a word is typed
_SLOT_KEYWORDS = {"top": TOP_KEYWORDS, "select": KEYWORDS, "order": KEYWORDS, "expression": EXPRESSION_KEYWORDS}


def _sparql(before: str, after: str, meta: Metadata, explicit: bool) -> list[Suggestion]:
    if in_string_or_comment(before):
        return []
    word, tokens = split_word(before)
    slot = slot_of(tokens)
    if not word and not explicit and slot not in _EAGER:
        return []
    start = -len(word)
    if slot == "prefix-name":
        return _ranked(word, _prefixes(meta, declare=True), ("prefix",), start)
    if slot == "prefix-iri":
        ns = meta.prefixes.get(tokens[-1][:-1])
        return [Suggestion(f"<{ns}>", start, f"<{ns}>", "namespace", "value")] if ns and not word else []
    if word.startswith(("?", "$")):
        return _ranked(word, _variables(before, after, word), ("variable",), start)
    order = _KIND_ORDER[slot]
    return _ranked(word, _candidates(slot, order, word, before, after, meta), order, start)


def _candidates(
    slot: str, order: tuple[str, ...], word: str, before: str, after: str, meta: Metadata
) -> list[_Candidate]:
    """Everything that may go in `slot`; the first of two with the same text wins."""
    candidates: list[_Candidate] = []
    if "variable" in order and not word:
        candidates += _variables(before, after, word)
    if "keyword" in order and ":" not in word:
        candidates += _keywords(word, _SLOT_KEYWORDS.get(slot, GROUP_KEYWORDS))
    if "function" in order and ":" not in word:
        candidates += _functions(word)
    if slot == "predicate":
        candidates += [_Candidate("a", "property", "rdf:type", ("a",), (10**9, 0))] if word in {"", "a"} else []
        candidates += _terms(meta, word, "property")
    if slot == "class":
        candidates += _terms(meta, word, "class")
    if "entity" in order:
        candidates += _entities(meta, word) + _names(meta, word)
    if "prefix" in order and ":" not in word:
        candidates += _prefixes(meta, declare=False)
    return candidates


# --- backslash commands -----------------------------------------------------------------------------------


def _command(before: str, meta: Metadata, commands: dict[str, tuple[str, str]], explicit: bool) -> list[Suggestion]:
    """`\\de` -> \\describe; `\\describe Lavr` -> ent:sergey-lavrov; `\\format ` -> the formats."""
    text = before.lstrip()
    if " " not in text:
        return [
            Suggestion(name, -len(text), name, description, "command")
            for name, (description, _) in sorted(commands.items())
            if name.startswith(text)
        ]
    name, rest = text.split(" ", 1)
    if name not in commands:
        return []
    arg_kind = commands[name][1]
    args = rest.split(" ")
    word = args[-1]
    if arg_kind == "query":
        return _sparql(rest, "", meta, explicit)
    if arg_kind in {"entity", "entity2", "why"}:
        if name == "\\said" and rest[:6].lower() == "about ":  # \said about NAME
            rest = rest[6:]
        return _entity_argument(rest, args, arg_kind, meta)
    choices = _choices(arg_kind, args)
    if choices is None:
        return [Suggestion(word, -len(word), kind="path")] if arg_kind in {"path", "export"} else []
    return [
        Suggestion(c, -len(word), c, meta_text, "value")
        for c, meta_text in choices
        if c.lower().startswith(word.lower())
    ]


def _entity_argument(rest: str, args: list[str], kind: str, meta: Metadata) -> list[Suggestion]:
    if kind == "entity":  # one name, maybe of several words: the whole argument
        word = rest.strip()
        order = ("entity", "name")
        return _ranked(word, _entities(meta, word) + _names(meta, word), order, -len(rest.lstrip()))
    word = args[-1]
    if kind == "why" and len(args) == 2:
        return _ranked(word, _terms(meta, word, "property"), ("property",), -len(word))
    return _ranked(word, _entities(meta, word), ("entity",), -len(word))


_ON_OFF = [("on", ""), ("off", "")]


def _choices(kind: str, args: list[str]) -> list[tuple[str, str]] | None:
    """(value, meta) for the argument being typed; None where it is a file path."""
    if kind == "setting":
        return _setting_choices(args)
    if len(args) == 1 and kind in {"format", "onoff", "export", "named", "expanded"}:
        return _first_choices(kind)
    return None if kind in {"path", "export"} else []


def _first_choices(kind: str) -> list[tuple[str, str]]:
    from ..export import rdf_formats
    from ..query.formatting import FORMATS

    if kind == "format":
        return [(f, "format") for f in FORMATS]
    if kind == "export":
        return [(f, "export format") for f in rdf_formats()]
    if kind == "named":
        return _named_choices()
    if kind == "expanded":
        return [*_ON_OFF, ("auto", "vertical when a table does not fit")]
    return _ON_OFF


def _named_choices() -> list[tuple[str, str]]:
    from ..errors import KGError
    from .named import load_named

    try:
        return [(name, query.split("\n", 1)[0][:50]) for name, query in sorted(load_named().items())]
    except KGError:  # the file is broken: \n NAME says so
        return []


def _setting_choices(args: list[str]) -> list[tuple[str, str]]:
    from .config import SETTINGS

    if len(args) == 1:
        return [(name, s.help) for name, s in SETTINGS.items()]
    setting = SETTINGS.get(args[0])
    if setting is None or len(args) != 2:
        return []
    return _ON_OFF if setting.kind is bool else [(c, "") for c in setting.choices]


def suggest(
    text_before_cursor: str,
    meta: Metadata,
    text_after_cursor: str = "",
    *,
    explicit: bool = False,
    commands: dict[str, tuple[str, str]] | None = None,
) -> list[Suggestion]:
    """Suggestions for the word at the cursor, best first. `explicit` is True when the user pressed Tab:
    then an empty word gets suggestions too. `commands` maps backslash command names to
    (description, argument kind)."""
    if text_before_cursor.lstrip().startswith("\\"):
        return _command(text_before_cursor, meta, commands or {}, explicit)
    return _sparql(text_before_cursor, text_after_cursor, meta, explicit)
