"""One relation per fact and sentence: a light verb and its event noun may both find the same one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .relations import Relation

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["merge_relations"]


def merge_relations(state: DocumentState) -> None:
    """The most confident of each fact's relations in a sentence (the first found, on a tie), in text order."""
    best: dict[tuple, Relation] = {}
    for r in state.relations:
        key = (r.subject.key, r.predicate, r.object.key if r.object else None, r.sent, r.reading, r.content)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    state.relations = sorted(best.values(), key=lambda r: (r.start, r.predicate))
