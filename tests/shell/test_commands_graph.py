"""The graph as a whole (kg.shell.commands.graph): \\classes \\properties \\prefixes \\stats \\explain \\load."""

from __future__ import annotations

import re

from commands_testing import column, failure, one, run

from kg.rdf.ontology import PREFIXES


def test_classes_with_their_instances(executor):
    output = one(executor, "\\classes")
    assert output.result.headers == ["class", "label", "instances"]
    assert output.status == f"{len(output.result.rows)} classes"
    assert {"kg:Person", "kg:Country", "kg:Document"} <= set(column(output, "class"))


def test_properties_say_which_the_ontology_declares(executor):
    output = one(executor, "\\dp")
    rows = dict(zip(column(output, "property"), column(output, "declared in"), strict=True))
    assert rows["kg:meets"] == "kg ontology" and rows["skos:altLabel"] == ""


def test_prefixes_are_the_predeclared_ones(executor):
    output = one(executor, "\\p")
    assert output.status == f"{len(PREFIXES)} prefixes"
    assert column(output, "prefix") == list(PREFIXES)


def test_stats_counts_the_graph_then_the_classes(executor):
    sizes, classes = run(executor, "\\stats")
    assert sizes.title == f"Store {executor.location}" and sizes.status == ""
    counts = dict(zip(column(sizes, "what"), column(sizes, "count"), strict=True))
    assert counts["documents"] == "5" and int(counts["triples"]) > 5000
    assert classes.title == "Instances per class" and "kg:Person" in column(classes, "class")


def test_explain_shows_the_algebra_and_what_each_pattern_matches(executor):
    text = one(executor, "\\explain SELECT ?x WHERE { ?x a kg:Person ; rdfs:label ?l };").text
    assert text.startswith("Logical plan (SPARQL algebra):\nSelectQuery(")
    assert "triples = [(?x, a, kg:Person), (?x, rdfs:label, ?l)]" in text
    # the count of labels grows with the ontology
    assert re.search(r"\n {10}12  \?x a kg:Person\n +\d{3}  \?x rdfs:label \?l\n$", text)


def test_explain_alone_explains_the_last_query(executor):
    assert failure(executor, "\\explain") == (
        "Usage: \\explain QUERY (or run a query first: \\explain alone explains the last one)."
    )
    run(executor, "SELECT ?c WHERE { ?c a kg:Country };")
    assert one(executor, "\\explain").text.endswith("  ?c a kg:Country\n")
    assert failure(executor, "\\explain SELECT WHERE {").startswith("Cannot explain this query: Expected SelectQuery")


def test_load_says_what_it_needs(executor, tmp_path):
    assert failure(executor, "\\load") == (
        "Usage: \\load PATH... (articles, saved pages, news dumps, or folders of them)."
    )
    missing = tmp_path / "missing.txt"
    assert failure(executor, f"\\load {missing}") == f"No such file or folder: {missing}"
