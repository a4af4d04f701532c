"""The graph as a whole: \\classes \\properties \\prefixes \\stats \\explain \\load."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import Literal
from rdflib.term import Node

from ...errors import KGError
from ...query.run import strip_terminator
from ...rdf.ontology import PREFIXES
from ..special import Output, special_command, table

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["classes", "explain", "explain_text", "load", "prefixes", "properties", "stats"]


@special_command("\\classes", "\\classes", "Classes with their number of instances.", aliases=("\\dc",), group="Graph")
def classes(executor: Executor, argument: str) -> Iterator[Output]:
    meta = executor.wait_metadata()
    rows = [(t.name, t.label, t.count) for t in meta.classes if t.count or t.declared]
    yield Output(result=table(["class", "label", "instances"], rows), status=f"{len(rows)} classes")


@special_command(
    "\\properties", "\\properties", "Properties with how often the data uses them.", aliases=("\\dp",), group="Graph"
)
def properties(executor: Executor, argument: str) -> Iterator[Output]:
    meta = executor.wait_metadata()
    rows = [
        (t.name, t.label, t.count, "kg ontology" if t.declared else "")
        for t in meta.properties
        if t.count or t.declared
    ]
    yield Output(result=table(["property", "label", "uses", "declared in"], rows), status=f"{len(rows)} properties")


@special_command(
    "\\prefixes",
    "\\prefixes",
    "The predeclared prefixes (PREFIX lines in a query still work).",
    aliases=("\\p",),
    group="Graph",
)
def prefixes(executor: Executor, argument: str) -> Iterator[Output]:
    rows = list(PREFIXES.items())
    yield Output(result=table(["prefix", "namespace"], rows), status=f"{len(rows)} prefixes")


_STATS = """SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?sentence) AS ?sentences)
  (COUNT(DISTINCT ?entity) AS ?entities) (COUNT(DISTINCT ?fact) AS ?facts)
  (COUNT(DISTINCT ?statement) AS ?statements) (COUNT(DISTINCT ?concept) AS ?concepts)
WHERE {
  { ?doc a kg:Document } UNION { ?sentence a kg:Sentence } UNION { ?entity kg:mentionCount ?n }
  UNION { ?fact kg:predicate ?p FILTER(?p != kg:says) } UNION { ?statement kg:predicate kg:says }
  UNION { ?concept a kg:Concept }
}"""


@special_command(
    "\\stats", "\\stats", "How big the graph is: triples, documents, entities, facts, classes.", group="Graph"
)
def stats(executor: Executor, argument: str) -> Iterator[Output]:
    from ...query.stats import class_counts

    counts = executor.query(_STATS)
    rows = [("triples", executor.store.triple_count())]
    rows += [(h, _number(v)) for h, v in zip(counts.headers, counts.rows[0], strict=True)]
    yield Output(result=table(["what", "count"], rows), title=f"Store {executor.location}", status="")
    yield Output(result=class_counts(executor.store), title="Instances per class")


# --- \explain ---------------------------------------------------------------------------------------------


def explain_text(executor: Executor, sparql: str) -> str:
    """The SPARQL algebra of the query, and how many triples each of its triple patterns matches.

    pyoxigraph does not expose Oxigraph's own plan, so this is the logical plan (from rdflib's parser)
    plus the cardinalities that decide the join order.
    """
    from rdflib.plugins.sparql.algebra import pprintAlgebra, translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        query = translateQuery(parseQuery(sparql), initNs=PREFIXES)
    except Exception as e:
        raise KGError(f"Cannot explain this query: {str(e).splitlines()[0]}") from None
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        pprintAlgebra(query)
    lines = [
        "Logical plan (SPARQL algebra):",
        _readable(buffer.getvalue()),
        "",
        "Triple patterns, and how many triples each matches on its own:",
    ]
    for triple in _patterns(query.algebra):
        text = " ".join(_n3(t) for t in triple)
        lines.append(f"  {_pattern_count(executor, text):>10}  {text}")
    return "\n".join(lines) + "\n"


def _n3(term: object) -> str:
    from rdflib import URIRef, Variable

    from ...query.formatting import shorten

    if isinstance(term, URIRef):
        name = shorten(str(term))
        return "a" if name == "rdf:type" else name
    if isinstance(term, Variable):
        return f"?{term}"
    return term.n3() if isinstance(term, Node) else str(term)


def _patterns(node: object) -> Iterator[tuple]:
    """Every triple pattern in the algebra tree, in order."""
    if isinstance(node, dict):
        if getattr(node, "name", "") == "BGP":
            yield from node["triples"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _patterns(value)


_TERM_REPR = re.compile(r"rdflib\.term\.(URIRef|Variable|Literal)\('((?:[^'\\]|\\.)*)'(?:, datatype=[^)]*\))?\)")


def _readable(algebra: str) -> str:
    """pprintAlgebra's output with terms as in SPARQL: ?p, kg:Person, "text"."""
    from rdflib import URIRef

    def term(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "Variable":
            return f"?{value}"
        return _n3(URIRef(value)) if kind == "URIRef" else f'"{value}"'

    lines = [_TERM_REPR.sub(term, line.rstrip()) for line in algebra.splitlines() if line.strip()]
    lines = [line for line in lines if "_vars" not in line and "datasetClause" not in line]
    return "\n".join(lines[:80]) + ("\n  …" if len(lines) > 80 else "")


def _pattern_count(executor: Executor, triple: str) -> str:
    try:
        result = executor.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {triple} }}", limit=False)
    except KGError:
        return "?"
    return f"{_number(result.rows[0][0]):,}" if result.rows and result.rows[0][0] is not None else "?"


@special_command(
    "\\explain",
    "\\explain [QUERY]",
    "The query plan (of the last query if none is given): its algebra, and what each pattern matches.",
    arg="query",
    group="Graph",
)
def explain(executor: Executor, argument: str) -> Iterator[Output]:
    sparql = strip_terminator(argument) or executor.last_query
    if not sparql:
        raise KGError("Usage: \\explain QUERY (or run a query first: \\explain alone explains the last one).")
    yield Output(text=explain_text(executor, sparql))


# --- \load ------------------------------------------------------------------------------------------------


@special_command(
    "\\load",
    "\\load PATH...",
    "Build more articles (files, folders, saved pages, news dumps) into the store.",
    arg="path",
    group="Graph",
)
def load(executor: Executor, argument: str) -> Iterator[Output]:
    import shlex

    from ..loading import build_into

    if executor.read_only:
        raise KGError(f"Cannot load into this store: {executor.read_only}")
    paths = shlex.split(argument)
    if not paths:
        raise KGError("Usage: \\load PATH... (articles, saved pages, news dumps, or folders of them).")
    report = build_into(executor.store, paths)
    executor.refresh()
    yield Output(text=report)


def _number(value: Node | None) -> int:
    """A count in a result row (0 when unbound)."""
    return int(value.toPython()) if isinstance(value, Literal) else 0
