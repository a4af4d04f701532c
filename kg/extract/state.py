"""One article on its way through the extraction stages: the parse, and what each stage has added so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..ingest.cleaning import Article
from ..nlp.parse import Parse
from .entities import LocalEntity
from .mentions import Mention
from .references import References
from .relations import Relation
from .roles import Role

__all__ = ["DocumentState", "Stage"]


@dataclass(slots=True, eq=False)
class DocumentState:
    """Each field is filled by the stage named beside it, in the order `extraction.STAGES` runs them."""

    parse: Parse
    article: Article
    quotes: list[tuple[int, int]] = field(default_factory=list)  # find_quotes: character spans
    mentions: list[Mention] = field(default_factory=list)  # find_mentions
    entity_of: list[int] = field(default_factory=list)  # link_entities: the local entity of each mention
    entities: list[LocalEntity] = field(default_factory=list)  # link_entities
    roles: list[Role] = field(default_factory=list)  # read_roles
    speakers: dict[int, int] = field(default_factory=dict)  # read_statements: sentence -> speaker of its quote
    # read_statements, read_relations and read_affiliations add to it; merge_relations keeps one per fact
    relations: list[Relation] = field(default_factory=list)
    dates: dict[int, date] = field(default_factory=dict)  # resolve_dates: relation index -> date
    # link_entities; read_roles, resolve_references and resolve_quoted_references add to it
    refs: References = field(init=False, repr=False)


Stage = Callable[[DocumentState], None]
