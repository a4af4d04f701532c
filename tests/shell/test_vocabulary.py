"""Unknown classes and properties (kg.shell.vocabulary), and completion of terms after any prefix."""

from __future__ import annotations

import shutil
import subprocess
import sys

from commands_testing import one
from kgshell_testing import shell_env

from kg.shell.completion import suggest
from kg.shell.vocabulary import unknown_names


def test_a_misspelt_class_or_property_is_named_with_the_closest(executor):
    meta = executor.wait_metadata()
    query = "SELECT ?x WHERE { ?x a kg:Persn ; kg:subjekt ?y ; rdfs:labl ?n }"
    assert unknown_names(query, meta) == [
        ("kg:Persn", "kg:Person"),
        ("kg:subjekt", "kg:subject"),
        ("rdfs:labl", "rdfs:label"),
    ]


def test_known_names_strings_iris_and_instances_are_not_flagged(executor):
    meta = executor.wait_metadata()
    query = """PREFIX ex: <http://example.org/>
    SELECT ?x WHERE {
      ?x a kg:Person ; schema:name ?n ; rdfs:label "kg:Nothing" ; ex:whatever ent:no-such-one .  # kg:Persn
      ?f kg:predicate rel:made-up ; kg:modality kg:Asserted .
      FILTER(datatype(?n) = xsd:string)
    }"""
    assert unknown_names(query, meta) == []


def test_the_shell_warns_instead_of_answering_nothing_silently(executor):
    executor.wait_metadata()
    output = one(executor, "SELECT ?x WHERE { ?x a kg:Persn };")
    assert output.result.rows == []
    assert output.note == (
        "Neither the ontology nor the data has kg:Persn (did you mean kg:Person?): nothing can match it."
    )
    assert one(executor, "SELECT ?x WHERE { ?x a kg:Person } LIMIT 1;").note is None


def test_terms_after_any_prefix_complete_from_the_alignments_and_the_data(executor):
    meta = executor.wait_metadata()
    classes = [s.text for s in suggest("SELECT ?x WHERE { ?x a schema:Pe", meta)]
    assert "schema:Person" in classes  # kg:Person owl:equivalentClass schema:Person
    properties = [s.text for s in suggest("SELECT ?x WHERE { ?x schema:ab", meta)]
    assert "schema:about" in properties  # kg:about rdfs:subPropertyOf schema:about
    used = [s.text for s in suggest("SELECT ?x WHERE { ?x dcterms:ti", meta)]
    assert "dcterms:title" in used  # the data uses it


def test_an_empty_answer_waits_for_the_names_before_the_warning(executor):
    assert not executor.metadata.loaded  # nothing loaded them yet, as in a script
    output = one(executor, "SELECT ?x WHERE { ?x kg:subjekt ?y };")
    assert output.note == (
        "Neither the ontology nor the data has kg:subjekt (did you mean kg:subject?): nothing can match it."
    )


def test_a_script_gets_the_warning_on_stderr(sample_store_dir, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir, store)
    done = subprocess.run(
        [sys.executable, "-m", "kg", "shell", "--store", str(store), "-f", "csv", "-e", "ASK { ?x a kg:Persn };"],
        capture_output=True,
        text=True,
        env=shell_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout == "no\n"
    assert "kg:Persn (did you mean kg:Person?)" in done.stderr
