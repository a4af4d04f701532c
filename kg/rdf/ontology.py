"""The kg vocabulary: namespaces, prefixes and the ontology file shipped with the package."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace, DefinedNamespaceMeta

from .vocabulary import BASE, KG_NAMESPACE, TERM_NAMES

__all__ = [
    "BASE",
    "CONCEPT",
    "DOC",
    "ENT",
    "FACT",
    "KG",
    "ONTOLOGY_IRI",
    "PENDING",
    "PENDING_DOCUMENT",
    "PREFIXES",
    "REL",
    "ROLE",
    "SCHEMA",
    "load_ontology",
    "ontology_text",
    "sparql_prologue",
]

ONTOLOGY_IRI = URIRef(BASE + "ontology")
# What a build writes beside a batch's documents while it writes them in several steps (kg/rdf/updates.py).
PENDING = "<https://kg.example.org/build#pending>"
PENDING_DOCUMENT = "<https://kg.example.org/build#document>"


# The same names as an rdflib namespace (`KG.Person` is a URIRef); asking it for another name is an error.
KG = DefinedNamespaceMeta(
    "KG",
    (DefinedNamespace,),
    {"_NS": Namespace(KG_NAMESPACE), "_fail": True, "__annotations__": dict.fromkeys(sorted(TERM_NAMES), URIRef)},
)


ENT = Namespace(BASE + "entity/")
CONCEPT = Namespace(BASE + "concept/")
FACT = Namespace(BASE + "fact/")
ROLE = Namespace(BASE + "role/")
DOC = Namespace(BASE + "doc/")
REL = Namespace(BASE + "relation/")
SCHEMA = Namespace("http://schema.org/")

# Predeclared in every query, the shell and every export.
PREFIXES: dict[str, str] = {
    "kg": KG_NAMESPACE,
    "ent": str(ENT),
    "concept": str(CONCEPT),
    "fact": str(FACT),
    "role": str(ROLE),
    "doc": str(DOC),
    "rel": str(REL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
}


def sparql_prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def ontology_text() -> str:
    """The Turtle source of the ontology (ontology/kg.ttl, shipped as kg/data/kg.ttl)."""
    return (resources.files("kg") / "data" / "kg.ttl").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    graph = Graph()
    graph.parse(data=ontology_text(), format="turtle")
    return graph
