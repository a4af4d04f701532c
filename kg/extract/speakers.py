"""Who a speaker phrase stands for: a named entity (by its name, a pronoun or a description the roles resolve:
"Iraq's national security adviser", "Putin adviser"), or a source the article describes without naming
("a senior U.S. official", "officials", "an adviser to the prime minister", "sources close to the inquiry").

An unnamed source is an `Arg` with the role it is described by ("official", "national security adviser") and
the entity it speaks for or serves, when the phrase names one ("U.S.", "Iraq", "Putin").
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon.names import TITLE_WORDS
from ..nlp.parse import Word
from .arguments import Arg, ArgumentReader

__all__ = ["SOURCE_NOUNS", "source_label", "speaker_args", "unnamed_source"]

# Nouns for people who may speak unnamed; "leader" stays with the countries it names ("the leaders of X").
SOURCE_NOUNS = frozenset(
    {w.rstrip(".") for w in TITLE_WORDS}
    - {"member", "partner", "candidate", "nominee", "owner", "founder", "co-founder", "head", "leader", "leaders"}
    | {"source", "person", "people", "witness", "insider", "investigator", "lawyer", "staffer", "employee"}
    | {"negotiator", "observer", "resident", "activist", "worker", "officer", "aide", "spokesperson"}
)
# Words that grade a source rather than name its role: "a senior official", "two officials".
_VAGUE = {"senior", "top", "high", "ranking", "high-ranking", "former", "other", "several", "many", "some"}
_VAGUE |= {"unnamed", "anonymous", "one", "two", "three", "few", "close", "familiar", "knowledgeable", "-"}
_SERVES = {"to", "of", "for", "at", "in", "with", "from"}  # "an adviser to X", "officials of X", "close to X"


def speaker_args(token: Word, reader: ArgumentReader) -> list[Arg]:
    """The speakers a subject (or the object of 'according to') stands for."""
    if reader.refs.entity(token) is None and (source := unnamed_source(token, reader)) is not None:
        return [source]
    return reader.args(token, allow_concept=False)


def unnamed_source(token: Word, reader: ArgumentReader, refer: bool = True) -> Arg | None:
    """'a senior U.S. official', 'Iraq's national security adviser' (when nobody in the article holds it),
    'sources close to the investigation': a person noun that names nobody, with its role and affiliation.
    'The official' is the unnamed official of the sentences just before, if there is one."""
    lemma = _lemma(token)
    if token.pos_ != "NOUN" or lemma not in SOURCE_NOUNS or _holder_named(token, reader):
        return None
    source = Arg(source=_role(token, reader, lemma), affiliation=_affiliation(token, reader), via="unnamed")
    if not refer:
        return source
    determiners = {c.lower_ for c in token.lefts if c.dep_ == "det"}
    if not determiners & {"a", "an"} and token.tag_ in {"NN", "NNP"}:  # "the premier", "Homeland security secretary"
        holder = _holder_by_title(source, reader)
        if holder is not None:
            return Arg(entity=holder, via="description")
    if source.affiliation is None and "the" in determiners:  # "the official": the one just mentioned, if any
        return _earlier(token, reader)
    return source


def _holder_by_title(source: Arg, reader: ArgumentReader) -> int | None:
    """The one person of the article whose title has all the role's words ('security secretary' of 'Homeland
    Security Secretary Michael Chertoff'), in the service of the source's affiliation if it has one."""
    words = set((source.source or "").split())
    refs = reader.refs
    found = [e for e, titles in refs.titles.items() if any(words <= set(t.split()) for t in titles)]
    if source.affiliation is not None:
        owners = refs.same_country({source.affiliation})
        found = [e for e in found if refs.role_orgs.get(e, set()) & owners]
    return found[0] if len(found) == 1 else None


def _earlier(token: Word, reader: ArgumentReader) -> Arg | None:
    """The nearest unnamed source of the same kind in this sentence or the three before."""
    sentences = reader.refs.sentences
    first = sentences.spans[max(0, sentences.index(token) - 3)].start
    for t in reversed(reader.refs.tokens[first : token.i]):
        if t.lemma_ == token.lemma_ and reader.refs.entity(t) is None:
            found = unnamed_source(t, reader, refer=False)
            if found is not None:
                return found
    return None


def source_label(arg: Arg, names: Sequence[str]) -> str:
    """How an unnamed source reads: 'unnamed official (U.S.)'; `names` are the local entities' names."""
    of = f" ({names[arg.affiliation]})" if arg.affiliation is not None else ""
    return f"unnamed {arg.source}{of}"


def _lemma(token: Word) -> str:
    lemma = token.lemma_.lower()
    return "person" if lemma == "people" else lemma


def _holder_named(token: Word, reader: ArgumentReader) -> bool:
    """'spokesman Dmitry Peskov', 'the mayor, Ann Lee': the title's holder is named after it."""
    return any(
        c.i > token.i and c.dep_ in {"appos", "compound", "flat", "conj"} and reader.refs.entity(c) is not None
        for c in token.children
    )


def _role(token: Word, reader: ArgumentReader, lemma: str) -> str:
    """The words that name the role: 'national security adviser' of "Iraq's national security adviser"."""
    words = [
        w.lower_
        for c in token.lefts
        if c.dep_ in {"compound", "amod"}
        for w in c.subtree
        if w.pos_ in {"NOUN", "ADJ"} and w.lower_ not in _VAGUE and reader.refs.entity(w) is None
    ]
    return " ".join([*words, lemma])


def _affiliation(token: Word, reader: ArgumentReader) -> int | None:
    """The entity the phrase ties the source to: "Iraq's", 'U.S.', 'Russian', 'Putin' (of 'Putin adviser'),
    'to the prime minister', 'close to the Kremlin'."""
    for child in token.lefts:
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and (found := reader.entity(child)):
            return found[0]
    for prep in _serving_preps(token):
        for obj in prep.children:
            if obj.dep_ == "pobj" and (found := reader.entity(obj)):
                return found[0]
    return None


def _serving_preps(token: Word) -> list[Word]:
    """'an adviser to X', 'officials of X', 'sources close to X', 'people familiar with X'."""
    holders = [token, *(c for c in token.children if c.dep_ == "amod" and c.i > token.i)]
    return [p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in _SERVES]
