"""An extraction as triples: the document's metadata (real model)."""

from __future__ import annotations

from kg.extract.extraction import extract_source
from kg.ingest.sources import Source
from kg.rdf.terms import CONTRIBUTOR, ENT, TYPE, K, text
from kg.rdf.triples import document_iri, document_triples

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


def test_unnamed_speakers_are_one_anonymous_source_per_document_role_and_affiliation(nlp):
    story = (
        "Port Closed\n\nA senior Kenyan official said the port would close. Kenyan officials said the ships "
        "had left. Sources close to the investigation said the captain was arrested."
    )
    ex = extract_source(nlp, Source("port.txt", story, "1" * 64))
    slugs = {i: e.name.lower() for i, e in enumerate(ex.entities)}
    out = document_triples(ex, slugs.__getitem__, lambda slug: "Country").triples
    sources = sorted({s for s, p, o in out if p == TYPE and o == K.AnonymousSource})
    assert len(sources) == 2 and all(s.startswith(document_iri("1" * 64)[:-1] + "-src-") for s in sources)
    roles = {s: o for s, p, o in out if p == K.sourceRole}
    affiliations = {s: o for s, p, o in out if p == K.affiliation}
    assert sorted(roles.values()) == [text("official"), text("source")]
    (official,) = [s for s in sources if roles[s] == text("official")]
    assert affiliations == {official: ENT["kenyan"]}
    speakers = [o for s, p, o in out if p == K.subject]
    assert speakers.count(official) == 2 and len(speakers) == 3
    assert all((s, K.inDocument, document_iri("1" * 64)) in out for s in sources)
