"""Resolution anew, in one fixed order: what it makes of a store's entities does not depend on the order the
documents were built in."""

from __future__ import annotations

from collections import Counter
from itertools import permutations

from kg.resolve.canonical import Group, resolve_anew, settle
from kg.resolve.registry import Entity


def group(document: str, slug: str, first: int, forms: dict[str, int], labels: dict[str, int]) -> Group:
    return Group(document, slug, first, Counter(forms), Counter(labels))


def test_a_surname_built_before_the_full_name_joins_it():
    groups = [
        group("aa", "vance", 0, {"Vance": 2}, {"PERSON": 2}),  # built first: an entity of its own
        group("bb", "marla-vance", 3, {"Marla Vance": 1, "Vance": 1}, {"PERSON": 2}),
    ]
    fresh, slugs = resolve_anew(groups)
    assert slugs == ["marla-vance", "marla-vance"]
    renames, registry = settle(groups, slugs, fresh)
    assert renames == {"vance": "marla-vance"}
    entity = registry.entities["marla-vance"]
    assert entity.forms == Counter({"Vance": 3, "Marla Vance": 1}) and entity.documents == 2
    assert set(registry.entities) == {"marla-vance"}


def test_slugs_do_not_depend_on_the_order_groups_come_in():
    """Two things named 'Corvale' (a person and a company): which one gets the plain slug is the same whatever
    order the store lists them in, and whatever slugs the builds gave them."""
    person = ("cc", 0, {"Ines Corvale": 1}, {"PERSON": 1})
    company = ("dd", 0, {"Corvale": 2}, {"ORG": 2})
    results = set()
    for (slug_a, a), (slug_b, b) in permutations([("corvale", person), ("corvale-2", company)]):
        groups = [group(a[0], slug_a, *a[1:]), group(b[0], slug_b, *b[1:])]
        fresh, slugs = resolve_anew(groups)
        by_document = {g.document: s for g, s in zip(groups, slugs, strict=True)}
        results.add(tuple(sorted(by_document.items())))
        _, registry = settle(groups, slugs, fresh)
        assert {e.kind for e in registry.entities.values()} == {"Person", "Organization"}
    assert len(results) == 1


def test_a_tie_in_the_type_vote_falls_the_same_way_whatever_came_first():
    one = Entity("harbour-hall", Counter({"Harbour Hall": 4}), Counter({"ORG": 2, "FAC": 2}))
    other = Entity("harbour-hall", Counter({"Harbour Hall": 4}), Counter({"FAC": 2, "ORG": 2}))
    assert one.kind == other.kind == "Organization"
