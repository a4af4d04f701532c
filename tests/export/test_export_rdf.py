"""RDF exports read back with rdflib: the same triples as the store, in every syntax."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD

from kg.rdf.ontology import DOC, KG

pytestmark = pytest.mark.slow  # exports a built store

FORMATS = [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld"), ("graph.rdf", "xml")]


def _store_triples(store_graph: Graph) -> set:
    """The store's triples as RDF 1.1 sees them (a plain literal is an xsd:string)."""
    plain = lambda o: Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o  # noqa: E731
    return {(s, p, plain(o)) for s, p, o in store_graph}


@pytest.mark.parametrize(("name", "fmt"), FORMATS)
def test_rdf_export_parses_to_the_store_triples(exported, name, fmt):
    folder, graph, _, _ = exported
    parsed = Graph().parse(folder / name, format=fmt)
    assert len(parsed) == len(graph) > 1000  # the whole sample graph, not a fragment
    assert isomorphic(parsed, graph), "\n".join(str(t) for t in list(graph_diff(parsed, graph)[1])[:10])


def test_turtle_round_trip_is_isomorphic_to_the_store(exported, sample_store):
    folder, _, _, _ = exported
    parsed = Graph().parse(folder / "graph.ttl", format="turtle")
    store = Graph()
    for t in _store_triples(sample_store.graph):
        store.add(t)
    assert len(parsed) == sample_store.triple_count()
    assert isomorphic(parsed, store)


def test_turtle_is_readable_and_stable(exported, sample_store):
    from kg.export import render

    folder, _, _, _ = exported
    text = (folder / "graph.ttl").read_text()
    assert "@prefix ent: <https://kg.example.org/entity/> ." in text
    assert "\nent:joe-biden a kg:Person ;\n\t" in text
    assert "^^xsd:string" not in text and "schema1:" not in text
    subjects = [line for line in text.splitlines() if line and not line.startswith(("\t", "@prefix"))]
    assert len(subjects) > 500 and len(set(subjects)) == len(subjects)  # each subject once, all its triples together
    assert render(sample_store, "turtle")[""] == (folder / "graph.ttl").read_bytes()


@pytest.mark.parametrize(("name", "fmt"), [("graph.nq", "nquads"), ("graph.trig", "trig")])
def test_quads_hold_one_graph_per_document_and_every_triple(exported, name, fmt):
    folder, graph, _, _ = exported
    dataset = Dataset()
    dataset.parse(folder / name, format=fmt)
    union = Graph()
    for g in dataset.graphs():
        for t in g:
            union.add(t)
    assert len(union) == len(graph) and isomorphic(union, graph)
    documents = set(graph.subjects(RDF.type, KG.Document))
    named = {g.identifier for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)}
    assert named == documents and len(documents) == 5
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    assert (KG.Person, RDF.type, next(iter(graph.objects(KG.Person, RDF.type)))) in default
    # a fact stated by two documents is in both graphs; its source count stays in the default graph
    fact = next(f for f, n in graph.subject_objects(KG.sourceCount) if int(n) == 2 and (f, KG.subject, None) in graph)
    holding = [g.identifier for g in dataset.graphs() if (fact, KG.subject, None) in g]
    assert len(holding) == 2 and all(str(d).startswith(str(DOC)) for d in holding)
    assert (fact, KG.sourceCount, None) in default


def test_jsonld_uses_a_context_from_the_ontology(exported):
    folder, _, _, _ = exported
    document = json.loads((folder / "graph.jsonld").read_text())
    context = document["@context"]
    assert context["ent"] == "https://kg.example.org/entity/"
    assert context["subject"] == {"@id": "kg:subject", "@type": "@id"}
    biden = next(n for n in document["@graph"] if n["@id"] == "ent:joe-biden")
    assert biden["label"] == "Joe Biden" and biden["@type"] == "kg:Person"


def test_rdf_exports_refuse_filters(sample_store):
    from kg.errors import ExportError
    from kg.export import Filters, render

    with pytest.raises(ExportError, match="Filters apply to the entity-graph formats"):
        render(sample_store, "turtle", Filters(top=3))
