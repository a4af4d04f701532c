"""Mapping to RDF: an Extraction plus its resolved entities become triples under the kg ontology.

The first module that builds rdflib terms. For each document it yields:
  * the document, its sentences and its mentions (owned by the document, removed with it);
  * one Evidence node per fact and sentence, with the qualifiers found there;
  * the Fact nodes themselves (shared by every document that states the same fact: one fact, many sources),
    and a direct triple `subject predicate object` only for positive, asserted facts;
  * Role nodes with their evidence, and the person's jobTitle / worksFor / nationality.
Derived values that depend on every source (labels, types, source counts, confidence) are computed by
`graph.py`, which sees the whole store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from .arguments import Arg
from .extract import Extraction
from .names import slugify, title_case
from .ontology import CONCEPT, DOC, ENT, FACT, KG, REL, ROLE
from .predicates import PREDICATES
from .relations import Relation

__all__ = ["DocumentTriples", "Triple", "document_iri", "document_triples", "predicate_iri"]

Triple = tuple[URIRef | BNode, URIRef, URIRef | Literal | BNode]

_ONTOLOGY_PREDICATES = {p for p, _ in PREDICATES.values()} | {"says", "locatedIn", "memberOf", "worksFor"}
_POLARITY = {"positive": KG.Positive, "negative": KG.Negative}
_MODALITY = {m: KG[m.title()] for m in ("asserted", "hypothetical", "conditional", "denied", "possible", "intended")}
_TENSE = {"past": KG.Past, "present": KG.Present, "future": KG.Future}
_KIND_CLASS = {
    "Meeting": KG.Meeting,
    "PhoneCall": KG.PhoneCall,
    "Visit": KG.Visit,
    "Attack": KG.Attack,
    "Statement": KG.Statement,
    "Quote": KG.Quote,
    "Event": KG.Event,
}


@dataclass(slots=True)
class DocumentTriples:
    """What one document adds to the graph, plus what `graph.py` needs to refresh derived values."""

    document: URIRef
    triples: list[Triple] = field(default_factory=list)
    facts: dict[URIRef, float] = field(default_factory=dict)  # fact -> best evidence confidence in this document
    roles: dict[URIRef, float] = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)  # slugs mentioned


def document_iri(sha256: str) -> URIRef:
    return DOC[sha256[:16]]


def predicate_iri(name: str) -> URIRef:
    """An ontology property for a normalised predicate, else an open relation minted from the verb."""
    return KG[name] if name in _ONTOLOGY_PREDICATES else REL[slugify(name)]


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:10]


class _Mapper:
    def __init__(self, ex: Extraction, slug_of: Callable[[int], str]) -> None:
        self.ex = ex
        self.slug_of = slug_of
        self.doc = document_iri(ex.sha256)
        self.out = DocumentTriples(self.doc)
        self.add = self.out.triples.append
        self.evidence_count = 0

    def sentence(self, index: int) -> URIRef:
        return URIRef(f"{self.doc}-s{index}")

    def node(self, arg: Arg) -> URIRef | None:
        if arg.entity is not None:
            return ENT[self.slug_of(arg.entity)]
        if arg.concept:
            iri = CONCEPT[slugify(arg.concept)]
            self.add((iri, RDF.type, KG.Concept))
            self.add((iri, RDFS.label, Literal(arg.concept)))
            return iri
        return None

    def document(self) -> None:
        a, ex, doc = self.ex.article, self.ex, self.doc
        self.add((doc, RDF.type, KG.Document))
        self.add((doc, DCTERMS.title, Literal(a.title or ex.source)))
        self.add((doc, KG.sourceFile, Literal(ex.source)))
        self.add((doc, KG.contentHash, Literal(ex.sha256)))
        self.add((doc, KG.wordCount, Literal(ex.words)))
        if a.author:
            self.add((doc, DCTERMS.creator, Literal(a.author)))
        if a.publisher:
            self.add((doc, DCTERMS.publisher, Literal(a.publisher)))
        if a.date:
            self.add((doc, DCTERMS.date, Literal(a.date, datatype=XSD.date)))
        for i, (start, end) in enumerate(ex.sentences):
            text = a.text[start:end].strip()
            if not text:
                continue
            s = self.sentence(i)
            self.add((s, RDF.type, KG.Sentence))
            self.add((s, KG.text, Literal(text)))
            self.add((s, KG.inDocument, doc))
            self.add((s, KG.index, Literal(i)))
            self.add((s, KG.startChar, Literal(start)))
            self.add((s, KG.endChar, Literal(end)))

    def mentions(self) -> None:
        for i, (m, local) in enumerate(zip(self.ex.mentions, self.ex.entity_of, strict=True)):
            slug = self.slug_of(local)
            if slug not in self.out.entities:
                self.add((self.doc, KG.mentions, ENT[slug]))
            self.out.entities.add(slug)
            node = URIRef(f"{self.doc}-m{i}")
            self.add((node, RDF.type, KG.Mention))
            self.add((node, KG.refersTo, ENT[slug]))
            self.add((node, KG.surfaceForm, Literal(m.text)))
            self.add((node, KG.nerLabel, Literal(m.label)))
            self.add((node, KG.sentence, self.sentence(m.sent)))
            self.add((node, KG.startChar, Literal(m.start)))
            self.add((node, KG.endChar, Literal(m.end)))

    def evidence(self, target: URIRef, sent: int, start: int, end: int, confidence: float) -> URIRef:
        ev = URIRef(f"{self.doc}-e{self.evidence_count}")
        self.evidence_count += 1
        self.add((target, KG.evidence, ev))
        self.add((ev, RDF.type, KG.Evidence))
        self.add((ev, KG.sentence, self.sentence(sent)))
        self.add((ev, KG.inDocument, self.doc))
        self.add((ev, KG.startChar, Literal(start)))
        self.add((ev, KG.endChar, Literal(end)))
        self.add((ev, KG.confidence, Literal(confidence, datatype=XSD.decimal)))
        return ev

    def relation(self, index: int, r: Relation) -> None:
        subject = self.node(r.subject)
        obj = self.node(r.object) if r.object is not None else None
        if subject is None or (r.object is not None and obj is None):
            return
        predicate = predicate_iri(r.predicate)
        fact = FACT[self._fact_slug(r, subject, predicate, obj)]
        self.add((fact, RDF.type, _KIND_CLASS.get(r.kind or "", KG.Fact)))
        self.add((fact, KG.subject, subject))
        self.add((fact, KG.predicate, predicate))
        self.add((fact, KG.polarity, _POLARITY[r.reading.polarity]))
        self.add((fact, KG.modality, _MODALITY[r.reading.modality]))
        self.add((fact, KG.tense, _TENSE[r.reading.tense]))
        self.add((fact, KG.verb, Literal(r.verb)))
        if obj is not None:
            self.add((fact, KG.object, obj))
        if r.content:
            self.add((fact, KG.content, Literal(r.content)))
        for about in r.about:
            if (node := self.node(about)) is not None:
                self.add((fact, KG.about, node))
        if r.kind not in {None, "Statement", "Quote"}:
            self.add((fact, KG.participant, subject))
            if obj is not None and r.object is not None and r.object.entity is not None:
                self.add((fact, KG.participant, obj))
        if predicate.startswith(str(REL)):
            self.add((predicate, RDF.type, OWL.ObjectProperty))
            self.add((predicate, RDFS.label, Literal(r.predicate.replace("-", " "))))
            self.add((predicate, RDFS.subPropertyOf, KG.relatedTo))
        if r.reading.is_fact and obj is not None:
            self.add((subject, predicate, obj))
        ev = self.evidence(fact, r.sent, r.start, r.end, r.confidence)
        self.add((ev, KG.tense, _TENSE[r.reading.tense]))
        self.qualifiers(fact, ev, index, r)
        self.out.facts[fact] = max(self.out.facts.get(fact, 0.0), r.confidence)

    def _fact_slug(self, r: Relation, subject: URIRef, predicate: URIRef, obj: URIRef | None) -> str:
        name = str(predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        parts = [_local(subject), slugify(name)]
        if obj is not None:
            parts.append(_local(obj))
        if r.reading.polarity != "positive":
            parts.append("not")
        if r.reading.modality != "asserted":
            parts.append(r.reading.modality)
        if r.content:
            parts.append(_short_hash(re.sub(r"\W+", " ", r.content.lower()).strip()))
        return "-".join(parts)[:200]

    def qualifiers(self, fact: URIRef, ev: URIRef, index: int, r: Relation) -> None:
        if r.place is not None:
            place = ENT[self.slug_of(r.place)]
            for node in (fact, ev):
                self.add((node, KG.place, place))
        if r.time_text:
            for node in (fact, ev):
                self.add((node, KG.timeText, Literal(r.time_text)))
            when = self.ex.dates.get(index)
            if when is not None:
                for node in (fact, ev):
                    self.add((node, KG.date, Literal(when, datatype=XSD.date)))

    def roles(self, kinds: Callable[[str], str]) -> None:
        """One Role node per person and title ('Foreign Minister'), in whichever organizations it is stated."""
        for role in self.ex.roles:
            person = ENT[self.slug_of(role.person)]
            title = title_case(role.title)
            node = ROLE[f"{self.slug_of(role.person)}-{slugify(title)}"[:200]]
            self.add((node, RDF.type, KG.Role))
            self.add((node, KG.roleName, Literal(title)))
            self.add((person, KG.holdsRole, node))
            self.add((person, KG.jobTitle, Literal(title)))
            if role.org is not None:
                org_slug = self.slug_of(role.org)
                org = ENT[org_slug]
                self.add((node, KG.roleIn, org))
                if kinds(org_slug) in {"Organization", "Country", "City"}:
                    self.add((person, KG.worksFor, org))
                if kinds(org_slug) == "Country":
                    self.add((person, KG.nationality, org))
            (start, end) = self.ex.sentences[role.sent]
            self.evidence(node, role.sent, start, end, 0.8)
            self.out.roles[node] = 0.8


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def document_triples(ex: Extraction, slug_of: Callable[[int], str], kind_of: Callable[[str], str]) -> DocumentTriples:
    """All triples one document contributes; `slug_of` maps its local entity ids to entity slugs."""
    mapper = _Mapper(ex, slug_of)
    mapper.document()
    mapper.mentions()
    for index, relation in enumerate(ex.relations):
        mapper.relation(index, relation)
    mapper.roles(kind_of)
    return mapper.out
