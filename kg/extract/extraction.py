"""One article in, one `Extraction` out: everything later stages need, as plain picklable data.

This is the unit of work that runs in the worker processes: clean, parse, then mentions, local entities,
roles, statements and relations, each from its own module.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.cleaning import Article, clean
from ..ingest.sources import Source
from ..nlp.headline import headline_length, parse_text
from ..nlp.parse import Parse
from .affiliations import extract_affiliations
from .arguments import ArgumentReader
from .coref import LocalEntity, References, link_mentions
from .dates import resolve_date
from .mentions import Mention, extract_mentions
from .relations import Relation, extract_relations
from .roles import Role, extract_roles, title_head
from .statements import extract_statements, quote_spans

__all__ = ["Extraction", "extract", "extract_source"]


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
