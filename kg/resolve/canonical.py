"""Resolution that does not depend on the order documents came in: every entity's mentions, document by
document, resolved anew in one fixed order (by the documents' content hashes), as if the whole store had been
built at once.

A build resolves each batch against what the store held before it, so what it makes of a name depends on what
came first: a 'Trump' built before any 'Donald Trump' becomes an entity of its own, and the first of two
entities named 'Washington' gets the plain slug. `resolve_anew` takes what the store holds, one `Group` per
entity and document, and says which entity each group belongs to; the entities it mints are named in that one
order, so their slugs are the same whatever the order of the builds. `settle` turns its answer into one new slug
per stored entity and the registry the store then has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..extract.entities import LocalEntity
from .registry import Entity, Registry
from .resolver import Resolver, demonym_of

__all__ = ["Group", "resolve_anew", "settle"]


@dataclass(frozen=True, slots=True)
class Group:
    """The mentions of one stored entity in one document: its names or its demonyms ('Russian'), not both."""

    document: str  # the document's content hash: what orders the resolution
    slug: str
    first: int  # where its first mention is in the document
    forms: Counter[str]
    labels: Counter[str]


def resolve_anew(groups: list[Group]) -> tuple[Registry, list[str]]:
    """A fresh registry of all groups, resolved in one fixed order, and each group's entity in it."""
    by_document: dict[str, list[int]] = {}
    for g in sorted(range(len(groups)), key=lambda g: (groups[g].document, groups[g].first, groups[g].slug)):
        by_document.setdefault(groups[g].document, []).append(g)
    documents = sorted(by_document)
    resolver = Resolver()
    mapping, _ = resolver.resolve([[_local(k, groups[g]) for k, g in enumerate(by_document[d])] for d in documents])
    slugs = [""] * len(groups)
    for d, document in enumerate(documents):
        for k, g in enumerate(by_document[document]):
            slugs[g] = mapping[(d, k)]
    return resolver.registry, slugs


def settle(groups: list[Group], slugs: list[str], fresh: Registry) -> tuple[dict[str, str], Registry]:
    """Each stored entity's new slug (those that change): the one most of its mentions resolved to, as an
    entity is renamed whole, with its facts and roles; and the registry of the store once renamed, with the
    places `fresh` found."""
    votes: dict[str, Counter[str]] = {}
    for group, slug in zip(groups, slugs, strict=True):
        votes.setdefault(group.slug, Counter())[slug] += group.forms.total()
    renames = {old: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for old, v in votes.items()}
    entities: dict[str, Entity] = {}
    documents: dict[str, set[str]] = {}
    for k, group in enumerate(groups):
        slug = renames[group.slug]
        entity = entities.setdefault(slug, Entity(slug, place=fresh.entities[slug].place))
        if demonym_of(_local(k, group)):
            entity.demonyms.update(group.forms)
        else:
            entity.forms.update(group.forms)
            entity.ner.update(group.labels)
        documents.setdefault(slug, set()).add(group.document)
    registry = Registry()
    for slug in sorted(entities):
        entities[slug].documents = len(documents[slug])
        registry.add_entity(entities[slug])
    return {old: new for old, new in renames.items() if old != new}, registry


def _local(index: int, group: Group) -> LocalEntity:
    return LocalEntity(index, Counter(group.forms), Counter(group.labels))
