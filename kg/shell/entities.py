"""Finding an entity by name, `\\describe` (an entity card) and `\\sources` (the sentences behind it)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..errors import KGError
from ..query.formatting import shorten
from ..query.run import QueryResult
from ..rdf.ontology import PREFIXES
from .special import Output, special_command

if TYPE_CHECKING:
    from .executor import Executor

__all__ = ["Resolved", "quality_filter", "resolve", "sparql_term", "table"]


@dataclass(frozen=True, slots=True)
class Resolved:
    iri: str
    label: str = ""
    kind: str = ""
    others: tuple[str, ...] = ()  # other entities the name also matched

    @property
    def name(self) -> str:
        return shorten(self.iri)

    @property
    def title(self) -> str:
        kind = f" ({self.kind})" if self.kind else ""
        return f"{self.label}{kind}  {self.name}" if self.label else self.name

    @property
    def note(self) -> str | None:
        return (
            f"'{self.label}' was the best match; the name also matches {', '.join(self.others)}."
            if self.others
            else None
        )


def sparql_term(iri: str) -> str:
    """How an IRI is written in SPARQL we print: a prefixed name when one fits."""
    name = shorten(iri)
    return name if not name.startswith("<") else f"<{iri}>"


def _expand(text: str) -> str | None:
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and " " not in text and prefix in PREFIXES and local:
        return PREFIXES[prefix] + local
    if text.startswith(("http://", "https://")):
        return text
    return None


def resolve(executor: Executor, text: str) -> Resolved:
    """An IRI, a prefixed name, or (part of) a name or alias: 'Lavrov', 'sergey lavrov', 'ent:sergey-lavrov'."""
    text = text.strip().strip("\"'“”").strip()
    if not text:
        raise KGError("Which entity? Give a name or an IRI, e.g. Lavrov or ent:sergey-lavrov (Tab completes).")
    meta = executor.wait_metadata()
    iri = _expand(text)
    if iri is not None:
        known = next((e for e in meta.entities if e.iri == iri), None)
        return Resolved(iri, known.label, known.kind) if known else Resolved(iri, meta.labels.get(iri, ""))
    hits = meta.index.search(text, 8)
    if not hits:
        close = difflib.get_close_matches(text, [e.label for e in meta.entities], n=3, cutoff=0.6)
        hint = f" Did you mean {', '.join(close)}?" if close else " Tab after the command completes names."
        raise KGError(f"No entity is called '{text}'.{hint}")
    best = hits[0][0]
    top = [e for tier, e in hits if tier == best]
    chosen = top[0]
    others = tuple(f"{e.label} ({e.name})" for e in top[1:4]) if best > 0 else ()
    return Resolved(chosen.iri, chosen.label, chosen.kind, others)


def quality_filter(executor: Executor, sources: str = "?sources", confidence: str = "?confidence") -> str:
    """The FILTER line for \\set min-sources / min-confidence ('' at the defaults)."""
    tests = []
    if executor.settings.min_sources > 1:
        tests.append(f"{sources} >= {executor.settings.min_sources}")
    if executor.settings.min_confidence > 0:
        tests.append(f"{confidence} >= {executor.settings.min_confidence}")
    return f"  FILTER({' && '.join(tests)})\n" if tests else ""


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, drop_empty: bool = False) -> QueryResult:
    """A QueryResult built in Python (numbers stay numbers, so they align right); `drop_empty` leaves out
    the columns that have nothing in any row."""

    def cell(value: object) -> Node | None:
        if value is None or isinstance(value, Node):
            return value  # type: ignore[return-value]
        return Literal(value)

    keep = [i for i in range(len(headers)) if not drop_empty or any(row[i] not in (None, "") for row in rows)]
    return QueryResult("SELECT", [headers[i] for i in keep], [tuple(cell(row[i]) for i in keep) for row in rows])


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
        sparql=sparql if executor.settings.show_sparql else None,
        status=status,
        note=found.note,
    )
