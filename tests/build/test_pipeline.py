"""The build on the real model and a real Oxigraph store: contract, idempotence, increments, bad input."""

from __future__ import annotations

import codecs
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_kg
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic

from kg.build.pipeline import build, worth_compacting
from kg.ingest.sources import sample_corpus
from kg.rdf.ontology import KG, PREFIXES, load_ontology
from kg.store.opening import open_store

pytestmark = pytest.mark.slow  # builds corpora end to end

SAMPLES = sample_corpus()


def triples(store) -> set:
    return set(store.graph.triples((None, None, None)))


def same_graph(a, b) -> bool:
    """Equal up to blank-node names (the ontology's lists are blank nodes)."""
    graphs = []
    for store in (a, b):
        graph = Graph()
        for triple in store.graph.triples((None, None, None)):
            graph.add(triple)
        graphs.append(graph)
    return isomorphic(*graphs)


def test_every_predicate_in_the_graph_is_declared_or_labelled(sample_store):
    ontology = load_ontology()
    declared = set(ontology.subjects(RDF.type, None))
    standard = ("http://www.w3.org/", "http://purl.org/dc/terms/", "http://schema.org/")
    for predicate in set(sample_store.graph.predicates()):
        if str(predicate).startswith(standard):
            continue
        labelled = (predicate, RDFS.label, None) in sample_store.graph
        assert predicate in declared or labelled, predicate


def test_the_ontology_and_the_closed_vocabulary_agree():
    ontology = load_ontology()
    in_file = {str(s) for s in ontology.subjects() if str(s).startswith(str(KG))}
    in_code = {str(KG[name]) for name in KG.__annotations__}
    assert in_file == in_code
    for term in in_file:
        assert (URIRef(term), RDFS.label, None) in ontology or (URIRef(term), RDF.type, None) in ontology
    assert (URIRef(str(KG.Person)), OWL.equivalentClass, URIRef("http://schema.org/Person")) in ontology


def test_entities_have_one_type_a_label_and_their_aliases(sample_store):
    rows = sample_store.select(
        "SELECT ?e (COUNT(DISTINCT ?t) AS ?types) WHERE { ?e a ?t . ?e kg:mentionCount ?n } GROUP BY ?e"
    )
    assert rows and all(int(n) == 1 for _, n in rows)
    (labels,) = sample_store.select(
        "SELECT (GROUP_CONCAT(?alt; separator='|') AS ?alts) WHERE { ent:zelenskyy skos:altLabel ?alt }"
    ) or [(None,)]
    assert labels is not None


def test_negated_and_hypothetical_facts_are_never_direct_triples(sample_store):
    rows = sample_store.select(
        "SELECT ?f WHERE { ?f kg:subject ?s ; kg:predicate ?p ; kg:object ?o . ?s ?p ?o ."
        " { ?f kg:polarity kg:Negative } UNION { ?f kg:modality ?m FILTER(?m != kg:Asserted) }"
        " FILTER NOT EXISTS { ?g kg:subject ?s ; kg:predicate ?p ; kg:object ?o ; kg:polarity kg:Positive ;"
        " kg:modality kg:Asserted } }"
    )
    assert rows == []


def test_facts_trace_back_to_sentences_documents_and_offsets(sample_store):
    rows = sample_store.select(
        "SELECT ?text ?title ?start ?end WHERE { ?f a kg:Meeting ; kg:evidence ?e . ?e kg:sentence/kg:text ?text ;"
        " kg:inDocument/dcterms:title ?title ; kg:startChar ?start ; kg:endChar ?end }"
    )
    assert rows
    assert all(int(start) < int(end) for _, _, start, end in rows)


def test_building_the_same_files_twice_changes_nothing(sample_store):
    before = triples(sample_store)
    report = build(SAMPLES, sample_store)
    assert (report.built, report.unchanged) == (0, 5)
    assert not report.compacted  # nothing written, nothing to merge
    assert triples(sample_store) == before


def test_a_new_article_is_added_and_merged_into_known_entities(sample_store, tmp_path):
    count = "SELECT ?n WHERE { ?e rdfs:label 'Sergey Lavrov' ; kg:documentCount ?n }"
    ((before,),) = sample_store.select(count)
    article = tmp_path / "extra.txt"
    article.write_text("Lavrov Flies to Ankara\n\nSergei Lavrov met Turkish officials in Ankara on Monday.\n")
    report = build([str(article)], sample_store)
    assert report.built == 1
    ((after,),) = sample_store.select(count)  # the same node as in the sample articles, one document more
    assert int(after) == int(before) + 1
    meetings = sample_store.select(
        "SELECT ?o WHERE { ?f kg:subject ?s ; kg:predicate kg:meets ; kg:object ?o . ?s rdfs:label 'Sergey Lavrov' }"
    )
    assert meetings


def test_a_changed_file_replaces_its_old_facts(tmp_path):
    store = open_store(tmp_path / "store")
    article = tmp_path / "story.txt"
    article.write_text("Talks in Oslo\n\nNorway's prime minister Erna Solberg met Joe Biden in Oslo.\n")
    build([str(article)], store)
    article.write_text("Talks in Oslo\n\nNorway's prime minister Erna Solberg met Justin Trudeau in Oslo.\n")
    report = build([str(article)], store)
    assert (report.built, report.replaced) == (1, 1)
    assert report.compacted  # the store's files merged: it rewrote all of a one-document store
    objects = {
        str(o) for (o,) in store.select("SELECT ?l WHERE { ?f kg:predicate kg:meets ; kg:object/rdfs:label ?l }")
    }
    assert objects == {"Justin Trudeau"}
    assert {str(o) for (o,) in store.select("SELECT ?l WHERE { ?d kg:mentions/rdfs:label ?l }")} >= {"Justin Trudeau"}
    assert store.select("SELECT ?e WHERE { ?d kg:mentions ?e FILTER NOT EXISTS { ?e rdfs:label ?l } }") == []
    assert store.select("SELECT ?e WHERE { ?e rdfs:label 'Joe Biden' }") == []
    assert len(store.select("SELECT ?d WHERE { ?d a kg:Document }")) == 1
    store.close()


def test_a_build_compacts_the_store_when_it_wrote_a_tenth_of_it_or_more():
    assert worth_compacting(written=10_000, held_before=0)
    assert worth_compacting(written=100, held_before=900)
    assert not worth_compacting(written=99, held_before=901)
    assert not worth_compacting(written=5, held_before=10_000)  # a second per 1,000 stored documents: skipped
    assert not worth_compacting(written=0, held_before=0)


@pytest.mark.parametrize(("jobs", "expected"), [(1, [64, 112, 4]), (2, [64, 80, 16, 16, 4])])
def test_batches_start_small_double_and_end_with_what_the_workers_hold(tmp_path, jobs, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(180):
        (corpus / f"{i:03}.txt").write_text(f"Note {i}\n\nMaria Lopez visited Lisbon on day {i}.\n")
    sizes: list[int] = []
    store = open_store(tmp_path / "store")
    report = build([str(corpus)], store, jobs=jobs, progress=sizes.append)
    store.close()
    assert report.built == 180
    # 64 first, written while the rest is parsed; then up to 128, but cut short when the last chunk of 16 goes to
    # a worker (with one worker, 176 documents are back by then; with two, 144); then each chunk still in the
    # workers' hands as it comes back: only the last one is left to write after all parsing
    assert sizes == expected


def test_a_stated_location_survives_the_refresh_of_derived_values(tmp_path):
    """A city's kg:locatedIn is derived from the gazetteer, and also a relation an article may state. When a
    later batch names the city again, its derived values are rewritten; what an article states stays."""
    (tmp_path / "a.txt").write_text("Aid arrives\n\nAid arrived in Kharkiv, Russia, on Monday.\n")
    (tmp_path / "b.txt").write_text("Power returns\n\nOfficials in Kharkiv said on Tuesday that power was back.\n")
    store = open_store(tmp_path / "store")
    build([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store, batch_size=1)
    places = store.select("SELECT ?l WHERE { ?c rdfs:label 'Kharkiv' ; kg:locatedIn/rdfs:label ?l }")
    assert "Russia" in {str(p) for (p,) in places}
    store.close()


def test_documents_and_facts_carry_their_sources(sample_store):
    rows = sample_store.select(
        "SELECT ?n WHERE { ?f kg:subject ?s ; kg:predicate kg:meets ; kg:object ?o ; kg:sourceCount ?n ."
        " ?s rdfs:label 'Antony Blinken' . ?o rdfs:label 'Sergey Lavrov' }"
    )
    assert [int(n) for (n,) in rows] == [2]  # the same story on two sites: one fact, two sources


def test_a_document_links_each_entity_it_names(sample_store):
    by_link = sample_store.select(
        "SELECT ?e (COUNT(?d) AS ?n) WHERE { ?d a kg:Document ; kg:mentions ?e } GROUP BY ?e ORDER BY ?e"
    )
    by_mentions = sample_store.select(
        "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?m kg:refersTo ?e ; kg:sentence/kg:inDocument ?d } "
        "GROUP BY ?e ORDER BY ?e"
    )
    assert by_link == by_mentions and len(by_link) > 40


def test_an_appearance_counts_the_mentions_of_an_entity_in_a_document(sample_store):
    by_appearance = sample_store.select(
        "SELECT ?d ?e ?n WHERE { ?a a kg:Appearance ; kg:inDocument ?d ; kg:entity ?e ; kg:timesMentioned ?n } "
        "ORDER BY ?d ?e"
    )
    by_mentions = sample_store.select(
        "SELECT ?d ?e (COUNT(?m) AS ?n) WHERE { ?m kg:refersTo ?e ; kg:sentence/kg:inDocument ?d } "
        "GROUP BY ?d ?e ORDER BY ?d ?e"
    )
    linked = sample_store.select("SELECT ?d ?e WHERE { ?d kg:mentions ?e } ORDER BY ?d ?e")
    assert by_appearance == by_mentions and len(by_appearance) > 40
    assert [(d, e) for d, e, _ in by_appearance] == linked
    assert max(int(n) for _, _, n in by_appearance) > 5


# --- the command line on bad input ------------------------------------------------------------------------


def test_bad_inputs_are_named_and_the_rest_is_built(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Floods in Porto\n\nHeavy rain flooded Porto on Sunday, officials said.\n")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "in" / "latin1.txt").write_bytes(
        "Strike in Zürich\n\nWorkers in Zürich went on strike.".encode("latin-1")
    )
    (tmp_path / "in" / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Vote in Lyon\n\nLyon voted.".encode("utf-16-le"))
    (tmp_path / "empty-folder").mkdir()
    result = run_kg("build", "in", "missing.txt", "empty-folder", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert "skipped in/empty.txt: empty file" in err
    assert "skipped in/binary.txt: binary file" in err
    assert "skipped missing.txt: no such file or folder" in err
    assert "skipped empty-folder: folder has no input files (.csv, .htm, .html, .json, .jsonl" in err
    assert "note in/latin1.txt: not UTF-8" in err and "note in/utf16.txt: decoded as UTF-16" in err
    assert "Built 3 documents" in result.stdout.decode()
    assert "Traceback" not in err


def test_a_missing_model_is_one_clear_paragraph(tmp_path):
    result = run_kg("build", "--model", "xx_no_such_model", "--store", "s", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "spaCy pipeline 'xx_no_such_model' could not be loaded" in err and "pip install" in err
    assert "Traceback" not in err


def test_stdin_is_built(tmp_path):
    result = run_kg("build", "-", cwd=tmp_path, input=b"Bridge Opens\n\nThe mayor of Leeds opened a bridge.\n")
    assert result.returncode == 0 and "Built 1 document " in result.stdout.decode()


def test_ctrl_c_keeps_whole_batches_and_a_rerun_completes_the_graph(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(7):  # 35 distinct documents: three parsing chunks, so the signal finds some unparsed
        for sample in SAMPLES:
            text = Path(sample).read_text(encoding="utf-8")
            (corpus / f"{copy}-{Path(sample).name}").write_text(text + f"\nEdition {copy}.\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--store", "s", "--batch-size", "2", "--no-export"]
    process = subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stderr is not None
    line = process.stderr.readline().decode()  # "built 2/35 documents": the first batch is committed
    assert line.startswith("built 2/35"), line
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 130, err.decode()
    store = open_store(tmp_path / "s")
    documents = store.select("SELECT ?d WHERE { ?d a kg:Document }")
    assert 2 <= len(documents) < 35
    incomplete = store.select(
        "SELECT ?d WHERE { ?d a kg:Document . FILTER NOT EXISTS { ?s kg:inDocument ?d ; a kg:Sentence } }"
    )
    assert incomplete == []
    store.close()
    result = run_kg("build", str(corpus), "--store", "s", "--batch-size", "2", "--no-export", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    resumed = open_store(tmp_path / "s")
    straight = open_store(tmp_path / "straight")
    build([str(corpus)], straight, batch_size=2)
    assert same_graph(resumed, straight)
    resumed.close()
    straight.close()


def test_prefixes_are_predeclared_and_turtle_uses_them(tmp_path):
    result = run_kg("build", cwd=tmp_path)
    assert result.returncode == 0
    graph = Graph().parse(tmp_path / "exports" / "graph.ttl")
    bound = dict(graph.namespaces())
    assert all(str(bound.get(prefix)) == ns for prefix, ns in PREFIXES.items() if prefix in {"kg", "ent", "fact"})
