"""A build ends by resolving the store's entities as a whole: a surname built before the full name joins it,
with its mentions, facts and counts, and a store left unsettled (a build killed before its end) is settled by
the next build, even one with nothing new to write. Real model, real store, articles of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.rdf.updates import UNSETTLED, insert_data
from kg.store.opening import open_store

pytestmark = pytest.mark.slow  # builds end to end

DATA = Path(__file__).resolve().parent.parent / "data" / "order"
SURNAME, FULL_NAME = str(DATA / "surname.txt"), str(DATA / "full-name.txt")  # 'Hartwell', 'Diane Hartwell'
ENTITY = "https://kg.example.org/entity/"
PROLOGUE = "PREFIX kg: <https://kg.example.org/ontology#> "


def _built(tmp: Path, *parts: list[str]):
    store = open_store(tmp / "store")
    for part in parts:
        build(part, store)
    return store


def _lines(store, tmp: Path) -> list[str]:
    store.dump(tmp / "graph.nt", "ntriples")
    return sorted(line for line in (tmp / "graph.nt").read_text().splitlines() if "_:" not in line)


def test_a_surname_built_first_joins_the_full_name_built_later(tmp_path):
    store = _built(tmp_path, [SURNAME], [FULL_NAME])
    try:
        query = "SELECT DISTINCT ?e WHERE { ?m kg:surfaceForm ?f ; kg:refersTo ?e FILTER(CONTAINS(?f, 'Hartwell')) }"
        referred = {str(r[0]) for r in store.select(PROLOGUE + query)}
        assert referred == {ENTITY + "diane-hartwell"}
        assert not store.select(
            f"SELECT ?p WHERE {{ {{ <{ENTITY}hartwell> ?p ?o }} UNION {{ ?s ?p <{ENTITY}hartwell> }} }}"
        )
        query = (
            f"SELECT ?m ?d WHERE {{ <{ENTITY}diane-hartwell> kg:mentionCount ?m ; kg:documentCount ?d ; a kg:Person }}"
        )
        counts = store.select(PROLOGUE + query)
        mentions = store.select(PROLOGUE + f"SELECT ?m WHERE {{ ?m kg:refersTo <{ENTITY}diane-hartwell> }}")
        assert [(int(m), int(d)) for m, d in counts] == [(len(mentions), 2)]
        assert not store.select(f"SELECT ?s WHERE {{ {' '.join(UNSETTLED)} }}")
        lines = _lines(store, tmp_path)
    finally:
        store.close()
    for order, parts in {"at once": [[SURNAME, FULL_NAME]], "the other way": [[FULL_NAME], [SURNAME]]}.items():
        other = _built(tmp_path / order, *parts)
        try:
            assert _lines(other, tmp_path / order) == lines, order
        finally:
            other.close()


def test_a_store_left_unsettled_is_settled_by_the_next_build(tmp_path):
    store = _built(tmp_path, [SURNAME, FULL_NAME])
    try:
        settled = _lines(store, tmp_path)
        # what a build killed after its last batch leaves: the marker, and values not yet derived from all
        store.update(insert_data([UNSETTLED]))
        store.update(PROLOGUE + f"DELETE WHERE {{ <{ENTITY}diane-hartwell> a ?t ; kg:mentionCount ?n }}")
        report = build([SURNAME, FULL_NAME], store)
        assert (report.built, report.unchanged) == (0, 2)
        assert _lines(store, tmp_path) == settled
    finally:
        store.close()
