"""Who said what: quotes and reported claims, attributed to their speakers.

Covers "X said (that) ...", "“...,” X told reporters", "X said: “...”", "according to X, ...", "..., Reuters
reported", and quotes that run over several sentences or continue in the next paragraph with no verb of
their own. Each statement is a Relation with predicate "says", the speaker as subject and the words in
`content`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..lexicon.predicates import REPORTING_VERBS
from ..nlp.parse import Parse, Word
from ..nlp.sentences import Sentences
from .arguments import Arg, ArgumentReader
from .modality import Reading, read_clause
from .relations import Relation
from .speakers import speaker_args

if TYPE_CHECKING:
    from .state import DocumentState

__all__ = ["read_statements"]

_REPORTED = Reading("positive", "asserted", "past")
MAX_CONTENT = 600


def read_statements(state: DocumentState) -> None:
    """The statements of the document (the first of its relations), and the speaker of each quoted sentence."""
    statements, state.speakers = _statements(state.parse.doc, ArgumentReader(state.refs), state.quotes)
    state.relations += statements


def _inside(token: Word, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next((s for s in spans if s[0] <= token.idx < s[1]), None)


def _subject(verb: Word) -> Word | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _speaker(verb: Word, reader: ArgumentReader) -> Arg | None:
    subject = _subject(verb)
    args = speaker_args(subject, reader) if subject is not None else []
    return args[0] if args and (args[0].entity is not None or args[0].source is not None) else None


def _adjacent_quote(
    verb: Word, subject: Word | None, spans: list[tuple[int, int]], sentence: Span, text: str
) -> tuple[int, int] | None:
    """The quote the reporting clause attributes: right before it ('“...,” he said', nothing but punctuation
    between the quote and the speaker) or introduced by it ('he said: “...”'), never across a sentence."""
    first = min(verb.idx, subject.idx) if subject is not None else verb.idx
    before = [q for q in spans if q[1] <= first]
    if (
        before
        and re.fullmatch(r"[\s,.!?;:“”‘’\"'—–-]*", text[before[-1][1] : first])
        and "\n\n" not in text[before[-1][1] : first]
    ):
        return before[-1]
    after = [q for q in spans if verb.idx < q[0] <= sentence.end_char + 2]
    if after:
        between = text[verb.idx + len(verb) : after[0][0] - 1]
        if len(between) < 60 and not re.search(r"[.!?]", between) and re.search(r"[:,]|\bthat\b", between):
            return after[0]
    return None


def _reported_clause(verb: Word) -> Word | None:
    """The clause a reporting verb introduces: 'said (that) X', 'made it clear that X'."""
    for child in verb.children:
        if child.dep_ in {"ccomp", "parataxis"}:
            if child.lemma_ == "clear":
                return next((c for c in child.children if c.dep_ in {"ccomp", "advcl"}), None)
            return child
    return None


def _within(span: tuple[int, int], clause: Word) -> bool:
    tokens = list(clause.subtree)
    return tokens[0].idx <= span[0] and span[1] <= tokens[-1].idx + len(tokens[-1]) + 3


def _reporting_verb(token: Word) -> str | None:
    """'say', 'claim', ... or 'make clear'; None for other words."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma in REPORTING_VERBS:
        return lemma
    if lemma == "make" and any(c.lemma_ == "clear" for c in token.children):
        return "make clear"
    return None


def _clause_text(token: Word, parse: Parse) -> str:
    """The words of a reported clause, without its 'that'."""
    tokens = token.subtree
    first = tokens[0].i + 1 if tokens[0].lower_ == "that" and tokens[0].dep_ == "mark" else tokens[0].i
    return parse.text_of(first, tokens[-1].i + 1)


def _about(start: int, end: int, reader: ArgumentReader, speaker: Arg) -> tuple[Arg, ...]:
    seen: dict[int, Arg] = {}
    for m, e in zip(reader.refs.mentions, reader.refs.entity_of, strict=True):
        if start <= m.start < end and e != speaker.entity:
            seen.setdefault(e, Arg(entity=e))
    return tuple(seen.values())


def _make(
    speaker: Arg,
    anchor: Word,
    verb: str,
    content: str,
    span: tuple[int, int],
    reader: ArgumentReader,
    *,
    quoted: bool = False,
    base: float = 0.8,
) -> Relation:
    """A statement: `anchor` is the reporting verb (its sentence, polarity and tense are the statement's)."""
    content = re.sub(r"\s+", " ", content).strip(" ,“”\"'")
    content = re.sub(r"\s*,\s*,", ",", content)
    if len(content) > MAX_CONTENT:
        content = content[: MAX_CONTENT - 1].rsplit(" ", 1)[0] + "…"
    return Relation(
        subject=speaker,
        predicate="says",
        verb=verb,
        object=None,
        sent=reader.refs.sentences.index(anchor),
        start=span[0],
        end=span[1],
        reading=read_clause(anchor),
        kind="Quote" if quoted else "Statement",
        content=content,
        about=_about(span[0], span[1], reader, speaker),
        confidence=round(base - (0.1 if speaker.via in {"pronoun", "description", "unnamed"} else 0.0), 2),
    )


def _statements(
    doc: Doc, reader: ArgumentReader, spans: list[tuple[int, int]]
) -> tuple[list[Relation], dict[int, int]]:
    """Statements, and the speaker of each quote by sentence index (for 'I' and 'we' inside it)."""
    sentences = reader.refs.sentences
    text = reader.refs.text
    out: list[Relation] = []
    attributed: dict[tuple[int, int], Arg] = {}
    for token in reader.refs.tokens:
        verb = _reporting_verb(token)
        if verb is None or _inside(token, spans):
            continue  # a verb inside a quote is part of what was said
        speaker = _speaker(token, reader)
        if speaker is None:
            continue
        sent = sentences.index(token)
        host = _host_clause(token)
        if host is not None:
            sentence = sentences.spans[sent]
            span = (sentence.start_char, sentence.end_char)
            out.append(_make(speaker, token, verb, host, span, reader))
            continue
        quote = _adjacent_quote(token, _subject(token), spans, sentences.spans[sent], text)
        clause = _reported_clause(token)
        if quote is not None:
            attributed.setdefault(quote, speaker)  # "X said that “...”, Reuters reported": X keeps the quote
        if quote is not None and clause is not None and _within(quote, clause):
            quote = None  # quoted words inside the reported clause: 'wants “watertight” guarantees'
        if quote is not None:
            words = text[quote[0] : quote[1]]
            out.append(_make(speaker, token, verb, words, quote, reader, quoted=True, base=0.85))
        elif clause is not None:
            tokens = list(clause.subtree)
            span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
            out.append(_make(speaker, token, verb, _clause_text(clause, reader.refs.parse), span, reader))
    out += _according_to(reader, spans)
    out += _continued_quotes(doc, spans, attributed, reader)
    speakers = _speakers_by_sentence(sentences, attributed)
    return out, speakers


def _according_to(reader: ArgumentReader, spans: list[tuple[int, int]]) -> list[Relation]:
    """'according to X, ...': X said the rest of the sentence."""
    out = []
    for token in reader.refs.tokens:
        if token.lower_ != "according" or _inside(token, spans):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        args = speaker_args(source, reader)
        if not args or (args[0].entity is None and args[0].source is None):
            continue
        sent = reader.refs.sentences.of(token)
        end = _attribution_end(token, source, reader.refs.tokens)
        content = _without(sent, token.i, end)
        anchor = token.head if token.head.pos_ in {"VERB", "AUX"} else reader.refs.tokens[sent.root.i]
        span = (sent.start_char, sent.end_char)
        out.append(_make(args[0], anchor, "according to", content, span, reader, base=0.75))
    return out


def _attribution_end(according: Word, source: Word, words: list[Word]) -> int:
    """The last word of 'according to X' ("According to X, A and B met": not A and B). A leading attribution
    the parse runs on into the main clause's subject ('According to a source close to X, who spoke on condition
    of anonymity, A and B have agreed') ends at its last comma."""
    kept = _without_conjuncts(source)
    end = max(t.i for t in kept)
    following = words[end + 1] if end + 1 < len(words) else None
    if following is None or following.is_punct or according.head.i < end:
        return end
    commas = [t.i for t in kept if t.text == "," and t.i > source.i]
    return commas[-1] - 1 if commas else end


def _without_conjuncts(token: Word) -> list[Word]:
    skip = {t.i for c in token.children if c.dep_ in {"conj", "cc"} for t in c.subtree}
    return [t for t in token.subtree if t.i not in skip]


def _without(sent: Span, first: int, last: int) -> str:
    """The sentence without the tokens first..last (an attribution), tidy at the seam."""
    doc = sent.doc
    text = (doc[sent.start : first].text + " " + doc[last + 1 : sent.end].text).strip()
    text = re.sub(r"^[\W_]+", "", text)  # the comma after a leading attribution
    text = re.sub(r"\s*,\s*(?=[,.;:!?]|$)", "", text)  # the comma before a trailing one
    return re.sub(r"\s+([,.])", r"\1", text)


def _host_clause(verb: Word) -> str | None:
    """'Any presence of NATO soldiers, Russia said, would be a red line': a parenthetical reporting verb
    reports its host clause."""
    if verb.dep_ != "parataxis" or verb.head.pos_ not in {"VERB", "AUX"}:
        return None
    host = verb.head
    tokens = [t for t in host.subtree if t.i not in {s.i for s in verb.subtree}]
    return " ".join(t.text for t in tokens if not t.is_punct or t.text in {"-", "%"}).strip() or None


def _continued_quotes(
    doc: Doc,
    spans: list[tuple[int, int]],
    attributed: dict[tuple[int, int], Arg],
    reader: ArgumentReader,
) -> list[Relation]:
    """A quote with no speaker of its own that follows an attributed quote continues it."""
    out = []
    for previous, span in pairwise(spans):
        speaker = attributed.get(previous)
        if speaker is None or span in attributed:
            continue
        between = reader.refs.text[previous[1] : span[0]]
        if len(between) > 160 or not re.search(r"[.!?]\W*\s*$", between.rstrip('“" ')):
            continue  # not the next sentence of the same speech
        first = doc.char_span(span[0], span[1], alignment_mode="expand")
        if first is None:
            continue
        attributed[span] = speaker
        root = reader.refs.tokens[reader.refs.sentences.of(first[0]).root.i]
        statement = _make(
            speaker, root, "say", reader.refs.text[span[0] : span[1]], span, reader, quoted=True, base=0.7
        )
        out.append(replace(statement, reading=_REPORTED))  # the words' own modality is not the speaker's act
    return out


def _speakers_by_sentence(sentences: Sentences, attributed: dict[tuple[int, int], Arg]) -> dict[int, int]:
    speakers: dict[int, int] = {}
    for span, arg in attributed.items():
        if arg.entity is None:
            continue
        for index, sent in enumerate(sentences.spans):
            if sent.start_char < span[1] and sent.end_char > span[0]:
                speakers[index] = arg.entity
    return speakers
