"""RDF terms as N-Triples text: what the build writes, made without rdflib objects.

A document adds about 700 triples. Making each term an rdflib object and writing it back out as text cost
the build more than the rest of the mapping; here a term is a plain string in N-Triples syntax, which is
also SPARQL's (`INSERT DATA`), so a batch is written by joining strings. IRIs are the ones kg mints itself
from slugs and hashes, and the vocabularies' own: nothing in them needs escaping.
"""

from __future__ import annotations

from datetime import date

from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from . import ontology
from .vocabulary import K

__all__ = [
    "ALT_LABEL",
    "CONCEPT",
    "CONTRIBUTOR",
    "CREATOR",
    "DATE",
    "DOC",
    "ENT",
    "FACT",
    "HIDDEN_LABEL",
    "LABEL",
    "OBJECT_PROPERTY",
    "PUBLISHER",
    "REL",
    "ROLE",
    "SUBPROPERTY_OF",
    "TITLE",
    "TYPE",
    "K",
    "Term",
    "Triple",
    "as_iri",
    "day",
    "decimal",
    "integer",
    "iri",
    "text",
    "value_of",
]

Term = str  # '<https://...>', '"text"', '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
Triple = tuple[Term, Term, Term]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_INTEGER = f"^^<{XSD.integer}>"
_DECIMAL = f"^^<{XSD.decimal}>"
_DATE = f"^^<{XSD.date}>"


def iri(value: str) -> Term:
    return f"<{value}>"


def as_iri(node: str) -> Term:
    """An IRI given as its value or already as a term."""
    return node if node.startswith("<") else f"<{node}>"


def value_of(term: Term) -> str:
    """The IRI of an IRI term."""
    return term[1:-1]


def text(value: str) -> Term:
    return f'"{value.translate(_ESCAPES)}"'


def integer(value: int) -> Term:
    return f'"{value}"{_INTEGER}'


def decimal(value: float | str) -> Term:
    """A confidence: a float rounded to two places ('0.8'), or its text ('0.95')."""
    return f'"{value}"{_DECIMAL}'


def day(value: date) -> Term:
    return f'"{value.isoformat()}"{_DATE}'


class _Namespace:
    """`NS[local]` -> the IRI term of base + local."""

    __slots__ = ("base",)

    def __init__(self, base: str) -> None:
        self.base = base

    def __getitem__(self, local: str) -> Term:
        return f"<{self.base}{local}>"


ENT = _Namespace(str(ontology.ENT))
CONCEPT = _Namespace(str(ontology.CONCEPT))
FACT = _Namespace(str(ontology.FACT))
ROLE = _Namespace(str(ontology.ROLE))
DOC = _Namespace(str(ontology.DOC))
REL = _Namespace(str(ontology.REL))

TYPE = iri(RDF.type)
LABEL = iri(RDFS.label)
SUBPROPERTY_OF = iri(RDFS.subPropertyOf)
ALT_LABEL = iri(SKOS.altLabel)
HIDDEN_LABEL = iri(SKOS.hiddenLabel)
OBJECT_PROPERTY = iri(OWL.ObjectProperty)
TITLE = iri(DCTERMS.title)
CREATOR = iri(DCTERMS.creator)
CONTRIBUTOR = iri(DCTERMS.contributor)
PUBLISHER = iri(DCTERMS.publisher)
DATE = iri(DCTERMS.date)
