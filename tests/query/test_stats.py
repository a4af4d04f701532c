"""Counts that summarise a graph (kg.query.stats), as `kg stats` and the shell's \\stats print them."""

from __future__ import annotations

from kg.query.formatting import shorten
from kg.query.stats import class_counts, property_counts, store_is_empty
from kg.store.opening import open_store


def test_instances_per_class_most_first(sample_store):
    result = class_counts(sample_store)
    assert result.headers == ["class", "instances"]
    counts = {shorten(str(c)): int(n) for c, n in result.rows}
    assert counts["kg:Document"] == 5 and counts["kg:Person"] > 5
    assert [int(n) for _, n in result.rows] == sorted((int(n) for _, n in result.rows), reverse=True)
    assert not any(name.startswith(("owl:", "rdfs:")) or name == "kg:Modality" for name in counts)


def test_uses_per_property_leave_the_ontology_out(sample_store):
    result = property_counts(sample_store)
    uses = {shorten(str(p)): int(n) for p, n in result.rows}
    assert uses["rdfs:label"] > 50 and "rdf:type" in uses
    assert "rdfs:subClassOf" not in uses  # only the ontology uses it


def test_a_store_with_no_documents_is_empty(sample_store, tmp_path):
    assert not store_is_empty(sample_store)
    empty = open_store(tmp_path / "empty")
    try:
        assert store_is_empty(empty)
    finally:
        empty.close()
