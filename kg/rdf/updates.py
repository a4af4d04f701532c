"""The text of the SPARQL updates the build sends: data in and out, the derived values' deletes, the markers of
a batch being written, removing documents, and the ontology.

Terms are N-Triples text (kg/rdf/terms.py), so an update is made by joining strings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .ontology import ONTOLOGY_IRI, PENDING, PENDING_DOCUMENT, load_ontology, ontology_text
from .terms import ALT_LABEL, HIDDEN_LABEL, LABEL, TYPE, K, Term, Triple, iri, text
from .triples import DocumentTriples

__all__ = [
    "CLEAR_PENDING",
    "COLLECT_ORPHANS",
    "ENTITY_DERIVED",
    "FACT_DERIVED",
    "PENDING",
    "PENDING_DOCUMENT",
    "PERSON_DERIVED",
    "REFRESH_ROLES",
    "REMOVE_DOCUMENTS",
    "UNSETTLED",
    "VALUES_CHUNK",
    "delete_data",
    "delete_entity_values",
    "delete_values",
    "insert_data",
    "markers",
    "node_term",
    "ntriples",
    "ontology_marker",
    "replace_ontology",
    "values_block",
]

# The values derived from all sources, deleted and written again when a batch touches their subject.
ENTITY_DERIVED = (
    TYPE,
    LABEL,
    ALT_LABEL,
    HIDDEN_LABEL,
    K.demonym,
    K.mentionCount,
    K.documentCount,
    K.countryCode,
    K.inCountry,
)
FACT_DERIVED = (K.sourceCount, K.confidence)
PERSON_DERIVED = (K.jobTitle, K.worksFor, K.nationality)
VALUES_CHUNK = 2000  # subjects per VALUES block

# Markers (PENDING, PENDING_DOCUMENT: kg/rdf/ontology.py, which readers import without the build's modules) name
# a batch's documents while it is written in more than one step (bulk loads, or requests split to an endpoint's
# size limit); a build that finds them removes what they name first (see GraphWriter.prepare).
CLEAR_PENDING = f"DELETE WHERE {{ {PENDING} {PENDING_DOCUMENT} ?d }}"
# The store was written since its entities were last resolved as a whole (see kg/build/reconcile.py).
UNSETTLED = ("<https://kg.example.org/build#store>", "<https://kg.example.org/build#unsettled>", '"true"')


def ntriples(triples: Iterable[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def insert_data(triples: Iterable[Triple]) -> str:
    body = ntriples(dict.fromkeys(triples))
    return f"INSERT DATA {{\n{body}}}" if body else ""


def delete_data(triples: Iterable[Triple]) -> str:
    return insert_data(triples).replace("INSERT DATA", "DELETE DATA", 1)


def markers(parts: list[DocumentTriples]) -> list[Triple]:
    """The triples naming a batch's documents while it is being written."""
    return [(PENDING, PENDING_DOCUMENT, part.document) for part in parts]


def values_block(nodes: Iterable[Term]) -> str:
    """The body of a VALUES block: the terms, once each, sorted."""
    return " ".join(sorted(set(nodes)))


def delete_entity_values(entities: Iterable[Term]) -> list[str]:
    """Deletes of the derived values of these entities (what the articles state, such as a city's kg:locatedIn,
    is a fact of its own and stays)."""
    return delete_values(set(entities), ENTITY_DERIVED)


def delete_values(subjects: Iterable[Term], predicates: Iterable[Term], unless: str = "") -> list[str]:
    """Deletes of the subjects' values of these predicates, except where the pattern `unless` (over ?s ?p ?o)
    matches."""
    subjects = sorted(set(subjects))
    predicates = list(predicates)
    if len(predicates) == 1:  # in the pattern: only its triples are read, and tested against `unless`
        triples = f"?s {predicates[0]} ?o BIND({predicates[0]} AS ?p)"
    else:
        # subjects first, predicates as a filter: Oxigraph then reads only these subjects' triples (a second
        # VALUES for ?p made it scan the whole store: 1.2 s per batch at 600,000 triples, and growing)
        triples = f"?s ?p ?o FILTER(?p IN ({', '.join(predicates)}))"
    keep = f" FILTER NOT EXISTS {{ {unless} }}" if unless else ""
    out = []
    for i in range(0, len(subjects), VALUES_CHUNK):
        chunk = " ".join(subjects[i : i + VALUES_CHUNK])
        out.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {chunk} }} {triples}{keep} }}")
    return out


# --- removing documents (a changed file replaces its old version) -----------------------------------------

REMOVE_DOCUMENTS = """
DELETE {{ ?m ?p ?o }} WHERE {{ VALUES ?d {{ {docs} }} ?s kg:inDocument ?d . ?m kg:sentence ?s ; a kg:Mention ; ?p ?o }};
DELETE {{ ?f kg:evidence ?e }} WHERE {{ VALUES ?d {{ {docs} }} ?e kg:inDocument ?d . ?f kg:evidence ?e }};
DELETE {{ ?x ?p ?o }} WHERE {{ VALUES ?d {{ {docs} }} ?x kg:inDocument ?d ; ?p ?o }};
DELETE {{ ?d ?p ?o }} WHERE {{ VALUES ?d {{ {docs} }} ?d ?p ?o }}
"""
# Facts and roles left with no evidence go, with the direct triples only they supported.
COLLECT_ORPHANS = """
DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?f {{ {facts} }} FILTER NOT EXISTS {{ ?f kg:evidence ?any }}
  ?f kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:polarity kg:Positive ; kg:modality kg:Asserted }};
DELETE {{ ?person kg:holdsRole ?f }} WHERE {{ VALUES ?f {{ {facts} }} FILTER NOT EXISTS {{ ?f kg:evidence ?any }}
  ?person kg:holdsRole ?f }};
DELETE {{ ?f ?p ?o }} WHERE {{ VALUES ?f {{ {facts} }} FILTER NOT EXISTS {{ ?f kg:evidence ?any }} ?f ?p ?o }};
DELETE {{ ?c ?p ?o }} WHERE {{ ?c a kg:Concept ; ?p ?o FILTER NOT EXISTS {{ ?f kg:object|kg:about ?c }} }}
"""
# A person's title and employer are read off the roles that remain.
REFRESH_ROLES = """
DELETE {{ ?p ?r ?o }} WHERE {{ VALUES ?p {{ {people} }} VALUES ?r {{ kg:jobTitle kg:worksFor kg:nationality }}
  ?p ?r ?o }};
INSERT {{ ?p kg:jobTitle ?t }} WHERE {{ VALUES ?p {{ {people} }} ?p kg:holdsRole/kg:roleName ?t }};
INSERT {{ ?p kg:worksFor ?o }} WHERE {{ VALUES ?p {{ {people} }} ?p kg:holdsRole/kg:roleIn ?o .
  ?o a kg:Organization }};
INSERT {{ ?p kg:nationality ?o }} WHERE {{ VALUES ?p {{ {people} }} ?p kg:holdsRole/kg:roleIn ?o . ?o a kg:Country }}
"""


# --- the ontology -----------------------------------------------------------------------------------------


def ontology_marker() -> Triple:
    """The triple that says which version of the ontology the store holds (the hash of its text)."""
    digest = hashlib.sha256(ontology_text().encode()).hexdigest()
    return (iri(ONTOLOGY_IRI), K.contentHash, text(digest))


def replace_ontology() -> str:
    """An update that replaces the ontology's terms in the store with this version's, and its marker."""
    old_terms = f"DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {text(ONTOLOGY_IRI)})) }}"
    ontology = [(node_term(s), node_term(p), node_term(o)) for s, p, o in load_ontology()]
    return old_terms + ";\n" + insert_data([*ontology, ontology_marker()])


def node_term(node: Node) -> Term:
    """An rdflib term (the ontology's, or a query result's) as N-Triples text."""
    if isinstance(node, URIRef):
        return iri(node)
    if isinstance(node, Literal) and node.language is None and node.datatype is None:
        return text(str(node))
    assert isinstance(node, BNode | Literal)
    return node.n3()
