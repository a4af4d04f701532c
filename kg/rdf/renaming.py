"""Renaming entities in triples: an entity's IRI, and the IRIs minted from it (its facts' and roles'), when
resolution finds that two entities are one, or that an entity's slug is another's.

A fact's IRI begins with its subject's and object's names, a role's with its holder's: renamed with them, so the
graph is the one a build that had known the new names from the start would have written. Derived values are
left out: they are computed anew for what was renamed.
"""

from __future__ import annotations

from collections.abc import Iterable

from .terms import ENT, FACT, ROLE, K, Term, Triple
from .triples import fact_slug_parts
from .updates import ENTITY_DERIVED, FACT_DERIVED

__all__ = ["rename_terms", "renamed_triples"]

_ENTITY_DERIVED = frozenset(ENTITY_DERIVED)
_FACT_DERIVED = frozenset(FACT_DERIVED)


def rename_terms(triples: Iterable[Triple], renames: dict[str, str]) -> dict[Term, Term]:
    """Old term -> new term, for the renamed entities (slug -> slug) and the facts and roles named after them."""
    out = {ENT[old]: ENT[new] for old, new in renames.items()}
    parts: dict[Term, dict[Term, Term]] = {}
    for s, p, o in triples:
        if s.startswith(FACT[""][:-1]) and p in (K.subject, K.predicate, K.object):
            parts.setdefault(s, {})[p] = o
        elif p == K.holdsRole and s in out:
            out[o] = _renamed_role(o, s, out[s])
    for fact, known in parts.items():
        if K.subject in known and K.predicate in known:
            out[fact] = _renamed_fact(fact, known, out)
    return {old: new for old, new in out.items() if old != new}


def renamed_triples(triples: Iterable[Triple], terms: dict[Term, Term]) -> list[Triple]:
    """The triples with their terms renamed, derived values left out."""
    return [(terms.get(s, s), p, terms.get(o, o)) for s, p, o in triples if not _derived(s, p)]


def _derived(s: Term, p: Term) -> bool:
    return p in _FACT_DERIVED or (p in _ENTITY_DERIVED and s.startswith(ENT[""][:-1]))


def _renamed_fact(fact: Term, known: dict[Term, Term], terms: dict[Term, Term]) -> Term:
    subject, predicate, obj = known[K.subject], known[K.predicate], known.get(K.object)
    old = fact_slug_parts(subject, predicate, obj)
    local = fact[len(FACT[""]) - 1 : -1]
    if not local.startswith(old):
        return fact
    new = fact_slug_parts(terms.get(subject, subject), predicate, None if obj is None else terms.get(obj, obj))
    return FACT[(new + local[len(old) :])[:200]]


def _renamed_role(role: Term, holder: Term, new_holder: Term) -> Term:
    old, new = holder[len(ENT[""]) - 1 : -1], new_holder[len(ENT[""]) - 1 : -1]
    local = role[len(ROLE[""]) - 1 : -1]
    if not local.startswith(old + "-"):
        return role
    return ROLE[(new + local[len(old) :])[:200]]
