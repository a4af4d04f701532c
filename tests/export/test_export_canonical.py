"""Turtle and N-Triples written from the store (kg.export.canonical): the store's graph, sorted, the same bytes
for the same graph whatever ids the store gave its blank nodes."""

from __future__ import annotations

import datetime
import time
from datetime import UTC
from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import OWL, XSD

from kg.build.pipeline import build, export_turtle
from kg.export import canonical, render
from kg.ingest.sources import sample_corpus
from kg.rdf.ontology import ENT, KG, PREFIXES
from kg.store.opening import open_store

pytestmark = pytest.mark.slow  # exports a built store

TEST = Namespace("https://kg.example.org/test#")
SYNTAXES = {"turtle": ("turtle", ox.RdfFormat.TURTLE), "ntriples": ("nt", ox.RdfFormat.N_TRIPLES)}

# Literals that an escape, a prefix or a line-based sort could break, with the Python value each reads back as.
TRICKY = {
    "quotes": ('"say \\"hi\\"\\nthen \\\\ a backslash\\tand a tab"', 'say "hi"\nthen \\ a backslash\tand a tab'),
    "unicode": ('"Köln — “Zoë” 日本語 🙂"@de', "Köln — “Zoë” 日本語 🙂"),
    "region": ('"colour"@en-GB', "colour"),
    "notblank": ('"_:b0 is text, <not> an IRI ."', "_:b0 is text, <not> an IRI ."),
    "control": ('"bell \\u0007 and \\u0001"', "bell \x07 and \x01"),
    "string": ('"typed string"^^xsd:string', "typed string"),
    "integer": ("-42", -42),
    "decimal": ("3.14", Decimal("3.14")),
    "double": ('"1.5e3"^^xsd:double', 1500.0),
    "date": ('"2024-02-29"^^xsd:date', datetime.date(2024, 2, 29)),
    "dateTime": ('"2024-02-29T23:59:01Z"^^xsd:dateTime', datetime.datetime(2024, 2, 29, 23, 59, 1, tzinfo=UTC)),
    "boolean": ("true", True),
}


def _bytes(store, fmt: str) -> bytes:
    return render(store, fmt)[""]


def _store_graph(store) -> Graph:
    """The store's triples as RDF 1.1 reads them (a plain literal is an xsd:string)."""
    graph = Graph()
    for s, p, o in store.graph:
        graph.add((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o))
    return graph


def _ox_dataset(quads) -> ox.Dataset:
    dataset = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def _add_tricky(store) -> None:
    values = " ;\n".join(f"<{TEST[name]}> {text}" for name, (text, _) in TRICKY.items())
    store.update(f"{''.join(f'PREFIX {p}: <{ns}> ' for p, ns in PREFIXES.items())} INSERT DATA {{ ent:zoë {values} }}")


@pytest.mark.parametrize("fmt", SYNTAXES)
def test_export_parses_back_to_the_store_graph(sample_store, fmt):
    """rdflib and pyoxigraph both read the export as the store's graph, the tricky literals included."""
    _add_tricky(sample_store)
    data = _bytes(sample_store, fmt)
    rdflib_syntax, ox_syntax = SYNTAXES[fmt]
    parsed, expected = Graph().parse(data=data, format=rdflib_syntax), _store_graph(sample_store)
    assert len(parsed) == sample_store.triple_count() > 7000
    assert isomorphic(parsed, expected), "\n".join(map(str, list(graph_diff(parsed, expected)[1])[:5]))
    store_quads = sample_store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
    assert _ox_dataset(ox.parse(data, ox_syntax)) == _ox_dataset(store_quads)
    for name, (_, value) in TRICKY.items():
        (found,) = parsed.objects(ENT["zoë"], TEST[name])
        assert found.toPython() == value, name
    assert (ENT["zoë"], TEST.region, Literal("colour", lang="en-GB")) in parsed
    assert b'"^^xsd:string' not in data and b'"^^<http://www.w3.org/2001/XMLSchema#string>' not in data  # plain


def test_two_builds_of_the_same_corpus_give_the_same_bytes(sample_store_dir, tmp_path):
    """The ontology's lists are blank nodes with random ids in each store; the exports name them alike."""
    first = open_store(sample_store_dir, read_only=True)
    second = open_store(tmp_path / "again")
    try:
        build(sample_corpus(), second)
        assert _blank_ids(first) and _blank_ids(first) != _blank_ids(second)
        for fmt in SYNTAXES:
            assert _bytes(first, fmt) == _bytes(second, fmt), fmt
        turtle = _bytes(second, "turtle").decode()
    finally:
        first.close()
        second.close()
    labels = {word.rstrip(";.") for word in turtle.split() if word.startswith("_:")}
    assert labels == {f"_:b{i}" for i in range(11)}  # three lists of 2, 6 and 3 items
    parsed = Graph().parse(data=turtle, format="turtle")
    modalities = Collection(parsed, parsed.value(KG.Modality, OWL.oneOf))
    assert list(modalities) == [KG.Asserted, KG.Hypothetical, KG.Conditional, KG.Denied, KG.Possible, KG.Intended]


def _blank_ids(store) -> set[str]:
    return {q.subject.value for q in store.oxigraph if isinstance(q.subject, ox.BlankNode)}


def test_triples_come_out_sorted_by_subject_then_predicate(sample_store):
    triples = list(ox.parse(_bytes(sample_store, "ntriples"), ox.RdfFormat.N_TRIPLES))
    assert len(set(triples)) == len(triples) == sample_store.triple_count()
    keys = [(_key(t.subject), t.predicate.value) for t in triples]
    assert keys == sorted(keys)
    subjects = list(dict.fromkeys(t.subject for t in triples))
    document = next(s for s in subjects if isinstance(s, ox.NamedNode) and s.value.endswith("-s0"))
    whole = ox.NamedNode(document.value.removesuffix("-s0"))
    assert subjects.index(whole) < subjects.index(document)  # an IRI before the longer IRIs it begins
    assert all(isinstance(s, ox.BlankNode) for s in subjects[-11:])  # blank nodes last

    turtle = _bytes(sample_store, "turtle").decode().splitlines()
    starts = [line.split(" ", 1)[0] for line in turtle if line and not line.startswith(("\t", "@prefix"))]
    assert [_expand(name) for name in starts] == [str(s) for s in subjects]  # each subject once, all in a block
    assert "ent:joe-biden a kg:Person ;" in turtle


def _key(subject: ox.NamedNode | ox.BlankNode) -> tuple[bool, str]:
    """IRIs in order, then blank nodes."""
    return isinstance(subject, ox.BlankNode), subject.value


def _expand(name: str) -> str:
    if name.startswith(("_:", "<")):
        return name
    prefix, local = name.split(":", 1)
    return f"<{PREFIXES[prefix]}{local}>"


def test_a_graph_larger_than_the_sort_memory_is_sorted_in_runs_on_disk(sample_store, monkeypatch):
    in_memory = {fmt: _bytes(sample_store, fmt) for fmt in SYNTAXES}
    monkeypatch.setattr(canonical, "SORT_MEMORY", 50_000)  # bytes: the sample's 7,000 triples need about 20 runs
    monkeypatch.setattr(canonical, "_CHUNK", 20_000)
    runs = []
    spill = canonical._spill
    monkeypatch.setattr(canonical, "_spill", lambda lines, path: runs.append(path) or spill(lines, path))
    for fmt in SYNTAXES:
        assert _bytes(sample_store, fmt) == in_memory[fmt], fmt
    assert len(runs) > 20


def test_the_build_graph_ttl_is_the_sorted_turtle(sample_store, tmp_path):
    path = export_turtle(sample_store, tmp_path / "out")
    assert path.read_bytes() == _bytes(sample_store, "turtle")
    assert not list((tmp_path / "out").glob(".*"))  # no temporary file left beside it


def test_an_empty_graph_exports_as_an_empty_file(tmp_path):
    store = open_store(tmp_path / "empty")
    try:
        assert _bytes(store, "turtle") == _bytes(store, "ntriples") == b""
    finally:
        store.close()


def test_a_literal_that_says_blank_node_stays_a_literal(tmp_path):
    """A blank node beside a literal that says '_:' and '>' still gets a canonical label; the literal is kept."""
    store = open_store(tmp_path / "store")
    try:
        store.update(
            'INSERT DATA { <http://x/a> <http://x/p> [ <http://x/q> "_:x > y" ] . <http://x/c> <http://x/p> "_:" }'
        )
        turtle = _bytes(store, "turtle").decode()
    finally:
        store.close()
    body = [line for line in turtle.splitlines() if not line.startswith("@prefix")]
    assert body == [
        "<http://x/a> <http://x/p> _:b0 .",
        '<http://x/c> <http://x/p> "_:" .',
        '_:b0 <http://x/q> "_:x > y" .',
    ]


@pytest.mark.parametrize("breaks_off", [False, True])
def test_the_dump_is_read_while_it_is_written(tmp_path, monkeypatch, breaks_off):
    """Reads wait for the bytes a thread has yet to write, half lines included; the writer's error is raised."""
    monkeypatch.setattr(canonical, "_CHUNK", 10_000)
    path = tmp_path / "graph.nt"
    path.touch()
    lines = [f'<http://x/{i}> <http://x/p> "{i}" .\n'.encode() for i in range(20_000)]

    def write() -> None:
        with open(path, "wb") as out:
            for start in range(0, len(lines), 1000):
                block = b"".join(lines[start : start + 1000])
                out.write(block[:-7])  # half a line, the rest a moment later
                out.flush()
                time.sleep(0.002)
                out.write(block[-7:])
        if breaks_off:
            raise OSError(28, "No space left on device")

    with open(path, "rb") as dump:
        chunks = canonical._chunks(canonical._Growing(dump, canonical._Writer(write)))
        if breaks_off:
            with pytest.raises(OSError, match="No space left"):
                list(chunks)
            return
        read = [line for _, chunk in chunks for line in chunk]
    assert read == [line.rstrip(b"\n").replace(b">", canonical._LOW) for line in lines]
