"""One result type for every query form (`QueryResult`), and the converters that fill it from pyoxigraph's
answers and from rdflib's.

Light on purpose: the stores build their answers with it, so it imports nothing from `kg.store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..rdf.ontology import PREFIXES

__all__ = [
    "QueryResult",
    "from_oxigraph",
    "literal_values",
    "prefixed_graph",
    "rdflib_result",
    "solutions_result",
    "triples_result",
]


@dataclass(slots=True)
class QueryResult:
    kind: str  # SELECT | ASK | CONSTRUCT | DESCRIBE | UPDATE
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    seconds: float = 0.0
    truncated: bool = False  # the query had more rows (or triples) than were fetched

    @property
    def status(self) -> str:
        if self.kind == "ASK":
            return f"ASK: {'yes' if self.boolean else 'no'}"
        more = ", more not fetched" if self.truncated else ""
        if self.graph is not None:
            return f"{self.kind}: {_plural(len(self.graph), 'triple')}{more}"
        if self.kind == "UPDATE":
            return "UPDATE: done"
        return _plural(len(self.rows), "row") + more


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def solutions_result(solutions: Any, max_rows: int | None) -> QueryResult:
    """pyoxigraph QuerySolutions as a QueryResult of rdflib terms (at most max_rows of them)."""
    headers = [v.value for v in solutions.variables]
    rows, truncated = _take((tuple(from_oxigraph(t) for t in s) for s in solutions), max_rows)
    return QueryResult("SELECT", headers=headers, rows=rows, truncated=truncated)


def triples_result(triples: Iterable[Any], max_rows: int | None) -> QueryResult:
    """pyoxigraph triples as a CONSTRUCT QueryResult holding an rdflib graph (at most max_rows triples)."""
    graph = prefixed_graph()
    taken, truncated = _take(
        ((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in triples), max_rows
    )
    graph += taken
    return QueryResult("CONSTRUCT", graph=graph, truncated=truncated)


def rdflib_result(result: Any, max_rows: int | None) -> QueryResult:
    """An rdflib query Result as a QueryResult (at most max_rows rows)."""
    if result.type == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        graph = prefixed_graph()
        graph += result.graph
        return QueryResult("CONSTRUCT", graph=graph)
    rows, truncated = _take((tuple(row) for row in result), max_rows)
    return QueryResult("SELECT", headers=[str(v) for v in result.vars or []], rows=rows, truncated=truncated)


def _take(items: Iterator[Any], limit: int | None) -> tuple[list[Any], bool]:
    out: list[Any] = []
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


def prefixed_graph() -> Graph:
    """An empty rdflib graph with kg's prefixes bound."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_oxigraph(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals)."""
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    return Literal(str(term))  # an RDF-star quoted triple: shown as text


def literal_values(rows: list[tuple[Node | None, ...]]) -> Iterator[tuple]:
    """Plain Python values of result rows (str for IRIs, Python values for literals)."""
    for row in rows:
        yield tuple(v.toPython() if isinstance(v, Literal) else str(v) if isinstance(v, URIRef) else v for v in row)
