"""The graph's entities: \\describe (an entity card) and \\sources (the sentences behind it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.term import Node

from ...errors import KGError
from ...query.formatting import shorten
from ...query.run import QueryResult
from ..special import Output, special_command, table
from .lookup import Resolved, resolve, sparql_term
from .questions import printed_sparql, quality_filter

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["describe", "sources"]

# --- \describe --------------------------------------------------------------------------------------------

_CARD_SKIP = {"rdf:type", "rdfs:label", "skos:altLabel", "kg:holdsRole", "kg:mentionCount", "kg:documentCount"}
_CARD_NAMES = {"skos:hiddenLabel": "also matches"}  # properties outside the ontology, named for the card

_ROLES = """SELECT ?role ?in WHERE {{
  {e} kg:holdsRole ?r . ?r kg:roleName ?role .
  OPTIONAL {{ ?r kg:roleIn/rdfs:label ?in }}
}}"""

_FACT_PREDICATES = "SELECT DISTINCT ?p WHERE {{ ?fact kg:subject {e} ; kg:predicate ?p }}"

_FACTS = """SELECT ?fact ?p ?other ?content ?polarity ?modality ?place ?when ?sources ?confidence WHERE {{
  ?fact kg:{role} {e} ; kg:predicate ?p ; kg:sourceCount ?sources ; kg:confidence ?confidence .
  FILTER(?p {says} kg:says)
  OPTIONAL {{ ?fact kg:{other} ?other }}
  OPTIONAL {{ ?fact kg:content ?content }}
  OPTIONAL {{ ?fact kg:polarity ?polarity }}
  OPTIONAL {{ ?fact kg:modality ?modality }}
  OPTIONAL {{ ?fact kg:place ?place }}
  OPTIONAL {{ ?fact kg:date ?when }}
{quality}}} ORDER BY DESC(?sources) DESC(?confidence) ?fact"""


@special_command(
    "\\describe",
    "\\describe NAME-OR-IRI",
    "An entity card: types, aliases, roles, facts in and out with their source counts.",
    aliases=("\\d",),
    arg="entity",
    group="Graph",
)
def describe(executor: Executor, argument: str) -> Iterator[Output]:
    found = resolve(executor, argument)
    e = sparql_term(found.iri)
    about = executor.query(f"SELECT ?p ?o WHERE {{ {e} ?p ?o }}", limit=False).rows
    if not about and not executor.query(f"ASK {{ ?s ?p {e} }}").boolean:
        raise KGError(f"Nothing in the store is about {found.name}.")
    if not any(shorten(str(p)) == "kg:mentionCount" for p, _ in about):
        yield from _resource_card(executor, found, e, about)
        return
    yield Output(text=_card(executor, found, e, about), note=found.note)
    labels = executor.metadata.labels
    for title, role, other in (
        ("Facts with it as subject", "subject", "object"),
        ("Facts with it as object", "object", "subject"),
    ):
        rows = executor.query(_FACTS.format(role=role, other=other, e=e, says="!=", quality=quality_filter(executor)))
        if rows.rows:
            yield Output(result=_fact_table(rows, labels, other), title=title, status=_count(rows, "fact"))
        else:
            yield Output(text=f"{title}: none{_below(executor)}\n", status="")
    said = executor.query(
        _FACTS.format(role="subject", other="object", e=e, says="=", quality=quality_filter(executor))
    )
    if said.rows:
        yield Output(
            result=_fact_table(QueryResult("SELECT", said.headers, said.rows[:5]), labels, "object"),
            title="What it said",
            status=_count(said, "statement"),
            note=f"\\said {found.name} lists them all." if len(said.rows) > 5 else None,
        )


def _below(executor: Executor) -> str:
    return " (at this \\set min-sources / min-confidence)" if quality_filter(executor) else ""


def _count(result: QueryResult, word: str) -> str:
    n = len(result.rows)
    return f"{n} {word}{'s' if n != 1 else ''}"


def _card(executor: Executor, found: Resolved, e: str, about: list[tuple[Node | None, ...]]) -> str:
    labels, props = executor.metadata.labels, {t.name: t.label for t in executor.metadata.properties}
    facts = {shorten(str(r[0])) for r in executor.query(_FACT_PREDICATES.format(e=e), limit=False).rows}
    values: dict[str, list[str]] = {}
    for p, o in about:
        text = labels.get(str(o), shorten(str(o))) if isinstance(o, URIRef) else str(o)
        values.setdefault(shorten(str(p)), []).append(text)
    kinds = [labels.get(str(o), shorten(str(o))) for p, o in about if shorten(str(p)) == "rdf:type"]
    lines = [f"{found.label or found.name} ({', '.join(kinds) or 'no type'})  {found.name}"]
    if aliases := values.get("skos:altLabel"):
        lines.append(f"  also called   {_unique(aliases)}")
    roles = executor.query(_ROLES.format(e=e)).rows
    if roles:
        lines.append(f"  roles         {_unique([f'{r}' + (f' ({i})' if i else '') for r, i in roles])}")
    for name, texts in sorted(values.items()):
        if name not in _CARD_SKIP and name not in facts:
            label = props.get(name) or _CARD_NAMES.get(name) or name.split(":", 1)[-1]
            lines.append(f"  {label:<13} {_unique(texts)}")
    mentions, docs = values.get("kg:mentionCount", ["0"])[0], values.get("kg:documentCount", ["0"])[0]
    lines.append(
        f"  mentioned     {mentions} times in {docs} document{'s' if docs != '1' else ''}"
        f" (\\sources {found.name} shows where)"
    )
    return "\n".join(lines) + "\n"


def _unique(texts: list[str]) -> str:
    """'President; president' -> 'President': one of each, ignoring case."""
    seen: dict[str, str] = {}
    for text in sorted(texts, key=lambda t: (t.lower(), not t[:1].isupper())):
        seen.setdefault(text.casefold(), text)
    return "; ".join(seen.values())


def _fact_table(result: QueryResult, labels: dict[str, str], other: str) -> QueryResult:
    rows = []
    for fact, p, obj, content, polarity, modality, place, when, sources, confidence in result.rows:
        verb = labels.get(str(p)) or shorten(str(p)).split(":", 1)[1]
        if polarity is not None and str(polarity).endswith("Negative"):
            verb = f"not {verb}"
        if modality is not None and not str(modality).endswith("Asserted"):
            verb += f" ({str(modality).rsplit('#', 1)[-1].lower()})"
        what = labels.get(str(obj), shorten(str(obj))) if obj is not None else f"“{_clip(str(content or ''), 90)}”"
        context = ", ".join(labels.get(str(x), str(x)) for x in (place, when) if x is not None)
        rows.append((verb, what, context, sources, confidence, fact))
    return table(["predicate", other, "where/when", "sources", "confidence", "fact"], rows, drop_empty=True)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _resource_card(executor: Executor, found: Resolved, e: str, about: list) -> Iterator[Output]:
    """Anything that is not an entity (a class, a property, a fact, a document): its triples, both ways."""
    incoming = executor.query(
        f"SELECT ?subject ?predicate WHERE {{ ?subject ?predicate {e} }} ORDER BY ?predicate ?subject LIMIT 200"
    )
    yield Output(
        result=QueryResult("SELECT", ["predicate", "object"], sorted(about, key=lambda r: str(r[0]))),
        title=found.title,
        status=f"{len(about)} triples out",
    )
    yield Output(
        result=incoming,
        title="Pointing to it",
        status=f"{len(incoming.rows)} triples in",
        note=f"\\sources {found.name} shows its evidence." if found.name.startswith("fact:") else None,
    )


# --- \sources ---------------------------------------------------------------------------------------------

_EVIDENCE = """SELECT ?document ?sentence ?confidence WHERE {{
  {e} kg:evidence ?evidence .
  ?evidence kg:sentence ?s ; kg:inDocument ?doc .
  OPTIONAL {{ ?evidence kg:confidence ?confidence }}
  ?s kg:text ?sentence ; kg:index ?i .
  ?doc dcterms:title ?document .
}} ORDER BY ?document ?i"""

_MENTIONS = """SELECT DISTINCT ?document ?sentence WHERE {{
  ?mention kg:refersTo {e} ; kg:sentence ?s .
  ?s kg:text ?sentence ; kg:index ?i ; kg:inDocument ?doc .
  ?doc dcterms:title ?document .
}} ORDER BY ?document ?i"""


@special_command(
    "\\sources",
    "\\sources NAME-OR-IRI",
    "The sentences and documents behind an entity, a fact or a role.",
    arg="entity",
    group="Graph",
)
def sources(executor: Executor, argument: str) -> Iterator[Output]:
    found = resolve(executor, argument)
    e = sparql_term(found.iri)
    has_evidence = executor.query(f"ASK {{ {e} kg:evidence ?x }}").boolean
    sparql = (_EVIDENCE if has_evidence else _MENTIONS).format(e=e)
    result = executor.query(sparql)
    documents = len({row[0] for row in result.rows})
    status = f"{len(result.rows)} sentence{'s' if len(result.rows) != 1 else ''} in {documents} document" + (
        "s" if documents != 1 else ""
    )
    yield Output(
        result=result,
        title=found.title,
        sparql=printed_sparql(executor, sparql),
        status=status,
        note=found.note,
    )
