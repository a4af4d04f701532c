"""An extraction as triples: the document's metadata (real model)."""

from __future__ import annotations

from kg.extract.extraction import extract_source
from kg.ingest.sources import Source
from kg.rdf.terms import CONTRIBUTOR, K, text
from kg.rdf.triples import document_triples

STORY = (
    "Dam Repairs Begin\n\nCAIRO, Egypt - Engineers began repairing the dam on Monday.\n\n"
    "(Reporting by Lena Moss; Editing by Ori Dahan)"
)


def test_wire_credits_are_contributors_and_the_dateline_a_place(nlp):
    ex = extract_source(nlp, Source("dam.txt", STORY, "0" * 64))
    slugs = {i: e.name.lower() for i, e in enumerate(ex.entities)}
    out = document_triples(ex, slugs.__getitem__, lambda slug: "Place").triples
    assert {o for _, p, o in out if p == CONTRIBUTOR} == {text("Lena Moss"), text("Ori Dahan")}
    places = [o for _, p, o in out if p == K.datelinePlace]
    assert len(places) == 1 and places[0].endswith("/cairo>")
    assert not any("Moss" in o for s, p, o in out if p != CONTRIBUTOR)
