"""Projected entity graphs the size of large corpora, made up with a seeded generator: the shape of kg's
projection (every node and edge attribute), the degrees of a news graph (a few hubs, many entities named
once, a third of the nodes concept leaves) and names as long as real ones."""

from __future__ import annotations

import random

import networkx as nx

__all__ = ["synthetic_projection"]

_TYPES = ["Person"] * 5 + ["Organization"] * 3 + ["Country", "City", "City", "Place", "Group"]
_SYLLABLES = "an ber cor dal el fan gor hal ik jon kas lem mor nat or pal quin ros sel tor ul van wes yor zan".split()
_PREDICATES = ["meets", "warns", "criticizes", "supports", "visits", "accuses", "says about", "leads", "sanctions"]


def _name(rng: random.Random, kind: str) -> str:
    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))).capitalize()

    if kind == "Person":
        return f"{word()} {word()}"
    if kind == "Organization":
        return " ".join(word() for _ in range(rng.randint(1, 4)))
    return word()


def _node(g: nx.MultiDiGraph, key: str, label: str, kind: str, sources: int) -> None:
    g.add_node(
        key,
        label=label,
        type=kind,
        iri=f"https://kg.example.org/resource/{key.split(':', 1)[1]}",
        aliases="",
        job_title="",
        demonym="",
        concepts="",
        sources=sources,
        mentions=sources,
    )


def _edge(g: nx.MultiDiGraph, u: str, v: str, key: str, rng: random.Random) -> None:
    label = rng.choice(_PREDICATES)
    g.add_edge(
        u,
        v,
        key=key,
        label=label,
        predicate=f"kg:{label.replace(' ', '')}",
        kind="statement" if label == "says about" else "fact",
        polarity="positive",
        modality="asserted",
        asserted=True,
        fact_type="Fact",
        confidence=0.8,
        sources=rng.choice([1, 1, 1, 2, 3]),
        place="",
        time="",
        quotes="",
        facts=key,
        documents="Made-up article",
        sentences=f"{g.nodes[u]['label']} {label} {g.nodes[v]['label']}, a sentence said.",
    )


def synthetic_projection(entities: int, seed: int = 7) -> nx.MultiDiGraph:
    """A projection with ENTITIES entities, about 1.2 facts per entity and half as many concepts."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    keys = [f"ent:e{i}" for i in range(entities)]
    for i, key in enumerate(keys):
        kind = rng.choice(_TYPES)
        _node(g, key, f"{_name(rng, kind)} {i}" if i % 7 == 0 else _name(rng, kind), kind, rng.randint(1, 4))
    weights = [1 / (i + 1) ** 0.8 for i in range(entities)]  # a few hubs: the most named entities
    for f in range(int(entities * 1.2)):
        u, v = rng.choices(keys, weights)[0], rng.choice(keys)
        if u != v:
            _edge(g, u, v, f"fact:f{f}", rng)
    for c in range(entities // 2):
        key = f"concept:c{c}"
        _node(g, key, f"{rng.randint(2, 900)} {_name(rng, 'Place').lower()} units", "Concept", 0)
        _edge(g, rng.choices(keys, weights)[0], key, f"fact:c{c}", rng)
    return g
