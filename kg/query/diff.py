"""How a story changed between two builds: the entities and facts added and removed, with their sources.

Each side is a store folder or an RDF export (any syntax Oxigraph reads: .ttl, .nt, .nq, .trig, .jsonld,
.rdf). Entities are compared by IRI, facts and roles by IRI too (a fact's IRI encodes its subject,
predicate, object and status, so a fact that became denied is one removed and one added). Items present
on both sides whose documents changed are listed as changed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import KGError
from ..rdf.ontology import PREFIXES
from ..store.local import LocalStore
from .formatting import shorten

__all__ = ["Change", "Diff", "Item", "diff", "format_diff", "load_side", "snapshot"]

_ENTITIES = """SELECT ?e ?type ?label WHERE {
  VALUES ?type { kg:Person kg:Organization kg:Country kg:City kg:Place kg:Group kg:NamedEvent kg:Work }
  ?e a ?type ; rdfs:label ?label }"""
_ENTITY_SOURCES = """SELECT DISTINCT ?e ?d ?title WHERE {
  ?m kg:refersTo ?e ; kg:sentence ?s . ?s kg:inDocument ?d OPTIONAL { ?d dcterms:title ?title } }"""
_FACTS = """SELECT ?f ?s ?p ?o ?pol ?mod ?content WHERE {
  ?f kg:subject ?s ; kg:predicate ?p .
  OPTIONAL { ?f kg:object ?o } OPTIONAL { ?f kg:polarity ?pol } OPTIONAL { ?f kg:modality ?mod }
  OPTIONAL { ?f kg:content ?content } }"""
_ROLES = """SELECT ?r ?person ?name ?org WHERE {
  ?person kg:holdsRole ?r . OPTIONAL { ?r kg:roleName ?name } OPTIONAL { ?r kg:roleIn ?org } }"""
_FACT_SOURCES = """SELECT DISTINCT ?f ?d ?title WHERE {
  ?f kg:evidence ?e . ?e kg:inDocument ?d OPTIONAL { ?d dcterms:title ?title } }"""
_LABELS = "SELECT ?n ?label WHERE { ?n rdfs:label ?label }"


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # prefixed IRI
    kind: str  # Person, ..., fact, role
    text: str  # "Joe Biden" or "Joe Biden —warns→ Vladimir Putin"
    sources: tuple[str, ...]  # document titles


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    kind: str
    text: str
    added_sources: tuple[str, ...]
    removed_sources: tuple[str, ...]


@dataclass(slots=True)
class Diff:
    old: str
    new: str
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def load_side(location: str | Path) -> ox.Store:
    """A store folder (opened read-only) or an RDF file loaded into memory."""
    path = Path(location)
    if path.is_dir():
        return LocalStore(path, read_only=True).oxigraph
    if not path.is_file():
        raise KGError(f"'{location}' is neither a store folder nor an export file.")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise KGError(f"Cannot read '{location}': use an RDF export (.ttl, .nt, .nq, .trig, .jsonld, .rdf) or a store.")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError) as e:
        raise KGError(f"Cannot parse '{location}' as {fmt.name}: {e}") from e
    return store


def _select(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    """A SELECT's values as strings; "" where a variable is unbound."""
    solutions = store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple("" if (term := s[n]) is None else term.value for n in names) for s in solutions]


def _sources(store: ox.Store, sparql: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}
    for key, doc, title in _select(store, sparql):
        found.setdefault(key, set()).add(title or shorten(doc))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _name(iri: str, labels: dict[str, str]) -> str:
    return labels.get(iri, shorten(iri)) if iri else ""


def _fact_text(s: str, p: str, o: str, pol: str, mod: str, content: str, labels: dict[str, str]) -> str:
    verb = _name(p, labels)
    if pol and pol.endswith("Negative"):
        verb = f"not {verb}"
    if mod and not mod.endswith("Asserted"):
        verb += f" ({mod.rsplit('#', 1)[-1].lower()})"
    target = _name(o, labels) if o else f"“{content}”" if content else ""
    return f"{_name(s, labels)} —{verb}→ {target}".rstrip()


def snapshot(store: ox.Store) -> dict[str, Item]:
    """Every entity, fact and role of one side, by prefixed IRI."""
    labels = {n: label for n, label in _select(store, _LABELS)}
    entity_sources, fact_sources = _sources(store, _ENTITY_SOURCES), _sources(store, _FACT_SOURCES)
    items: dict[str, Item] = {}
    for e, kind, label in _select(store, _ENTITIES):
        items[shorten(e)] = Item(shorten(e), kind.rsplit("#", 1)[-1], label, entity_sources.get(e, ()))
    for f, s, p, o, pol, mod, content in _select(store, _FACTS):
        text = _fact_text(s, p, o, pol, mod, content, labels)
        items[shorten(f)] = Item(shorten(f), "fact", text, fact_sources.get(f, ()))
    for r, person, name, org in _select(store, _ROLES):
        text = f"{_name(person, labels)} —{name or 'role'}→ {_name(org, labels)}".rstrip(" →")
        items[shorten(r)] = Item(shorten(r), "role", text, fact_sources.get(r, ()))
    return items


def diff(old: str | Path, new: str | Path) -> Diff:
    before, after = snapshot(load_side(old)), snapshot(load_side(new))
    result = Diff(str(old), str(new))
    result.added = [after[k] for k in sorted(after.keys() - before.keys(), key=lambda k: _order(after[k]))]
    result.removed = [before[k] for k in sorted(before.keys() - after.keys(), key=lambda k: _order(before[k]))]
    for key in sorted(before.keys() & after.keys(), key=lambda k: _order(after[k])):
        a, b = set(before[key].sources), set(after[key].sources)
        if a != b:
            item = after[key]
            result.changed.append(Change(key, item.kind, item.text, tuple(sorted(b - a)), tuple(sorted(a - b))))
    return result


def _order(item: Item) -> tuple:
    return (item.kind in {"fact", "role"}, item.kind, item.text.casefold(), item.key)


def _line(sign: str, item: Item) -> str:
    kind = "" if item.kind in {"fact", "role"} else f"{item.kind}: "
    count = len(item.sources)
    sources = f"  [{count} source{'s' if count != 1 else ''}: {'; '.join(item.sources)}]" if count else ""
    return f"{sign} {kind}{item.text}{sources}"


def _is_fact(item: Item | Change) -> bool:
    return item.kind in {"fact", "role"}


def format_diff(d: Diff, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(asdict(d), ensure_ascii=False, indent=1) + "\n"
    lines: list[str] = []
    for title, facts in (("Entities", False), ("Facts", True)):
        added = [i for i in d.added if _is_fact(i) == facts]
        removed = [i for i in d.removed if _is_fact(i) == facts]
        changed = [c for c in d.changed if _is_fact(c) == facts]
        lines.append(f"{title}: {len(added)} added, {len(removed)} removed, {len(changed)} with other sources")
        lines += [_line("+", i) for i in added] + [_line("-", i) for i in removed]
        for c in changed:
            parts = [f"+{s}" for s in c.added_sources] + [f"-{s}" for s in c.removed_sources]
            lines.append(f"~ {c.text}  [{'; '.join(parts)}]")
    return "\n".join(lines) + "\n"
