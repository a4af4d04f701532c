"""What a command's argument names: an entity (or any resource) by name, alias, prefixed name or IRI, and a
property by name; and how the commands write them back into the SPARQL they print."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import KGError
from ...query.formatting import shorten
from ...rdf.ontology import PREFIXES

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["Resolved", "resolve", "resolve_property", "sparql_term"]


@dataclass(frozen=True, slots=True)
class Resolved:
    iri: str
    label: str = ""
    kind: str = ""
    others: tuple[str, ...] = ()  # other entities the name also matched

    @property
    def name(self) -> str:
        return shorten(self.iri)

    @property
    def title(self) -> str:
        kind = f" ({self.kind})" if self.kind else ""
        return f"{self.label}{kind}  {self.name}" if self.label else self.name

    @property
    def note(self) -> str | None:
        return (
            f"'{self.label}' was the best match; the name also matches {', '.join(self.others)}."
            if self.others
            else None
        )


def sparql_term(iri: str) -> str:
    """How an IRI is written in SPARQL we print: a prefixed name when one fits."""
    name = shorten(iri)
    return name if not name.startswith("<") else f"<{iri}>"


def _expand(text: str) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and " " not in text and prefix in PREFIXES and local:
        return PREFIXES[prefix] + local
    if text.startswith(("http://", "https://")):
        return text
    return None


def resolve(executor: Executor, text: str) -> Resolved:
    """An IRI, a prefixed name, or (part of) a name or alias: 'Lavrov', 'sergey lavrov', 'ent:sergey-lavrov'."""
    text = text.strip().strip("\"'“”").strip()
    if not text:
        raise KGError("Which entity? Give a name or an IRI, e.g. Lavrov or ent:sergey-lavrov (Tab completes).")
    meta = executor.wait_metadata()
    iri = _expand(text)
    if iri is not None:
        known = next((e for e in meta.entities if e.iri == iri), None)
        return Resolved(iri, known.label, known.kind) if known else Resolved(iri, meta.labels.get(iri, ""))
    hits = meta.index.search(text, 8)
    if not hits:
        close = difflib.get_close_matches(text, [e.label for e in meta.entities], n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(close)}?" if close else " Tab after the command completes names."
        raise KGError(f"No entity is called '{text}'.{hint}")
    best = hits[0][0]
    top = [e for tier, e in hits if tier == best]
    chosen = top[0]
    others = tuple(f"{e.label} ({e.name})" for e in top[1:4]) if best > 0 else ()
    return Resolved(chosen.iri, chosen.label, chosen.kind, others)


def resolve_property(executor: Executor, text: str) -> str:
    """'meets', 'kg:meets', 'speaks with' or 'rel:take' -> the property's IRI."""
    meta = executor.wait_metadata()
    if ":" in text:
        prefix, _, local = text.partition(":")
        if prefix in PREFIXES:
            return PREFIXES[prefix] + local
    wanted = text.lower().replace("_", " ")
    for term in meta.properties:
        local = term.name.split(":", 1)[1]
        if wanted in {term.label.lower(), local.lower(), local.lower().rstrip("s")}:
            return PREFIXES[term.name.split(":", 1)[0]] + local
    raise KGError(f"No property is called '{text}'. Try kg:meets, kg:says, or Tab after the subject.")
