"""What the shell knows about the graph: classes, properties, entities and their names.

Loaded from the store in the background (`load_metadata`) and kept in memory, so completion and name
lookup never query the store per keystroke. `NameIndex.search` finds entities by any word of any of
their names with a binary search over a sorted word list, which stays fast on large graphs.
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..query.formatting import shorten
from ..query.run import select_values
from ..rdf.ontology import PREFIXES
from ..store.base import Store

__all__ = ["Entity", "Metadata", "NameIndex", "Term", "load_metadata", "normalize"]


@dataclass(frozen=True, slots=True)
class Term:
    """A class or property: its prefixed name, label, and how often the data uses it."""

    name: str
    label: str = ""
    count: int = 0
    declared: bool = False  # in the kg ontology


@dataclass(frozen=True, slots=True)
class Entity:
    name: str  # prefixed name: ent:sergey-lavrov
    label: str
    kind: str = ""  # class label: Person
    mentions: int = 0
    aliases: tuple[str, ...] = ()
    iri: str = ""

    @property
    def meta(self) -> str:
        return f"{self.label} ({self.kind})" if self.kind else self.label


def normalize(text: str) -> str:
    """Lower case without accents: 'Zelenskyy' and 'zelenskyy', 'Škoda' and 'skoda' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


class NameIndex:
    """Entities by name: whole names and every word of every name in sorted lists (binary search), and
    all names in one string for substring search (str.find runs in C). Entities are ranked by mentions
    once, at build time, so a search only compares small integers."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = sorted(entities, key=lambda e: (-e.mentions, e.label))
        self._names = [[normalize(n) for n in (e.label, *e.aliases)] for e in self.entities]
        full = sorted((n, i) for i, names in enumerate(self._names) for n in names)
        self._full_keys, self._full_ids = [n for n, _ in full], [i for _, i in full]
        words = sorted({(w, i) for i, names in enumerate(self._names) for n in names for w in _WORD.findall(n)})
        self._word_keys, self._word_ids = [w for w, _ in words], [i for _, i in words]
        by_name = sorted((e.name, i) for i, e in enumerate(self.entities))
        self._name_keys, self._name_ids = [n for n, _ in by_name], [i for _, i in by_name]
        self._blob = "\n".join(n for names in self._names for n in names)
        self._starts: list[int] = []
        self._owner: list[int] = []
        offset = 0
        for i, names in enumerate(self._names):
            for n in names:
                self._starts.append(offset)
                self._owner.append(i)
                offset += len(n) + 1

    @staticmethod
    def _range(keys: list[str], prefix: str) -> tuple[int, int]:
        return bisect.bisect_left(keys, prefix), bisect.bisect_left(keys, prefix + "\U0010ffff")

    def _word_prefix(self, word: str) -> set[int]:
        lo, hi = self._range(self._word_keys, word)
        return set(self._word_ids[lo:hi])

    def _starting(self, query: str, limit: int) -> dict[int, int]:
        """The best entities a whole name of which is the query (tier 0 the name, 1 an alias) or starts
        with it (2, 3): the `limit` most mentioned of them, and every exact one."""
        lo, hi = self._range(self._full_keys, query)
        best = set(heapq.nsmallest(2 * limit, self._full_ids[lo:hi]))
        best.update(self._full_ids[lo : bisect.bisect_right(self._full_keys, query, lo, hi)])
        tiers: dict[int, int] = {}
        for i in best:
            label, *aliases = self._names[i]
            if label == query or query in aliases:
                tiers[i] = 0 if label == query else 1
            else:
                tiers[i] = 2 if label.startswith(query) else 3
        return tiers

    def _containing(self, query: str, exclude: set[int], limit: int) -> list[int]:
        found: list[int] = []
        position = self._blob.find(query)
        while position >= 0 and len(found) < limit:
            i = self._owner[bisect.bisect_right(self._starts, position) - 1]
            if i not in exclude and i not in found:
                found.append(i)
            position = self._blob.find(query, position + 1)
        return found

    def named(self, prefix: str, limit: int = 50) -> list[Entity]:
        """Entities whose prefixed name starts with `prefix` ('ent:serg'), most mentioned first."""
        lo, hi = self._range(self._name_keys, prefix)
        return [self.entities[i] for i in heapq.nsmallest(limit, self._name_ids[lo:hi])]

    def search(self, text: str, limit: int = 50) -> list[tuple[int, Entity]]:
        """(tier, entity) best first: 0 the name is the text, 1 an alias is, 2 the name starts with it,
        3 an alias does, 4 each word of the text starts a word of a name, 5 a name contains the text.
        Within a tier: more mentions first, then by name."""
        query = " ".join(_WORD.findall(normalize(text)))
        if not query:
            return []
        words = query.split()
        starting = self._starting(query, limit)
        candidates = self._word_prefix(words[0])
        for word in words[1:]:
            candidates &= self._word_prefix(word)
        ranked = sorted(starting, key=lambda i: (starting[i], i))[:limit]
        ranked += heapq.nsmallest(limit - len(ranked), candidates - starting.keys()) if len(ranked) < limit else []
        tiers = [starting.get(i, 4) for i in ranked]
        if len(ranked) < limit and len(query) >= 3:
            extra = self._containing(query, set(ranked), limit - len(ranked))
            ranked += extra
            tiers += [5] * len(extra)
        return [(t, self.entities[i]) for t, i in zip(tiers, ranked, strict=True)]


@dataclass(slots=True)
class Metadata:
    """Everything completion and name lookup need, as plain data (tests build it by hand)."""

    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))
    classes: list[Term] = field(default_factory=list)
    properties: list[Term] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # full IRI -> name, for tables
    triples: int = 0
    documents: int = 0
    usage: Counter[str] = field(default_factory=Counter)  # names and keywords used in past queries
    loaded: bool = False
    _index: NameIndex | None = None

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = NameIndex(self.entities)
        return self._index

    @property
    def empty(self) -> bool:
        return self.loaded and self.documents == 0

    def by_name(self) -> dict[str, Entity]:
        return {e.name: e for e in self.entities}


# --- loading from the store ---------------------------------------------------------------------------

_ENTITY_NS = PREFIXES["ent"]
_CONCEPT_NS = PREFIXES["concept"]

_CLASSES = """SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class"""
_PROPERTIES = """SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"""
_DECLARED = """SELECT ?term ?label ?kind WHERE {
  ?term a ?kind . OPTIONAL { ?term rdfs:label ?label }
  FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty))
}"""
# Terms of other vocabularies the ontology aligns to (schema:Person): completion offers them too.
_ALIGNED = """SELECT DISTINCT ?term ?kind WHERE {
  VALUES (?relation ?kind) {
    (owl:equivalentClass owl:Class) (rdfs:subClassOf owl:Class)
    (owl:equivalentProperty owl:ObjectProperty) (rdfs:subPropertyOf owl:ObjectProperty)
  }
  ?own ?relation ?term . FILTER(isIRI(?term) && STRSTARTS(STR(?own), STR(kg:)))
}"""
# Separate scans joined in Python: Oxigraph answers them faster than one query with joins, and each holds
# the store's worker process for less time (a query the user starts meanwhile waits for it).
_ENTITY_CLASSES = "Person Organization Country City Place Group NamedEvent Work Entity Concept".split()
_LABELS = "SELECT ?e ?label WHERE { ?e rdfs:label ?label }"
_TYPES = f"SELECT ?e ?type WHERE {{ VALUES ?type {{ {' '.join('kg:' + c for c in _ENTITY_CLASSES)} }} ?e a ?type }}"
_MENTIONS = "SELECT ?e ?mentions WHERE { ?e kg:mentionCount ?mentions }"
_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_DOCUMENTS = """SELECT ?d ?title WHERE { ?d a kg:Document . OPTIONAL { ?d dcterms:title ?title } }"""


def load_metadata(store: Store) -> Metadata:
    """Read classes, properties (with counts), entities (with names, aliases, kinds) and document titles."""
    meta = Metadata(triples=store.triple_count())
    declared = _declared(store)
    meta.classes = _terms(select_values(store, _CLASSES), declared, "owl:Class")
    meta.properties = _terms(select_values(store, _PROPERTIES), declared, "property")
    meta.entities = _entities(store, {iri: label for iri, (label, _) in declared.items() if label})
    for iri, (label, _) in declared.items():
        if label:
            meta.labels[iri] = label
    for e in meta.entities:
        meta.labels[e.iri] = e.label
    for document, title in select_values(store, _DOCUMENTS):
        meta.documents += 1
        if document and title:
            meta.labels[document] = title[:60] + ("…" if len(title) > 60 else "")
    meta.loaded = True
    return meta


def _declared(store: Store) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for iri, label, kind in select_values(store, _DECLARED):
        if iri and kind:
            role = "owl:Class" if kind.endswith("Class") else "property"
            out[iri] = (label or out.get(iri, ("", ""))[0], role)
    for iri, kind in select_values(store, _ALIGNED):
        if iri and kind and iri not in out:
            out[iri] = ("", "owl:Class" if kind.endswith("Class") else "property")
    return out


def _terms(rows: list[tuple[str | None, ...]], declared: dict[str, tuple[str, str]], role: str) -> list[Term]:
    counts = {iri: int(n or 0) for iri, n in rows if iri}
    iris = set(counts) | {iri for iri, (_, r) in declared.items() if r == role}
    terms = []
    for iri in iris:
        name = shorten(iri)
        if name.startswith("<"):
            continue  # nothing to complete without a prefix
        label = declared.get(iri, ("", ""))[0]
        terms.append(Term(name, label, counts.get(iri, 0), iri in declared and iri.startswith(PREFIXES["kg"])))
    return sorted(terms, key=lambda t: (-t.count, t.name))


def _entities(store: Store, class_labels: dict[str, str]) -> list[Entity]:
    """Named entities and concepts, with their class, mention count and aliases."""
    kinds: dict[str, str] = {}
    for iri, kind in select_values(store, _TYPES):
        if iri and kind and (iri not in kinds or kinds[iri].endswith(("#Entity", "#Place"))):
            kinds[iri] = kind  # the most specific class
    mentions = {iri: int(n or 0) for iri, n in select_values(store, _MENTIONS) if iri}
    aliases: dict[str, list[str]] = {}
    for iri, alias in select_values(store, _ALIASES):
        if iri in kinds and alias:
            aliases.setdefault(iri, []).append(alias)
    entities = []
    for iri, label in select_values(store, _LABELS):
        if iri in kinds and label and iri.startswith((_ENTITY_NS, _CONCEPT_NS)):
            kind = class_labels.get(kinds[iri], kinds[iri].rsplit("#", 1)[-1])
            entities.append(Entity(shorten(iri), label, kind, mentions.get(iri, 0), tuple(aliases.get(iri, ())), iri))
    return sorted(entities, key=lambda e: (-e.mentions, e.label))
