"""Names a query uses that nothing defines: `kg:Persn` matches no triple, and the query would silently
return nothing. A name is known when the kg ontology declares it, the data uses it as a class or a
property, the ontology aligns to it (`schema:Person`), or the standard vocabulary of its prefix has it
(rdflib's term lists of rdf, rdfs, owl, xsd, skos, prov, dcterms and schema.org).

Instance prefixes (ent:, fact:, doc:, …) and rel: (relation names the extraction makes up) are not
checked: anything may be there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rdf.vocabulary import TERM_NAMES
from .buffer import code_only
from .metadata import Metadata

__all__ = ["known_names", "standard_names", "unknown_names", "unknown_note"]

_CHECKED = ("kg", "rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "schema")
_NAME = re.compile(r"(?<![\w?$:.-])([A-Za-z][\w-]*):((?:[\w-]|\.(?=[\w-]))*[\w-])")
_DECLARED_PREFIX = re.compile(r"\bPREFIX\s+([\w-]*):", re.IGNORECASE)


@lru_cache(maxsize=1)
def _standard() -> dict[str, frozenset[str]]:
    """Local names of the standard vocabularies, by prefix."""
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

    spaces = {"rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS}
    spaces["schema"] = SDO  # rdflib's schema.org is https://, ours http://: the names are the same
    out = {}
    for prefix, space in spaces.items():
        names: set[str] = set()
        for klass in type.mro(space):
            names.update(getattr(klass, "__annotations__", {}))
            names.update(getattr(klass, "_extras", []))
        out[prefix] = frozenset(n for n in names if not n.startswith("_"))
    return out


def standard_names(prefix: str) -> frozenset[str]:
    """The local names of a standard vocabulary by its prefix (none for kg's own and unknown prefixes)."""
    return _standard().get(prefix, frozenset())


def known_names(meta: Metadata) -> set[str]:
    """The prefixed names of every class and property the ontology or the data has."""
    names = {f"kg:{n}" for n in TERM_NAMES}
    names.update(t.name for t in meta.classes)
    names.update(t.name for t in meta.properties)
    return names


def unknown_names(query: str, meta: Metadata) -> list[tuple[str, str | None]]:
    """(name, closest known name or None) for each checked name the query uses that nothing defines."""
    if not meta.loaded:
        return []
    code = code_only(query)
    redefined = {m.group(1) for m in _DECLARED_PREFIX.finditer(code)}
    known = known_names(meta)
    out: list[tuple[str, str | None]] = []
    for match in _NAME.finditer(code):
        prefix, local = match.group(1), match.group(2)
        name = f"{prefix}:{local}"
        if prefix not in _CHECKED or prefix in redefined or name in known or any(n == name for n, _ in out):
            continue
        if local in standard_names(prefix):
            continue
        out.append((name, _closest(name, prefix, known | {f"{prefix}:{n}" for n in standard_names(prefix)})))
    return out


def _closest(name: str, prefix: str, known: set[str]) -> str | None:
    from rapidfuzz import fuzz, process

    choices = sorted(n for n in known if n.startswith(prefix + ":"))
    best = process.extractOne(name, choices, scorer=fuzz.ratio, score_cutoff=70)
    return best[0] if best else None


def unknown_note(query: str, meta: Metadata) -> str | None:
    """A warning naming what the query uses that neither the ontology nor the data has, with the closest."""
    unknown = unknown_names(query, meta)
    if not unknown:
        return None
    parts = [f"{name} (did you mean {close}?)" if close else name for name, close in unknown]
    it = "them" if len(parts) > 1 else "it"
    return f"Neither the ontology nor the data has {', '.join(parts)}: nothing can match {it}."
