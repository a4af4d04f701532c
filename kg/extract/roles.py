"""Roles and titles of people: 'Secretary of State Antony Blinken', 'Sergey Lavrov, Russia's Foreign Minister',
'Dmitry Trenin, director of the Carnegie Moscow Center', 'Lavrov is Russia's foreign minister'.

A role is the title as written, plus the organization, country or person it belongs to when the sentence says
so ("Russia's", "of the Carnegie Moscow Center", "White House", "Putin's").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..lexicon.names import HONORIFICS, TITLE_WORDS, looks_like_person
from ..nlp.parse import Word
from .mentions import Mention
from .references import References

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["Role", "read_roles"]


@dataclass(frozen=True, slots=True)
class Role:
    person: int  # local entity id
    title: str  # "Foreign Minister"
    org: int | None  # local entity id of the organization, country (or its demonym) or person
    sent: int


_NP_DEPS = {"compound", "amod", "nmod", "poss", "case", "prep", "pobj", "det", "punct", "nummod", "flat", "cc", "conj"}
_SKIP = {"the", "a", "an", "'s", "’s", "former", "then", "then-", "-", "current", "new", "acting", "top", "senior"}
_TITLE_HEADS = {w.rstrip(".") for w in TITLE_WORDS} - {
    "member",
    "partner",
    "candidate",
    "nominee",
    "owner",
    "expert",
    "fellow",
    "officials",
    "leaders",
}


def _title_words(tokens: list[Word], refs: References, person: int) -> tuple[str, int | None]:
    """Split a title phrase into its words and the entity it belongs to."""
    org = None
    words: list[Word] = []
    for t in tokens:
        e = refs.entity(t)
        if e is not None and e != person and refs.how.get(t.i) == "name":
            org = org if org is not None else e
            continue
        if t.lower_ in _SKIP or t.lower_ in HONORIFICS or t.is_punct or _possessor(t):
            continue
        words.append(t)
    while words and words[-1].lower_ in {"of", "for", "at", "in", "to", "and"}:
        words.pop()
    while words and words[0].lower_ in {"of", "for", "at", "in", "to", "and"}:
        words.pop(0)
    return " ".join(w.text for w in words), org


def _possessor(token: Word) -> bool:
    """'company' in "the company's chief executive": whose title it is, not part of it."""
    return any(c.dep_ == "case" for c in token.children)


def _is_title(text: str) -> bool:
    words = text.lower().replace(".", "").split()
    return bool(words) and words[-1] in _TITLE_HEADS and len(words) <= 6


def _prenominal(m: Mention, doc: Doc, refs: References, person: int) -> tuple[str, int | None] | None:
    """'Russian Foreign Minister Sergey Lavrov': the words in front of the name, inside its noun phrase."""
    left_edge = doc[m.token_end - 1].left_edge.i
    start = m.token_start
    while start > 0:
        t = refs.tokens[start - 1]
        if t.dep_ not in _NP_DEPS or t.i < left_edge or t.is_space or t.text in {",", "(", ")", ":", ";"}:
            break
        start -= 1
    if start == m.token_start:
        return None
    title, org = _title_words(refs.tokens[start : m.token_start], refs, person)
    return (title, org) if _is_title(_title_head(title)) else None


def _appositive(m: Mention, refs: References, person: int) -> tuple[str, int | None] | None:
    """'Sergey Lavrov, Russia's Foreign Minister' and 'director of the Carnegie Moscow Center'."""
    root = refs.tokens[m.token_end - 1]
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower().rstrip(".") in _TITLE_HEADS | {"minister", "secretary"}:
            title, org = _title_words(
                [t for t in child.subtree if t.dep_ != "relcl" and not _in_clause(t, child)], refs, person
            )
            if _is_title(_title_head(title)):
                return title, org
    # the title as head, the name as its apposition: "Russia's Foreign Minister, Sergey Lavrov"
    if root.dep_ == "appos" and root.head.lemma_.lower() in _TITLE_HEADS:
        head = root.head
        before = [t for t in head.subtree if t.i < m.token_start and not _in_clause(t, head)]
        title, org = _title_words(before, refs, person)  # 'the deputy director of the Trade Ministry, Juan Ortiz'
        if _is_title(_title_head(title)):
            return title, org
    return None


def _in_clause(token: Word, top: Word) -> bool:
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.pos_ in {"VERB", "AUX"}:
            return True
        node = node.head
    return False


def _title_head(title: str) -> str:
    """'head of foreign affairs committee' -> 'head': the part a title word must end."""
    for joiner in (" of ", " at ", " for "):
        title = title.partition(joiner)[0]
    return title


_APPOINTED = {"name", "appoint", "elect", "make", "choose", "nominate", "select", "confirm", "install", "promote"}
_SERVING = {"serve", "work", "act", "sit", "continue", "remain"}


def _predicative(m: Mention, refs: References, person: int) -> tuple[str, int | None] | None:
    """'Lavrov is Russia's foreign minister', 'Kohl served as chancellor of Germany', 'X was named head of Y',
    'X became mayor'."""
    root = refs.tokens[m.token_end - 1]
    verb = root.head
    lemma = verb.lemma_.lower()
    candidates: list[Word] = []
    if root.dep_ == "nsubj" and lemma in {"be", "become"}:
        candidates = [c for c in verb.children if c.dep_ == "attr"]
    elif root.dep_ == "nsubj" and lemma in _SERVING:
        candidates = [
            o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children if o.dep_ == "pobj"
        ]
    elif root.dep_ == "nsubjpass" and lemma in _APPOINTED:
        candidates = [c for c in verb.children if c.dep_ in {"oprd", "attr", "xcomp", "dobj"}]
    for head in candidates:
        if head.lemma_.lower().rstrip(".") not in _TITLE_HEADS:
            continue
        title, org = _title_words([t for t in head.subtree if not _in_clause(t, head)], refs, person)
        if _is_title(_title_head(title)):
            return title, org
    return None


def read_roles(state: DocumentState) -> None:
    """The roles of the document's people; each tells the references who 'the president' may be."""
    refs = state.refs
    state.roles = _roles(refs.doc, state.mentions, state.entity_of, refs)
    for role in state.roles:
        refs.add_role(role.person, _title_head(role.title).split()[-1].lower(), role.org, role.title)


def _roles(doc: Doc, mentions: list[Mention], entity_of: list[int], refs: References) -> list[Role]:
    """Roles stated for the people of a document, once per (person, title, org) and sentence."""
    out: dict[tuple, Role] = {}
    for m, person in zip(mentions, entity_of, strict=True):
        if m.label != "PERSON" and not looks_like_person(m.text):
            continue
        found = [
            f
            for f in (
                _prenominal(m, doc, refs, person),
                _appositive(m, refs, person),
                _predicative(m, refs, person),
            )
            if f
        ]
        if m.title and _is_title(m.title):
            found.append((m.title, None))
        for title, org in found:
            key = (person, title.lower(), org, m.sent)
            out.setdefault(key, Role(person, title, org, m.sent))
    return list(out.values())
