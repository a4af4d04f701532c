"""Mapping to RDF: an Extraction plus its resolved entities become triples under the kg ontology.

Terms are N-Triples text (`kg.rdf.terms`), not rdflib objects: the build only writes them. For each document:
  * the document, its sentences and its mentions (owned by the document, removed with it);
  * one Evidence node per fact and sentence, with the qualifiers found there;
  * the Fact nodes themselves (shared by every document that states the same fact: one fact, many sources),
    and a direct triple `subject predicate object` only for positive, asserted facts;
  * Role nodes with their evidence, and the person's jobTitle / worksFor / nationality.
Derived values that depend on every source (labels, types, source counts, confidence) are computed by
`kg.rdf.derived` for the writer (`kg.build.writer`), which sees the whole store.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..extract.arguments import Arg
from ..extract.extraction import Extraction
from ..extract.relations import Relation
from ..extract.speakers import source_label
from ..lexicon.names import slugify, title_case
from ..lexicon.predicates import PREDICATES, STANDING
from .terms import (
    CONCEPT,
    CONTRIBUTOR,
    CREATOR,
    DATE,
    DOC,
    ENT,
    FACT,
    LABEL,
    OBJECT_PROPERTY,
    PUBLISHER,
    REL,
    ROLE,
    SUBPROPERTY_OF,
    TITLE,
    TYPE,
    K,
    Term,
    Triple,
    day,
    decimal,
    integer,
    text,
    value_of,
)

__all__ = [
    "DocumentTriples",
    "Triple",
    "appearance_triples",
    "document_iri",
    "document_triples",
    "fact_slug_parts",
    "predicate_iri",
]

_ONTOLOGY_PREDICATES = {p for p, _ in PREDICATES.values()} | {"says", *STANDING}
_POLARITY = {"positive": K.Positive, "negative": K.Negative}
_MODALITY = {
    "asserted": K.Asserted,
    "hypothetical": K.Hypothetical,
    "conditional": K.Conditional,
    "denied": K.Denied,
    "possible": K.Possible,
    "intended": K.Intended,
}
_TENSE = {"past": K.Past, "present": K.Present, "future": K.Future}
_KIND_CLASS = {
    "Meeting": K.Meeting,
    "PhoneCall": K.PhoneCall,
    "Visit": K.Visit,
    "Attack": K.Attack,
    "Statement": K.Statement,
    "Quote": K.Quote,
    "Event": K.Event,
}
_OPEN_RELATION = REL[""][:-1]  # how the IRI of a predicate minted from a verb begins


@dataclass(slots=True)
class DocumentTriples:
    """What one document adds to the graph, plus what the writer needs to refresh derived values."""

    document: Term
    triples: list[Triple] = field(default_factory=list)
    facts: dict[Term, float] = field(default_factory=dict)  # fact -> best evidence confidence in this document
    roles: dict[Term, float] = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)  # slugs mentioned


def document_iri(sha256: str) -> Term:
    return DOC[sha256[:16]]


def predicate_iri(name: str) -> Term:
    """An ontology property for a normalised predicate, else an open relation minted from the verb."""
    return K.named(name) if name in _ONTOLOGY_PREDICATES else REL[slugify(name)]


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

    def sentence(self, index: int) -> Term:
        return f"{self.doc[:-1]}-s{index}>"

    def node(self, arg: Arg) -> Term | None:
        if arg.entity is not None:
            return ENT[self.slug_of(arg.entity)]
        if arg.source is not None:
            return self.anonymous_source(arg.source, arg.affiliation)
        if arg.concept:
            iri = CONCEPT[slugify(arg.concept)]
            self.add((iri, TYPE, K.Concept))
            self.add((iri, LABEL, text(arg.concept)))
            return iri
        return None

    def anonymous_source(self, role: str, affiliation: int | None) -> Term:
        """One node per document, role and affiliation: every 'U.S. official' of an article is one source."""
        # named by the document's own words, not the entity's IRI, which a later build may rename
        named = slugify(self.ex.entities[affiliation].name) if affiliation is not None else ""
        slug = slugify(role) + (f"-{named}" if named else "")
        node = f"{self.doc[:-1]}-src-{slug}"[:200] + ">"
        names = [e.name for e in self.ex.entities]
        self.add((node, TYPE, K.AnonymousSource))
        self.add((node, LABEL, text(source_label(Arg(source=role, affiliation=affiliation), names))))
        self.add((node, K.sourceRole, text(role)))
        self.add((node, K.inDocument, self.doc))
        if affiliation is not None:
            self.add((node, K.affiliation, ENT[self.slug_of(affiliation)]))
        return node

    def document(self) -> None:
        a, ex, doc, add = self.ex.article, self.ex, self.doc, self.add
        add((doc, TYPE, K.Document))
        add((doc, TITLE, text(a.title or ex.source)))
        add((doc, K.sourceFile, text(ex.source)))
        add((doc, K.contentHash, text(ex.sha256)))
        add((doc, K.wordCount, integer(ex.words)))
        if a.author:
            add((doc, CREATOR, text(a.author)))
        if a.publisher:
            add((doc, PUBLISHER, text(a.publisher)))
        for name in a.contributors:
            add((doc, CONTRIBUTOR, text(name)))
        if (place := self.dateline_entity()) is not None:
            add((doc, K.datelinePlace, place))
        if a.date:
            add((doc, DATE, day(a.date)))
        for i, (start, end) in enumerate(ex.sentences):
            sentence = a.text[start:end].strip()
            if not sentence:
                continue
            s = self.sentence(i)
            add((s, TYPE, K.Sentence))
            add((s, K.text, text(sentence)))
            add((s, K.inDocument, doc))
            add((s, K.index, integer(i)))
            add((s, K.startChar, integer(start)))
            add((s, K.endChar, integer(end)))

    def mentions(self) -> None:
        """Each mention; then, per entity, `kg:mentions` from the document and an Appearance with the count."""
        add, prefix = self.add, self.doc[:-1]
        times: Counter[str] = Counter()
        for i, (m, local) in enumerate(zip(self.ex.mentions, self.ex.entity_of, strict=True)):
            slug = self.slug_of(local)
            entity = ENT[slug]
            times[slug] += 1
            node = f"{prefix}-m{i}>"
            add((node, TYPE, K.Mention))
            add((node, K.refersTo, entity))
            add((node, K.surfaceForm, text(m.text)))
            add((node, K.nerLabel, text(m.label)))
            add((node, K.sentence, self.sentence(m.sent)))
            add((node, K.startChar, integer(m.start)))
            add((node, K.endChar, integer(m.end)))
        self.out.triples += appearance_triples(self.doc, times)
        self.out.entities.update(times)

    def dateline_entity(self) -> Term | None:
        """The entity the dateline paragraph names first ('Baghdad' of 'Baghdad, Iraq.')."""
        a = self.ex.article
        if not a.dateline:
            return None
        start = a.text.find("\n\n" + a.dateline) + 2
        for m, local in zip(self.ex.mentions, self.ex.entity_of, strict=True):
            if start >= 2 and start <= m.start < start + len(a.dateline):
                return ENT[self.slug_of(local)]
        return None

    def evidence(self, target: Term, sent: int, start: int, end: int, confidence: float) -> Term:
        ev = f"{self.doc[:-1]}-e{self.evidence_count}>"
        self.evidence_count += 1
        add = self.add
        add((target, K.evidence, ev))
        add((ev, TYPE, K.Evidence))
        add((ev, K.sentence, self.sentence(sent)))
        add((ev, K.inDocument, self.doc))
        add((ev, K.startChar, integer(start)))
        add((ev, K.endChar, integer(end)))
        add((ev, K.confidence, decimal(confidence)))
        return ev

    def relation(self, index: int, r: Relation) -> None:
        subject = self.node(r.subject)
        obj = self.node(r.object) if r.object is not None else None
        if subject is None or (r.object is not None and obj is None):
            return
        predicate = predicate_iri(r.predicate)
        fact = FACT[self._fact_slug(r, subject, predicate, obj)]
        add = self.add
        add((fact, TYPE, _KIND_CLASS.get(r.kind or "", K.Fact)))
        add((fact, K.subject, subject))
        add((fact, K.predicate, predicate))
        add((fact, K.polarity, _POLARITY[r.reading.polarity]))
        add((fact, K.modality, _MODALITY[r.reading.modality]))
        add((fact, K.tense, _TENSE[r.reading.tense]))
        add((fact, K.verb, text(r.verb)))
        if obj is not None:
            add((fact, K.object, obj))
        if r.content:
            add((fact, K.content, text(r.content)))
        for about in r.about:
            if (node := self.node(about)) is not None:
                add((fact, K.about, node))
        if r.kind not in {None, "Statement", "Quote"}:
            add((fact, K.participant, subject))
            if obj is not None and r.object is not None and r.object.entity is not None:
                add((fact, K.participant, obj))
        if predicate.startswith(_OPEN_RELATION):
            add((predicate, TYPE, OBJECT_PROPERTY))
            add((predicate, LABEL, text(r.predicate.replace("-", " "))))
            add((predicate, SUBPROPERTY_OF, K.relatedTo))
        if r.reading.is_fact and obj is not None:
            add((subject, predicate, obj))
        ev = self.evidence(fact, r.sent, r.start, r.end, r.confidence)
        add((ev, K.tense, _TENSE[r.reading.tense]))
        self.qualifiers(fact, ev, index, r)
        self.out.facts[fact] = max(self.out.facts.get(fact, 0.0), r.confidence)

    def _fact_slug(self, r: Relation, subject: Term, predicate: Term, obj: Term | None) -> str:
        parts = [fact_slug_parts(subject, predicate, obj)]
        if r.reading.polarity != "positive":
            parts.append("not")
        if r.reading.modality != "asserted":
            parts.append(r.reading.modality)
        if r.content:
            parts.append(_short_hash(re.sub(r"\W+", " ", r.content.lower()).strip()))
        return "-".join(parts)[:200]

    def qualifiers(self, fact: Term, ev: Term, index: int, r: Relation) -> None:
        if r.place is not None:
            place = ENT[self.slug_of(r.place)]
            for node in (fact, ev):
                self.add((node, K.place, place))
        if r.time_text:
            for node in (fact, ev):
                self.add((node, K.timeText, text(r.time_text)))
            when = self.ex.dates.get(index)
            if when is not None:
                for node in (fact, ev):
                    self.add((node, K.date, day(when)))

    def roles(self, kinds: Callable[[str], str]) -> None:
        """One Role node per person and title ('Foreign Minister'), in whichever organizations it is stated."""
        for role in self.ex.roles:
            person = ENT[self.slug_of(role.person)]
            title = title_case(role.title)
            node = ROLE[f"{self.slug_of(role.person)}-{slugify(title)}"[:200]]
            self.add((node, TYPE, K.Role))
            self.add((node, K.roleName, text(title)))
            self.add((person, K.holdsRole, node))
            self.add((person, K.jobTitle, text(title)))
            if role.org is not None:
                org_slug = self.slug_of(role.org)
                org = ENT[org_slug]
                self.add((node, K.roleIn, org))
                # a country or city in a title is where the person serves ('U.S. District Judge'), not an
                # employer: the origins stage states it as a home
                if kinds(org_slug) == "Organization":
                    self.add((person, K.worksFor, org))
                if kinds(org_slug) == "Country":
                    self.add((person, K.nationality, org))
            (start, end) = self.ex.sentences[role.sent]
            self.evidence(node, role.sent, start, end, 0.8)
            self.out.roles[node] = 0.8


def appearance_triples(doc: Term, times: Counter[str]) -> list[Triple]:
    """`kg:mentions` from the document and an Appearance per entity, with how often the document names it
    (`times`: slug -> count, in the order of the entities' first mentions)."""
    out: list[Triple] = []
    for k, (slug, n) in enumerate(times.items()):
        entity, node = ENT[slug], f"{doc[:-1]}-a{k}>"
        out.append((doc, K.mentions, entity))
        out.append((node, TYPE, K.Appearance))
        out.append((node, K.entity, entity))
        out.append((node, K.inDocument, doc))
        out.append((node, K.timesMentioned, integer(n)))
    return out


def fact_slug_parts(subject: Term, predicate: Term, obj: Term | None) -> str:
    """How a fact's slug begins: its subject's, predicate's and object's names."""
    name = value_of(predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "-".join([_local(subject), slugify(name), *([_local(obj)] if obj is not None else [])])


def _local(iri: Term) -> str:
    return value_of(iri).rsplit("/", 1)[-1]


def document_triples(ex: Extraction, slug_of: Callable[[int], str], kind_of: Callable[[str], str]) -> DocumentTriples:
    """All triples one document contributes; `slug_of` maps its local entity ids to entity slugs."""
    mapper = _Mapper(ex, slug_of)
    mapper.document()
    mapper.mentions()
    for index, relation in enumerate(ex.relations):
        mapper.relation(index, relation)
    mapper.roles(kind_of)
    return mapper.out
