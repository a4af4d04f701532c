"""The questions news readers ask most: \\timeline \\met \\said \\why \\path. Each prints the SPARQL it
runs, so that users learn to write their own, and honours `\\set min-sources` and `\\set min-confidence`."""

from __future__ import annotations

import itertools
import shlex
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import KGError
from ...query.formatting import shorten
from ..special import Output, special_command
from .lookup import Resolved, resolve, resolve_property, sparql_term

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = [
    "MET",
    "SAID",
    "TIMELINE",
    "WHY",
    "met",
    "path",
    "printed_sparql",
    "quality_filter",
    "said",
    "timeline",
    "why",
]

# Written for Oxigraph's planner: the entity comes first as a constant, and each OPTIONAL is one triple
# pattern (an OPTIONAL holding a path or two patterns is evaluated for every fact in the store).
TIMELINE = """# {label}: facts and events in date order (undated ones by article and position), with sources
SELECT ?when ?subject ?predicate ?object ?sources (SAMPLE(?title) AS ?document) WHERE {{
  ?fact kg:subject|kg:object|kg:participant {e} .
  ?fact kg:subject/rdfs:label ?subject ; kg:predicate ?p ;
        kg:sourceCount ?sources ; kg:confidence ?confidence ;
        kg:evidence ?evidence .
  ?evidence kg:inDocument ?doc .
  ?doc dcterms:title ?title .
  OPTIONAL {{ ?evidence kg:startChar ?position }}
  OPTIONAL {{ ?p rdfs:label ?verb }}
  OPTIONAL {{ ?fact kg:object ?thing }}
  OPTIONAL {{ ?fact kg:content ?said }}
  OPTIONAL {{ ?fact kg:date ?date }}
  OPTIONAL {{ ?fact kg:timeText ?time }}
  OPTIONAL {{ ?doc dcterms:date ?published }}
  BIND(COALESCE(?verb, STR(?p)) AS ?predicate)
  BIND(COALESCE(?thing, CONCAT("“", ?said, "”"), "") AS ?object)
  BIND(COALESCE(STR(?date), ?time, "") AS ?when)
{quality}}}
GROUP BY ?fact ?date ?when ?subject ?predicate ?object ?sources
ORDER BY (!BOUND(?date)) ?date MIN(?published) MIN(?title) MIN(?position)"""

MET = """# Who {label} met or spoke with, where and when
SELECT ?with ?how ?where ?when ?sources (SAMPLE(?title) AS ?document) WHERE {{
  ?fact kg:subject|kg:object|kg:participant {e} ;
        kg:subject|kg:object|kg:participant ?with ;
        kg:predicate ?p ; kg:sourceCount ?sources ; kg:confidence ?confidence ;
        kg:evidence/kg:inDocument/dcterms:title ?title .
  FILTER(?p IN (kg:meets, kg:speaksWith, kg:negotiatesWith, kg:visits) && ?with != {e})
  ?p rdfs:label ?how .
  OPTIONAL {{ ?fact kg:place ?where }}
  OPTIONAL {{ ?fact kg:date ?date }}
  OPTIONAL {{ ?fact kg:timeText ?time }}
  BIND(COALESCE(STR(?date), ?time) AS ?when)
{quality}}}
GROUP BY ?with ?how ?where ?when ?sources
ORDER BY DESC(?sources) ?with"""

SAID = """# What {label} said: quotes (kg:Quote) and reported claims (kg:Statement)
SELECT ?kind ?verb ?what (GROUP_CONCAT(DISTINCT ?topic; SEPARATOR=", ") AS ?about) ?sources
       (SAMPLE(?title) AS ?document) WHERE {{
  ?fact kg:subject {e} ; kg:predicate kg:says ; kg:content ?what ; a ?class ;
        kg:sourceCount ?sources ; kg:confidence ?confidence ;
        kg:evidence/kg:inDocument/dcterms:title ?title .
  FILTER(?class IN (kg:Quote, kg:Statement))
  ?class rdfs:label ?kind .
  OPTIONAL {{ ?fact kg:verb ?verb }}
  OPTIONAL {{ ?fact kg:about ?t . ?t rdfs:label ?topic }}
{quality}}}
GROUP BY ?fact ?kind ?verb ?what ?sources
ORDER BY ?kind DESC(?sources) ?what"""

WHY = """# Why does the graph say: {s} {p} {o}?
SELECT ?sentence ?document ?confidence ?sources WHERE {{
  ?fact kg:subject {s} ; kg:predicate {p} ; kg:object {o} ;
        kg:sourceCount ?sources ; kg:confidence ?factConfidence ;
        kg:evidence ?evidence .
  ?evidence kg:sentence/kg:text ?sentence ; kg:inDocument/dcterms:title ?document .
  OPTIONAL {{ ?evidence kg:confidence ?evidenceConfidence }}
  BIND(COALESCE(?evidenceConfidence, ?factConfidence) AS ?confidence)
{quality}}}
ORDER BY ?document"""

_EDGE = "kg:subject|kg:object|kg:participant|kg:about"
_HOP_LIMIT = 3


def quality_filter(executor: Executor, sources: str = "?sources", confidence: str = "?confidence") -> str:
    """The FILTER line for \\set min-sources / min-confidence ('' at the defaults)."""
    tests = []
    if executor.settings.min_sources > 1:
        tests.append(f"{sources} >= {executor.settings.min_sources}")
    if executor.settings.min_confidence > 0:
        tests.append(f"{confidence} >= {executor.settings.min_confidence}")
    return f"  FILTER({' && '.join(tests)})\n" if tests else ""


def printed_sparql(executor: Executor, sparql: str) -> str | None:
    """The SPARQL to print above a result (none with \\set show-sparql off)."""
    return sparql if executor.settings.show_sparql else None


def _template(executor: Executor, sparql: str, found: Resolved | None = None) -> Output:
    result = executor.query(sparql)
    return Output(result=result, sparql=printed_sparql(executor, sparql), note=found.note if found else None)


def _about_one(executor: Executor, argument: str, command: str, template: str) -> Output:
    """A question about one entity: `template` filled with its name, its IRI and the quality filter."""
    if not argument:
        raise KGError(f"Usage: {command} NAME, e.g. {command} Lavrov (Tab completes names).")
    found = resolve(executor, argument)
    label, e = found.label or found.name, sparql_term(found.iri)
    return _template(executor, template.format(label=label, e=e, quality=quality_filter(executor)), found)


@special_command(
    "\\timeline",
    "\\timeline NAME",
    "The entity's facts and events in date order, with sources.",
    arg="entity",
    group="Questions",
)
def timeline(executor: Executor, argument: str) -> Iterator[Output]:
    yield _about_one(executor, argument, "\\timeline", TIMELINE)


@special_command(
    "\\met", "\\met NAME", "Who the entity met or spoke with, where and when.", arg="entity", group="Questions"
)
def met(executor: Executor, argument: str) -> Iterator[Output]:
    yield _about_one(executor, argument, "\\met", MET)


@special_command("\\said", "\\said NAME", "The entity's quotes and claims.", arg="entity", group="Questions")
def said(executor: Executor, argument: str) -> Iterator[Output]:
    yield _about_one(executor, argument, "\\said", SAID)


def _split(argument: str, count: int, usage: str) -> list[str]:
    try:
        parts = shlex.split(argument)
    except ValueError as e:
        raise KGError(f"{e}. Usage: {usage}") from None
    if len(parts) != count:
        raise KGError(f'Usage: {usage} (quote names with spaces: "Joe Biden", or use ent: names).')
    return parts


@special_command(
    "\\why",
    "\\why SUBJECT PREDICATE OBJECT",
    "The sentences, documents, confidence and source count behind one fact.",
    arg="why",
    group="Questions",
)
def why(executor: Executor, argument: str) -> Iterator[Output]:
    subject_text, predicate_text, object_text = _split(argument, 3, "\\why SUBJECT PREDICATE OBJECT")
    subject, obj = resolve(executor, subject_text), resolve(executor, object_text)
    p = sparql_term(resolve_property(executor, predicate_text))
    s, o = sparql_term(subject.iri), sparql_term(obj.iri)
    sparql = WHY.format(s=s, p=p, o=o, quality=quality_filter(executor))
    output = _template(executor, sparql)
    if not output.result or not output.result.rows:
        output.note = _why_not(executor, s, p, o)
    yield output


def _why_not(executor: Executor, s: str, p: str, o: str) -> str:
    """Why \\why found nothing: the filters, the other direction, or other facts between the two."""
    if quality_filter(executor) and executor.query(WHY.format(s=s, p=p, o=o, quality="")).rows:
        return "A fact matches, but below \\set min-sources / min-confidence; lower them to see it."
    if executor.query(f"ASK {{ ?f kg:subject {o} ; kg:predicate {p} ; kg:object {s} }}").boolean:
        return f"No such fact, but the reverse is in the graph: \\why {o} {p} {s}"
    between = executor.query(
        f"SELECT DISTINCT ?p WHERE {{ {{ ?f kg:subject {s} ; kg:object {o} }} UNION "
        f"{{ ?f kg:subject {o} ; kg:object {s} }} ?f kg:predicate ?p }}"
    ).rows
    if between:
        return f"No such fact. Facts between them use: {', '.join(shorten(str(r[0])) for r in between)}"
    return f"No fact links {s} and {o}. \\path {s} {o} looks for a connection through others."


def _path_query(a: str, b: str, hops: int, quality: str) -> str:
    """Chains of `hops` facts from a to b; a fact links its subject, object, participants and topics."""
    lines = [f"# How {a} and {b} are connected through {hops} fact{'s' if hops > 1 else ''}"]
    facts = [f"?fact{i}" for i in range(1, hops + 1)]
    via = [f"?via{i}" for i in range(1, hops)]
    chain = [v for pair in zip(facts, [*via, ""], strict=True) for v in pair if v]  # ?fact1 ?via1 ?fact2 …
    lines.append(f"SELECT {' '.join(chain)} WHERE {{")
    ends = [a, *via, b]
    for i, fact in enumerate(facts):
        lines.append(f"  {fact} {_EDGE} {ends[i]} , {ends[i + 1]} .")
        if quality:
            n = i + 1
            lines.append(f"  {fact} kg:sourceCount ?sources{n} ; kg:confidence ?confidence{n} .")
            lines.append(
                quality.replace("?sources", f"?sources{n}").replace("?confidence", f"?confidence{n}").rstrip("\n")
            )
    for v in via:
        lines.append(f"  {v} a ?{v[1:]}Type . FILTER({v} != {a} && {v} != {b} && ?{v[1:]}Type != kg:Concept)")
    if len(facts) > 1:
        lines.append(f"  FILTER({' && '.join(f'{x} != {y}' for x, y in itertools.pairwise(facts))})")
    lines.append("}\nLIMIT 20")
    return "\n".join(lines)


@special_command(
    "\\path",
    "\\path NAME NAME",
    "How two entities are connected (up to three facts apart).",
    arg="entity2",
    group="Questions",
)
def path(executor: Executor, argument: str) -> Iterator[Output]:
    first, second = (resolve(executor, t) for t in _split(argument, 2, "\\path NAME NAME"))
    a, b = sparql_term(first.iri), sparql_term(second.iri)
    if a == b:
        raise KGError("Those are the same entity.")
    quality = quality_filter(executor)
    for hops in range(1, _HOP_LIMIT + 1):
        sparql = _path_query(a, b, hops, quality)
        result = executor.query(sparql)
        if result.rows or hops == _HOP_LIMIT:
            note = None if result.rows else f"No connection within {_HOP_LIMIT} facts."
            yield Output(
                result=result,
                sparql=printed_sparql(executor, sparql),
                note=note,
                title=f"{first.label or a} … {second.label or b}",
            )
            return
