"""What kg read in one article, as text: `kg extract FILE` (nothing is written to the store)."""

from __future__ import annotations

from .arguments import Arg
from .extraction import Extraction
from .roles import Role
from .speakers import source_label

__all__ = ["describe_extraction"]

_FLAGS = {"negative": "NOT ", "positive": ""}


def _name(ex: Extraction, arg: Arg | None) -> str:
    if arg is None:
        return ""
    if arg.entity is not None:
        return ex.entities[arg.entity].name
    if arg.source is not None:
        return source_label(arg, [e.name for e in ex.entities])
    return f"[{arg.concept}]"


def _role_text(ex: Extraction, role: Role) -> str:
    person = ex.entities[role.person].name
    if role.org is None:
        return f"{person}: {role.title}"
    org = ex.entities[role.org]
    return f"{person}: {role.title} ({org.name})" if org.label == "NORP" else f"{person}: {role.title} of {org.name}"


def describe_extraction(ex: Extraction) -> str:
    """Entities with their forms and type votes, roles, facts with their status and qualifiers, statements."""
    lines = _header(ex) + _entities(ex) + _roles(ex) + _facts(ex) + _statements(ex)
    return "\n".join(lines) + "\n"


def _header(ex: Extraction) -> list[str]:
    a = ex.article
    lines = [f"{ex.source}: {a.title!r}"]
    meta = ", ".join(f"{k} {v}" for k, v in (("by", a.author), ("published at", a.publisher), ("on", a.date)) if v)
    if meta:
        lines.append(f"  {meta}")
    lines.append(f"  {len(ex.sentences)} sentences, {ex.words} words, {len(a.dropped)} boilerplate lines dropped")
    return lines


def _entities(ex: Extraction) -> list[str]:
    lines = ["\nEntities (forms as written; the type is decided over the whole corpus):"]
    for entity in sorted(ex.entities, key=lambda e: -sum(e.forms.values())):
        forms = ", ".join(f for f in entity.forms if f != entity.name)
        lines.append(
            f"  {entity.name:<32} {entity.label:<7} x{sum(entity.forms.values())}" + (f"  ({forms})" if forms else "")
        )
    return lines


def _roles(ex: Extraction) -> list[str]:
    roles = dict.fromkeys(_role_text(ex, role) for role in ex.roles)
    return ["\nRoles:", *(f"  {text}" for text in roles)] if roles else []


def _facts(ex: Extraction) -> list[str]:
    lines = ["\nFacts (status: asserted facts become direct triples; the others are kept apart):"]
    for i, r in enumerate(ex.relations):
        if r.predicate == "says":
            continue
        qualifiers = [
            f"in {ex.entities[r.place].name}" if r.place is not None else "",
            f"at {r.time_text!r}" + (f" = {ex.dates[i]}" if i in ex.dates else "") if r.time_text else "",
        ]
        status = f"{_FLAGS[r.reading.polarity]}{r.reading.modality}, {r.reading.tense}"
        where = " ".join(q for q in qualifiers if q)
        lines.append(
            f"  {_name(ex, r.subject)} --{r.predicate}--> {_name(ex, r.object)}  ({status}"
            + (f"; {where}" if where else "")
            + f"; confidence {r.confidence})"
        )
    return lines


def _statements(ex: Extraction) -> list[str]:
    statements = [f"  {_name(ex, r.subject)} ({r.verb}): {r.content}" for r in ex.relations if r.predicate == "says"]
    return ["\nStatements:", *statements] if statements else []
