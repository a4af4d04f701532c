"""The questions news readers ask most: \\timeline \\met \\said \\why (\\path and \\around are in
`connections`). Each prints the SPARQL it runs, so that users learn to write their own, and honours
`\\set min-sources` and `\\set min-confidence`."""

from __future__ import annotations

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
    "SAID_ABOUT",
    "TIMELINE",
    "WHY",
    "met",
    "printed_sparql",
    "quality_filter",
    "said",
    "split_arguments",
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

SAID_ABOUT = """# What others said about {label}: quotes and claims whose topic it is, not its own words
SELECT ?speaker ?kind ?verb ?what ?sources (SAMPLE(?title) AS ?document) WHERE {{
  ?fact kg:about {e} ; kg:predicate kg:says ; kg:content ?what ; a ?class ;
        kg:sourceCount ?sources ; kg:confidence ?confidence ;
        kg:evidence/kg:inDocument/dcterms:title ?title .
  FILTER(?class IN (kg:Quote, kg:Statement))
  ?class rdfs:label ?kind .
  OPTIONAL {{ ?fact kg:subject ?who . ?who rdfs:label ?name }}
  FILTER(!BOUND(?who) || ?who != {e})
  OPTIONAL {{ ?fact kg:verb ?verb }}
  BIND(COALESCE(?name, "(unnamed)") AS ?speaker)
{quality}}}
GROUP BY ?fact ?speaker ?kind ?verb ?what ?sources
ORDER BY DESC(?sources) ?speaker ?what"""

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


@special_command(
    "\\said",
    "\\said [about] NAME",
    "The entity's quotes and claims; with 'about', what others said about it.",
    arg="entity",
    group="Questions",
)
def said(executor: Executor, argument: str) -> Iterator[Output]:
    first, _, rest = argument.partition(" ")
    if first.lower() == "about":
        yield _about_one(executor, rest.strip(), "\\said about", SAID_ABOUT)
        return
    yield _about_one(executor, argument, "\\said", SAID)


def split_arguments(argument: str, count: int, usage: str) -> list[str]:
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
    subject_text, predicate_text, object_text = split_arguments(argument, 3, "\\why SUBJECT PREDICATE OBJECT")
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
