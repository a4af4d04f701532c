"""`suggest()` as a pure function over a hand-built metadata dict (pgcli style): no store, no terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.shell import large_graph
from kg.shell.completion import suggest
from kg.shell.metadata import Entity, Metadata, NameIndex, Term
from kg.shell.named import save_named
from kg.shell.special import command_names


def _metadata() -> Metadata:
    return Metadata(
        classes=[
            Term("kg:Person", "Person", 13, True),
            Term("kg:Country", "Country", 11, True),
            Term("kg:Meeting", "Meeting", 4, True),
            Term("kg:PhoneCall", "Phone call", 2, True),
        ],
        properties=[
            Term("rdfs:label", "", 208),
            Term("kg:meets", "meets", 3, True),
            Term("kg:mentionCount", "mention count", 55, True),
            Term("kg:speaksWith", "speaks with", 2, True),
            Term("rel:take", "take", 2),
        ],
        entities=[
            Entity("ent:sergey-lavrov", "Sergey Lavrov", "Person", 4, ("Sergei Lavrov",)),
            Entity("ent:sergei-ryabkov", "Sergei Ryabkov", "Person", 3),
            Entity("ent:joe-biden", "Joe Biden", "Person", 52, ("Biden",)),
            Entity("ent:russia", "Russia", "Country", 62),
            Entity("ent:zelenskyy", "Volodymyr Zelenskyy", "Person", 9),
            Entity("concept:security-guarantees", "security guarantees", "Concept", 0),
        ],
        loaded=True,
    )


@pytest.fixture(scope="module")
def meta() -> Metadata:
    return _metadata()


def texts(suggestions) -> list[str]:
    return [s.text for s in suggestions]


def test_keyword_at_the_start(meta):
    assert texts(suggest("SEL", meta))[0] == "SELECT"
    assert texts(suggest("sel", meta))[0] == "select"  # follows the user's case


def test_keyword_replaces_what_was_typed(meta):
    (first, *_) = suggest("SELECT ?p WHERE { ?p a kg:Person . OPT", meta)
    assert (first.text, first.start, first.kind) == ("OPTIONAL", -3, "keyword")


def test_classes_after_a(meta):
    assert texts(suggest("SELECT ?p WHERE { ?p a kg:Per", meta)) == ["kg:Person"]
    assert texts(suggest("SELECT ?p WHERE { ?p a ", meta))[:2] == ["kg:Person", "kg:Country"]  # by instances


def test_class_by_its_label_without_prefix(meta):
    assert texts(suggest("SELECT ?p WHERE { ?p a Phone", meta))[0] == "kg:PhoneCall"


def test_predicate_slot_offers_properties_most_used_first(meta):
    offered = texts(suggest("SELECT ?p WHERE { ?p ", meta))
    assert offered[:3] == ["a", "rdfs:label", "kg:mentionCount"]
    assert "ent:sergey-lavrov" not in offered


def test_predicate_after_semicolon(meta):
    assert texts(suggest("SELECT * WHERE { ?p a kg:Person ; kg:me", meta))[:2] == ["kg:mentionCount", "kg:meets"]


def test_entity_by_label_shows_name_and_class(meta):
    (first, *_) = suggest("SELECT ?x WHERE { ?x kg:meets Lavr", meta)
    assert (first.text, first.meta, first.start) == ("ent:sergey-lavrov", "Sergey Lavrov (Person)", -4)


def test_entity_by_alias_and_by_prefixed_name(meta):
    assert texts(suggest("SELECT ?x WHERE { ?x kg:meets Sergei", meta))[:2] == [
        "ent:sergei-ryabkov",
        "ent:sergey-lavrov",
    ]
    assert texts(suggest("SELECT ?x WHERE { ?x kg:meets ent:zel", meta)) == ["ent:zelenskyy"]
    assert texts(suggest("SELECT ?x WHERE { ent:sergey", meta)) == ["ent:sergey-lavrov"]


def test_entities_ranked_exact_then_mentions(meta):
    offered = texts(suggest("SELECT ?x WHERE { ?x ?p Biden", meta))
    assert offered[0] == "ent:joe-biden"


def test_variables_already_in_the_query(meta):
    before, after = "SELECT ?name WHERE { ?person rdfs:label ?name } ORDER BY ?", ""
    assert texts(suggest(before, meta, after)) == ["?name", "?person"]
    assert texts(suggest("SELECT ?n", meta, " WHERE { ?s rdfs:label ?name }")) == ["?name"]


def test_prefix_declarations(meta):
    offered = suggest("PREFIX ", meta)
    assert "kg: <https://kg.example.org/ontology#>" in texts(offered)
    assert texts(suggest("PREFIX kg: ", meta)) == ["<https://kg.example.org/ontology#>"]


def test_functions_inside_filter(meta):
    assert texts(suggest("SELECT * WHERE { ?s rdfs:label ?l FILTER(STRST", meta))[0] == "STRSTARTS"
    assert "?l" in texts(suggest("SELECT * WHERE { ?s rdfs:label ?l FILTER(CONTAINS(", meta, explicit=True))


def test_nothing_inside_strings_iris_and_comments(meta):
    assert suggest('SELECT * WHERE { ?s rdfs:label "Lavr', meta) == []
    assert suggest("SELECT * WHERE { ?s ?p <https://kg.example.org/ent", meta) == []
    assert suggest("SELECT * WHERE { # find Lavr", meta) == []


def test_empty_word_is_quiet_unless_tab(meta):
    assert suggest("SELECT * WHERE { ?s ?p ?o . ", meta) == []
    assert "OPTIONAL" in texts(suggest("SELECT * WHERE { ?s ?p ?o . ", meta, explicit=True))


def test_backslash_commands_and_their_arguments(meta):
    commands = command_names()
    assert "\\describe" in texts(suggest("\\de", meta, commands=commands))
    (lavrov, *_) = suggest("\\describe Lavr", meta, commands=commands)
    assert (lavrov.text, lavrov.start, lavrov.meta) == ("ent:sergey-lavrov", -4, "Sergey Lavrov (Person)")
    assert texts(suggest("\\describe Sergey La", meta, commands=commands))[0] == "ent:sergey-lavrov"
    assert texts(suggest("\\format js", meta, commands=commands)) == ["json"]
    assert texts(suggest("\\set min-", meta, commands=commands)) == ["min-sources", "min-confidence"]
    assert texts(suggest("\\set pager o", meta, commands=commands)) == ["on", "off"]
    assert texts(suggest("\\why Biden spea", meta, commands=commands)) == ["kg:speaksWith"]
    assert texts(suggest("\\path Biden Lav", meta, commands=commands)) == ["ent:sergey-lavrov"]
    assert [s.kind for s in suggest("\\o /tmp/x", meta, commands=commands)] == ["path"]
    assert texts(suggest("\\explain SELECT ?p WHERE { ?p a kg:Co", meta, commands=commands)) == ["kg:Country"]


def test_arguments_of_the_new_commands(meta, tmp_path, monkeypatch):
    commands = command_names()
    (lavrov, *_) = suggest("\\said about Lavr", meta, commands=commands)
    assert (lavrov.text, lavrov.start) == ("ent:sergey-lavrov", -4)
    assert texts(suggest("\\around Zelen", meta, commands=commands)) == ["ent:zelenskyy"]
    assert texts(suggest("\\x a", meta, commands=commands)) == ["auto"]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    save_named("people", "SELECT ?p WHERE { ?p a kg:Person }")
    save_named("places", "SELECT ?p WHERE { ?p a kg:Place }")
    assert texts(suggest("\\n pe", meta, commands=commands)) == ["people"]
    assert texts(suggest("\\nd pl", meta, commands=commands)) == ["places"]


def test_usage_from_history_ranks_first(meta):
    used = _metadata()
    used.usage.update({"kg:meets": 5})
    assert texts(suggest("SELECT * WHERE { ?p kg:me", used))[0] == "kg:meets"


REALISTIC = [
    """PREFIX ex: <http://example.org/>
SELECT DISTINCT ?name (COUNT(?f) AS ?facts) WHERE {
  ?p a kg:Person ; rdfs:label ?name ; kg:mentionCount ?m .
  OPTIONAL { ?f kg:subject ?p ; kg:predicate/rdfs:label "meets"@en , 'x' . }
  FILTER(CONTAINS(LCASE(?name), "lav") && ?m > 2)
  [] kg:about ?p . BIND(STRLEN(?name) AS ?len) VALUES ?x { ent:russia <http://x/y> 1.5e3 }
  { ?p kg:worksFor ?o } UNION { ?o kg:employs ?p } MINUS { ?p owl:sameAs ?q }
} GROUP BY ?name HAVING(?facts > 1) ORDER BY DESC(?facts) LIMIT 10 OFFSET 2;""",
    '\\why "Joe Biden" kg:meets ent:vladimir-putin',
    "\\set min-confidence 0.5",
    'INSERT DATA { ent:x rdfs:label """multi\nline""" } ; DELETE WHERE { ?s ?p ?o }',
]


@pytest.mark.parametrize("query", REALISTIC)
def test_every_prefix_of_a_realistic_query_does_not_crash(meta, query):
    commands = command_names()
    for i in range(len(query) + 1):
        for explicit in (False, True):
            for s in suggest(query[:i], meta, query[i:], explicit=explicit, commands=commands):
                assert s.start <= 0 and -s.start <= i


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("SELCTWHR{}()<>?:;.,\"'#\\ \nabkglnt-_ent$a1@^/|*[]")), max_size=60))
def test_arbitrary_text_does_not_crash(text):
    suggest(text, _metadata(), explicit=True, commands=command_names())


def test_completion_finds_a_name_among_a_hundred_thousand():
    """About 100,000 named entities and 2,000 properties; its speed is measured by bench/shell.py."""
    meta = large_graph(100_000)
    commands = command_names()
    assert texts(suggest("SELECT ?x WHERE { ?x kg:meets Qwert", meta, commands=commands)) == ["ent:zbigniew-qwertyson"]
    assert "rel:verb7" in texts(suggest("SELECT ?x WHERE { ?x rel:verb7", meta, commands=commands))


def test_name_index_tiers():
    index = NameIndex(_metadata().entities)
    assert [(t, e.name) for t, e in index.search("biden")][:1] == [(1, "ent:joe-biden")]  # an alias
    assert [(t, e.name) for t, e in index.search("Joe Biden")][:1] == [(0, "ent:joe-biden")]
    assert [e.name for _, e in index.search("zelensk")] == ["ent:zelenskyy"]
    assert [e.name for _, e in index.search("guarantee")] == ["concept:security-guarantees"]
    assert index.search("  ") == []


def test_standard_vocabularies_complete_after_their_prefix(meta):
    (name, *_) = [s for s in suggest("SELECT ?x WHERE { ?x schema:nam", meta) if s.text == "schema:name"]
    assert name.meta == "schema vocabulary"
    assert "schema:Person" in texts(suggest("SELECT ?x WHERE { ?x a schema:Pers", meta))
    assert "prov:wasDerivedFrom" in texts(suggest("SELECT ?x WHERE { ?x prov:wasDer", meta))
    classes = texts(suggest("SELECT ?x WHERE { ?x a kg:Co", meta))
    assert classes == ["kg:Country"]  # kg's own terms come from the ontology and the data alone
