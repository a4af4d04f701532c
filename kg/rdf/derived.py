"""Values derived from all of an entity's or a fact's sources, written anew whenever a batch touches them:
an entity's type, label, aliases, demonyms, counts, country code and country (a city's kg:inCountry); a
fact's source count and confidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..resolve.resolver import Resolver
from .terms import ALT_LABEL, ENT, HIDDEN_LABEL, LABEL, TYPE, K, Term, Triple, decimal, integer, text
from .triples import DocumentTriples

__all__ = ["best_confidences", "entity_triples", "fact_triples"]


def entity_triples(resolver: Resolver, slugs: Iterable[str]) -> list[Triple]:
    """The derived values of these entities, as the resolver's registry has them now."""
    registry = resolver.registry
    out: list[Triple] = []
    for slug in slugs:
        e = registry.entities[slug]
        node = ENT[slug]
        out.append((node, TYPE, K.named(e.kind)))
        out.append((node, LABEL, text(e.label)))
        out += [(node, ALT_LABEL, text(f)) for f in e.aliases()]
        for surname in e.surnames:  # found when searched by surname alone, unless another person has it
            if len(registry.people_named(surname)) == 1:
                out.append((node, HIDDEN_LABEL, text(surname)))
        out += [(node, K.demonym, text(d)) for d in sorted(e.demonyms)]
        out.append((node, K.mentionCount, integer(e.mentions)))
        out.append((node, K.documentCount, integer(e.documents)))
        if e.place is not None and e.kind in {"Country", "City"}:
            if e.kind == "Country" and e.place.code:
                out.append((node, K.countryCode, text(e.place.code)))
            country = resolver.entity_for_place(e.place.country) if e.place.country else None
            if e.kind == "City" and country is not None:
                out.append((node, K.inCountry, ENT[country.slug]))
    return out


def fact_triples(facts: dict[Term, Counter[float]]) -> list[Triple]:
    """Each fact's source count and confidence, from its sources: how many documents state it with each best
    confidence. The confidence is that of at least one source being right, at most 0.99."""
    out: list[Triple] = []
    for fact, sources in facts.items():
        doubt = 1.0
        for c, n in sorted(sources.items()):  # a fixed order: the same sources give the same bits
            doubt *= (1.0 - min(c, 0.95)) ** n
        out.append((fact, K.sourceCount, integer(sum(sources.values()))))
        out.append((fact, K.confidence, decimal(f"{min(0.99, 1 - doubt):.2f}")))
    return out


def best_confidences(parts: list[DocumentTriples]) -> dict[Term, dict[str, float]]:
    """Fact (or role) -> document -> the best confidence with which that document states it."""
    batch: dict[Term, dict[str, float]] = {}
    for part in parts:
        for fact, confidence in (*part.facts.items(), *part.roles.items()):
            doc = str(part.document)
            batch.setdefault(fact, {})[doc] = max(batch.get(fact, {}).get(doc, 0.0), confidence)
    return batch
