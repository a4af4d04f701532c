"""One article in, one `Extraction` out: everything later stages need, as plain picklable data.

This is the unit of work that runs in the worker processes: clean, parse, then mentions, local entities,
roles, statements and relations, each from its own module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.cleaning import Article, clean
from ..ingest.sources import Source
from ..nlp.parse import Parse
from .affiliations import extract_affiliations
from .arguments import ArgumentReader
from .coref import LocalEntity, References, link_mentions
from .dates import resolve_date
from .mentions import Mention, extract_mentions
from .relations import Relation, extract_relations
from .roles import Role, extract_roles, title_head
from .statements import extract_statements, quote_spans

__all__ = ["Extraction", "extract", "parse_text"]


@dataclass(slots=True)
class Extraction:
    source: str
    sha256: str
    article: Article
    sentences: list[tuple[int, int]]  # character spans in article.text
    mentions: list[Mention]
    entity_of: list[int]  # local entity id of each mention
    entities: list[LocalEntity]
    roles: list[Role]
    relations: list[Relation]  # statements included (predicate "says")
    dates: dict[int, date] = field(default_factory=dict)  # relation index -> resolved date
    words: int = 0
    note: str | None = None


_FUNCTION_WORDS = frozenset(
    """
    a an the of to from as against with on in for and or but at by is are was were be
    says said say into over after before about amid than that this its his her their new up down out off
    """.split()
)


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 4 else word


def headline_length(article: Article) -> int:
    """Length of the headline at the top of the text (the title, when it is not a sentence of the body)."""
    head, _, body = article.text.partition("\n\n")
    sentence = re.search(r"[.!?][\"”’']*\s*$", head)
    return len(head) if article.title.startswith(head) and body and not sentence and len(head) < 300 else 0


def _title_cased(head: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’]*", head)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def parse_text(article: Article) -> str:
    """The text given to the parser: a Title-Cased Headline is put in sentence case, so that the tagger
    does not read 'Biden Warns Putin Against Invasion' as one name. Offsets are unchanged."""
    head, sep, body = article.text.partition("\n\n")
    if not headline_length(article) or not _title_cased(head):
        return article.text
    body_lower = set(re.findall(r"\b[a-z][\w'’]*", body))
    body_stems = {_stem(w) for w in body_lower}

    def sentence_case(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if match.start() == 0 or not word[0].isupper() or (word.isupper() and len(word) > 1):
            return word
        if lower in _FUNCTION_WORDS or lower in body_lower or _stem(lower) in body_stems:
            return lower
        return word

    return re.sub(r"[A-Za-z][\w'’]*", sentence_case, head) + sep + body


def extract(doc: Doc, source: Source, article: Article) -> Extraction:
    """Mentions, local entities, roles, statements and relations of one parsed article."""
    with Parse.read(doc) as parse:
        return _extract(parse, source, article)


def _extract(parse: Parse, source: Source, article: Article) -> Extraction:
    doc = parse.doc
    found = extract_mentions(parse, headline_end=headline_length(article))
    mentions = [replace(m, text=article.text[m.start : m.end]) for m in found]
    entity_of, entities = link_mentions(mentions)
    refs = References(parse, mentions, entity_of, entities)
    roles = extract_roles(doc, mentions, entity_of, refs)
    for role in roles:
        refs.roles.setdefault(role.person, set()).add(title_head(role.title).split()[-1].lower())
        if role.org is not None:
            refs.role_orgs.setdefault(role.person, set()).add(role.org)
        if role.org is not None and entities[role.org].label in {"NORP", "GPE"}:
            refs.nationality.setdefault(role.person, role.org)
    quotes = quote_spans(refs.text)
    refs.resolve(quotes=quotes)
    reader = ArgumentReader(refs)
    statements, speakers = extract_statements(doc, reader)
    refs.resolve(speakers, quotes)
    relations = _unique(statements + extract_relations(doc, reader) + extract_affiliations(reader))
    dates = {
        i: d
        for i, r in enumerate(relations)
        if r.time_text and (d := resolve_date(r.time_text, article.date, r.reading.tense))
    }
    return Extraction(
        source=source.name,
        sha256=source.sha256,
        article=article,
        sentences=[(s.start_char, s.end_char) for s in refs.sentences.spans],
        mentions=mentions,
        entity_of=entity_of,
        entities=entities,
        roles=roles,
        relations=relations,
        dates=dates,
        words=_word_count(parse),
        note=source.note,
    )


def _word_count(parse: Parse) -> int:
    """Tokens that are neither punctuation nor space."""
    return sum(not (w.is_punct or w.is_space) for w in parse.words)


def _unique(relations: list[Relation]) -> list[Relation]:
    """One relation per fact and sentence (a light verb and its event noun may both find it), in text order."""
    best: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.subject.key, r.predicate, r.object.key if r.object else None, r.sent, r.reading, r.content)
        if key not in best or r.confidence > best[key].confidence:
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.start, r.predicate))


def extract_source(nlp: Language, source: Source) -> Extraction:
    """Clean, parse and extract one source."""
    article = clean(source.text)
    doc = nlp(parse_text(article))
    return extract(doc, source, article)
