"""Who said what: quotes and reported claims, attributed to their speakers.

Covers "X said (that) ...", "“...,” X told reporters", "X said: “...”", "according to X, ...", "..., Reuters
reported", and quotes that run over several sentences or continue in the next paragraph with no verb of
their own. Each statement is a Relation with predicate "says", the speaker as subject and the words in
`content`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from .arguments import Arg, ArgumentReader
from .modality import read_clause
from .relations import Relation

__all__ = ["REPORTING_VERBS", "extract_statements", "quote_spans"]

REPORTING_VERBS = {
    "say",
    "tell",
    "claim",
    "state",
    "add",
    "write",
    "announce",
    "insist",
    "explain",
    "note",
    "stress",
    "emphasize",
    "emphasise",
    "report",
    "argue",
    "declare",
    "reply",
    "respond",
    "confirm",
    "deny",
    "acknowledge",
    "admit",
    "suggest",
    "signal",
    "indicate",
    "warn",
    "predict",
    "tweet",
    "allege",
    "assert",
    "caution",
    "remark",
}
_QUOTE_CHARS = re.compile(r"[“”\"„«»]")
MAX_CONTENT = 600


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, paired in order of appearance (scraped text mixes “ and ”).

    A quote never runs across a paragraph break; an unclosed quote ends with its paragraph.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        marks = [m.start() for m in _QUOTE_CHARS.finditer(paragraph)]
        for i in range(0, len(marks), 2):
            start = marks[i] + 1
            end = marks[i + 1] if i + 1 < len(marks) else len(paragraph)
            if end - start > 1:
                spans.append((offset + start, offset + end))
        offset += len(paragraph) + 2
    return spans


def _inside(token: Token, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next((s for s in spans if s[0] <= token.idx < s[1]), None)


def _speaker(verb: Token, reader: ArgumentReader) -> Arg | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            args = reader.args(child, allow_concept=False)
            return args[0] if args else None
    return None


def _adjacent_quote(verb: Token, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quote right before the reporting clause ('“...,” he said') or right after ('he said: “...”')."""
    sent = verb.sent
    before = [s for s in spans if s[1] <= verb.idx and s[1] >= sent.start_char - 2]
    after = [s for s in spans if s[0] > verb.idx and s[0] <= sent.end_char + 2]
    if before:
        return before[-1]
    if after and any(t.text == ":" for t in verb.doc[verb.i : min(len(verb.doc), verb.i + 8)]):
        return after[0]
    return after[0] if after and after[0][0] - verb.idx < 40 else None


def _clause_text(token: Token) -> str:
    tokens = list(token.subtree)
    return token.doc[tokens[0].i : tokens[-1].i + 1].text


def _about(doc: Doc, start: int, end: int, reader: ArgumentReader, speaker: Arg) -> tuple[Arg, ...]:
    seen: dict[int, Arg] = {}
    for m, e in zip(reader.refs.mentions, reader.refs.entity_of, strict=True):
        if start <= m.start < end and e != speaker.entity:
            seen.setdefault(e, Arg(entity=e))
    return tuple(seen.values())


def _make(
    speaker: Arg,
    verb: Token,
    content: str,
    quoted: bool,
    start: int,
    end: int,
    sent: int,
    reader: ArgumentReader,
    base: float,
) -> Relation:
    content = re.sub(r"\s+", " ", content).strip(" ,“”\"'")
    if len(content) > MAX_CONTENT:
        content = content[: MAX_CONTENT - 1].rsplit(" ", 1)[0] + "…"
    return Relation(
        subject=speaker,
        predicate="says",
        verb=verb.lemma_.lower(),
        object=None,
        sent=sent,
        start=start,
        end=end,
        reading=read_clause(verb),
        kind="Quote" if quoted else "Statement",
        content=content,
        about=_about(verb.doc, start, end, reader, speaker),
        confidence=round(base - (0.1 if speaker.via in {"pronoun", "description"} else 0.0), 2),
    )


def extract_statements(doc: Doc, reader: ArgumentReader) -> tuple[list[Relation], dict[int, Arg]]:
    """Statements, and the speaker of each quote by sentence index (for 'I' and 'we' inside it)."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    spans = quote_spans(doc.text)
    out: list[Relation] = []
    attributed: dict[tuple[int, int], Arg] = {}
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING_VERBS:
            continue
        if _inside(token, spans):
            continue  # a verb inside a quote is part of what was said
        speaker = _speaker(token, reader)
        if speaker is None or speaker.entity is None:
            continue
        quote = _adjacent_quote(token, spans)
        ccomp = next((c for c in token.children if c.dep_ in {"ccomp", "parataxis"}), None)
        if quote is not None:
            attributed[quote] = speaker
            out.append(
                _make(
                    speaker,
                    token,
                    doc.text[quote[0] : quote[1]],
                    True,
                    quote[0],
                    quote[1],
                    sent_index[token.sent.start],
                    reader,
                    0.85,
                )
            )
        elif ccomp is not None:
            tokens = list(ccomp.subtree)
            out.append(
                _make(
                    speaker,
                    token,
                    _clause_text(ccomp),
                    False,
                    tokens[0].idx,
                    tokens[-1].idx + len(tokens[-1]),
                    sent_index[token.sent.start],
                    reader,
                    0.8,
                )
            )
    out += _according_to(doc, reader, sent_index, spans)
    out += _continued_quotes(doc, spans, attributed, reader, sent_index)
    speakers = _speakers_by_sentence(doc, spans, attributed, sent_index)
    return out, speakers


def _according_to(
    doc: Doc, reader: ArgumentReader, sent_index: dict[int, int], spans: list[tuple[int, int]]
) -> list[Relation]:
    """'according to X, ...': X said the rest of the sentence."""
    out = []
    for token in doc:
        if token.lower_ != "according" or _inside(token, spans):
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        args = reader.args(source, allow_concept=False)
        if not args or args[0].entity is None:
            continue
        sent = token.sent
        phrase = list(token.subtree)
        content = (doc[sent.start : phrase[0].i].text + " " + doc[phrase[-1].i + 1 : sent.end].text).strip(" ,.")
        anchor = token.head if token.head.pos_ in {"VERB", "AUX"} else sent.root
        statement = _make(
            args[0], anchor, content, False, sent.start_char, sent.end_char, sent_index[sent.start], reader, 0.75
        )
        out.append(replace(statement, verb="according to"))
    return out


def _continued_quotes(
    doc: Doc,
    spans: list[tuple[int, int]],
    attributed: dict[tuple[int, int], Arg],
    reader: ArgumentReader,
    sent_index: dict[int, int],
) -> list[Relation]:
    """A quote with no speaker of its own that follows an attributed quote continues it."""
    out = []
    previous: Arg | None = None
    for span in spans:
        if span in attributed:
            previous = attributed[span]
            continue
        if previous is None:
            continue
        start_token = next((t for t in doc if t.idx >= span[0]), None)
        if start_token is None:
            continue
        gap = doc.text[max(0, span[0] - 400) : span[0]]
        if "\n\n" in gap[-3:] or gap.rstrip().endswith((".", "”", '"', "“")):
            attributed[span] = previous
            out.append(
                _make(
                    previous,
                    start_token.sent.root,
                    doc.text[span[0] : span[1]],
                    True,
                    span[0],
                    span[1],
                    sent_index[start_token.sent.start],
                    reader,
                    0.7,
                )
            )
        else:
            previous = None
    return out


def _speakers_by_sentence(
    doc: Doc, spans: list[tuple[int, int]], attributed: dict[tuple[int, int], Arg], sent_index: dict[int, int]
) -> dict[int, int]:
    speakers: dict[int, int] = {}
    for span, arg in attributed.items():
        if arg.entity is None:
            continue
        for sent in doc.sents:
            if sent.start_char < span[1] and sent.end_char > span[0]:
                speakers[sent_index[sent.start]] = arg.entity
    return speakers
