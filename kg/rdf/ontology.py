"""The kg vocabulary: namespaces, prefixes and the ontology file shipped with the package."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "BASE",
    "CONCEPT",
    "DOC",
    "ENT",
    "FACT",
    "KG",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "REL",
    "ROLE",
    "SCHEMA",
    "load_ontology",
    "ontology_text",
    "sparql_prologue",
]

BASE = "https://kg.example.org/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")


class KG(DefinedNamespace):
    """The closed kg vocabulary, mirrored from ontology/kg.ttl (a test keeps the two equal)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes and individuals
    Appearance: URIRef
    Asserted: URIRef
    Attack: URIRef
    City: URIRef
    Concept: URIRef
    Conditional: URIRef
    Country: URIRef
    Denied: URIRef
    Document: URIRef
    Entity: URIRef
    Event: URIRef
    Evidence: URIRef
    Fact: URIRef
    Future: URIRef
    Group: URIRef
    Hypothetical: URIRef
    Intended: URIRef
    Meeting: URIRef
    Mention: URIRef
    Modality: URIRef
    NamedEvent: URIRef
    Negative: URIRef
    Organization: URIRef
    Past: URIRef
    Person: URIRef
    PhoneCall: URIRef
    Place: URIRef
    Polarity: URIRef
    Positive: URIRef
    Possible: URIRef
    Present: URIRef
    Quote: URIRef
    Role: URIRef
    Sentence: URIRef
    Statement: URIRef
    Tense: URIRef
    Visit: URIRef
    Work: URIRef
    # properties
    about: URIRef
    accuses: URIRef
    attacks: URIRef
    confidence: URIRef
    content: URIRef
    contentHash: URIRef
    countryCode: URIRef
    criticizes: URIRef
    date: URIRef
    demands: URIRef
    demonym: URIRef
    deploys: URIRef
    documentCount: URIRef
    endChar: URIRef
    entity: URIRef
    evidence: URIRef
    holdsRole: URIRef
    inDocument: URIRef
    index: URIRef
    invades: URIRef
    jobTitle: URIRef
    joins: URIRef
    locatedIn: URIRef
    meets: URIRef
    memberOf: URIRef
    mentionCount: URIRef
    mentions: URIRef
    modality: URIRef
    nationality: URIRef
    negotiatesWith: URIRef
    nerLabel: URIRef
    object: URIRef
    participant: URIRef
    place: URIRef
    polarity: URIRef
    predicate: URIRef
    provides: URIRef
    refersTo: URIRef
    relatedTo: URIRef
    roleIn: URIRef
    roleName: URIRef
    sanctions: URIRef
    says: URIRef
    seeks: URIRef
    sentence: URIRef
    sourceCount: URIRef
    sourceFile: URIRef
    speaksWith: URIRef
    startChar: URIRef
    subject: URIRef
    supports: URIRef
    surfaceForm: URIRef
    tense: URIRef
    text: URIRef
    threatens: URIRef
    timeText: URIRef
    timesMentioned: URIRef
    verb: URIRef
    visits: URIRef
    warns: URIRef
    wordCount: URIRef
    worksFor: URIRef


ENT = Namespace(BASE + "entity/")
CONCEPT = Namespace(BASE + "concept/")
FACT = Namespace(BASE + "fact/")
ROLE = Namespace(BASE + "role/")
DOC = Namespace(BASE + "doc/")
REL = Namespace(BASE + "relation/")
SCHEMA = Namespace("http://schema.org/")

# Predeclared in every query, the shell and every export.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
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
