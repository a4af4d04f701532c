"""Counts that summarise a graph: instances per class, uses per property; and whether a build left it
unfinished."""

from __future__ import annotations

from ..rdf.ontology import PENDING, PENDING_DOCUMENT, sparql_prologue
from ..store.base import Store
from .run import QueryResult, run_query

__all__ = ["class_counts", "property_counts", "store_is_empty", "unfinished_build"]

_CLASSES = """SELECT ?class (COUNT(?s) AS ?instances) WHERE { ?s a ?class .
  FILTER(!STRSTARTS(STR(?class), "http://www.w3.org/2002/07/owl#")
         && !STRSTARTS(STR(?class), "http://www.w3.org/2000/01/rdf-schema#")
         && !(?class IN (kg:Polarity, kg:Modality, kg:Tense)))
} GROUP BY ?class ORDER BY DESC(?instances) ?class"""

_PROPERTIES = """SELECT ?property (COUNT(*) AS ?uses) WHERE { ?s ?property ?o .
  FILTER(!STRSTARTS(STR(?s), "https://kg.example.org/ontology"))
} GROUP BY ?property ORDER BY DESC(?uses) ?property"""


def class_counts(store: Store) -> QueryResult:
    return run_query(store, sparql_prologue() + _CLASSES)


def property_counts(store: Store) -> QueryResult:
    """Uses of each property in the data (the ontology's own triples are not counted)."""
    return run_query(store, sparql_prologue() + _PROPERTIES)


def store_is_empty(store: Store) -> bool:
    """True when no document has been built into the store (the ontology alone does not count)."""
    return not run_query(store, sparql_prologue() + "ASK { ?d a kg:Document }").boolean


def unfinished_build(store: Store) -> str | None:
    """A warning when a build's write was cut off (killed, or the disk filled) and not finished since: the
    documents its markers name are in the store without the counts and values derived from them."""
    rows = store.values(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {PENDING} {PENDING_DOCUMENT} ?d }}")
    count = int(rows[0][0] or 0) if rows else 0
    if not count:
        return None
    return (
        f"Store '{store.location}' holds an unfinished build: the write of {count} document(s) was cut off "
        "(a killed kg build, or a full disk), so counts and sources may be wrong. "
        "Run the same kg build command again to finish it."
    )
