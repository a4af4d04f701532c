"""Who acts: the subjects of a verb, its own or inherited through control, coordination and adverbial clauses,
and the agent of a passive's by-phrase."""

from __future__ import annotations

from ..nlp.parse import Word
from .arguments import Arg, ArgumentReader

__all__ = ["find_subjects"]


def find_subjects(verb: Word, reader: ArgumentReader, depth: int = 0) -> tuple[list[Arg], bool]:
    """The agents of a verb, and whether they came through a passive's by-phrase."""
    own = _own_subjects(verb, reader, depth)
    return own if own is not None else _inherited_subjects(verb, reader, depth)


def _own_subjects(verb: Word, reader: ArgumentReader, depth: int) -> tuple[list[Arg], bool] | None:
    """The verb's own subject (for a relative pronoun, the noun it stands for), or its by-phrase's agent."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"} or (depth and child.dep_ == "nsubjpass"):
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return reader.args(verb.head, allow_concept=False), False
            return reader.args(child, allow_concept=False), False
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return reader.args(objs[0], allow_concept=False), True
    return None


def _inherited_subjects(verb: Word, reader: ArgumentReader, depth: int) -> tuple[list[Arg], bool]:
    """Subjects inherited through control ("Biden is scheduled to speak", "wants the US to guarantee"),
    coordination ("met Putin and warned him") and adverbial clauses ("after speaking with Putin")."""
    head = verb.head
    if depth > 3 or head.i == verb.i:
        return [], False
    if verb.dep_ == "xcomp":
        objects = [c for c in head.children if c.dep_ == "dobj"]
        if objects and head.lemma_ != "promise":  # object control
            return reader.args(objects[0], allow_concept=False), False
        return find_subjects(head, reader, depth + 1)
    if verb.dep_ in {"conj", "advcl", "pcomp"} and head.pos_ in {"VERB", "AUX"}:
        return find_subjects(head, reader, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return find_subjects(head.head, reader, depth + 1)  # "a day after speaking directly with Putin"
    return [], False
