"""One article in, one `Extraction` out: everything later steps need, as plain picklable data.

This is the unit of work that runs in the worker processes: clean, parse, then the stages of `STAGES` in
order over one `DocumentState`, each stage a module of its own that reads what earlier stages added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.cleaning import Article, clean_source
from ..ingest.sources import Source
from ..nlp.headline import parse_text
from ..nlp.parse import Parse
from .acts import read_acts
from .affiliations import read_affiliations
from .dates import resolve_dates
from .entities import LocalEntity, link_entities
from .mentions import Mention, find_mentions
from .merging import merge_relations
from .origins import read_origins
from .quotes import find_quotes
from .references import resolve_quoted_references, resolve_references
from .relations import Relation, read_relations
from .roles import Role, read_roles
from .state import DocumentState, Stage
from .statements import read_statements

__all__ = ["STAGES", "Extraction", "extract", "extract_source", "run_stages"]

# Pronouns and descriptions are resolved in two passes: a description needs the roles ('the president'), and
# 'I' and 'he' inside a quote need its speaker, whom the statements stage finds with the first pass's help.
STAGES: tuple[Stage, ...] = (
    find_quotes,
    find_mentions,
    link_entities,
    read_roles,
    resolve_references,
    read_statements,
    resolve_quoted_references,
    read_relations,
    read_affiliations,
    read_origins,
    read_acts,
    merge_relations,
    resolve_dates,
)


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


def run_stages(parse: Parse, article: Article, stages: tuple[Stage, ...] = STAGES) -> DocumentState:
    """The state of one parsed article after `stages`."""
    state = DocumentState(parse, article)
    for stage in stages:
        stage(state)
    return state


def extract(doc: Doc, source: Source, article: Article) -> Extraction:
    """Mentions, local entities, roles, statements and relations of one parsed article."""
    with Parse.read(doc) as parse:
        state = run_stages(parse, article)
        return Extraction(
            source=source.name,
            sha256=source.sha256,
            article=article,
            sentences=[(s.start_char, s.end_char) for s in parse.sentences.spans],
            mentions=state.mentions,
            entity_of=state.entity_of,
            entities=state.entities,
            roles=state.roles,
            relations=state.relations,
            dates=state.dates,
            words=_word_count(parse),
            note=source.note,
        )


def _word_count(parse: Parse) -> int:
    """Tokens that are neither punctuation nor space."""
    return sum(not (w.is_punct or w.is_space) for w in parse.words)


def extract_source(nlp: Language, source: Source) -> Extraction:
    """Clean, parse and extract one source."""
    article = clean_source(source)
    doc = nlp(parse_text(article))
    return extract(doc, source, article)
