"""\\describe and \\sources (kg.shell.commands.entities), and how an argument names an entity or a property
(kg.shell.commands.lookup), on the sample store."""

from __future__ import annotations

from commands_testing import failure, one, run

from kg.shell.commands.lookup import resolve, resolve_property, sparql_term


def test_describe_shows_a_card_then_the_facts(executor):
    card, subject, obj, said = run(executor, "\\describe Lavrov")
    lines = card.text.splitlines()
    assert lines[0] == "Sergey Lavrov (Person)  ent:sergey-lavrov"
    assert "  also called   Sergei Lavrov" in lines and "  roles         Foreign Minister (Russia)" in lines
    assert lines[-1] == "  mentioned     4 times in 4 documents (\\sources ent:sergey-lavrov shows where)"
    assert subject.text == "Facts with it as subject: none\n"
    assert (obj.title, obj.status) == ("Facts with it as object", "1 fact")
    assert (said.title, said.status) == ("What it said", "2 statements")


def test_describe_names_the_filters_when_they_hide_every_fact(executor):
    run(executor, "\\set min-sources 3")
    texts = [o.text for o in run(executor, "\\describe Lavrov") if o.text]
    assert "Facts with it as object: none (at this \\set min-sources / min-confidence)\n" in texts


def test_describe_anything_else_lists_its_triples_both_ways(executor):
    out, incoming = run(executor, "\\d kg:Person")
    assert (out.title, out.status) == ("Person  kg:Person", "6 triples out")
    assert (incoming.title, incoming.status) == ("Pointing to it", "17 triples in")


def test_describe_says_what_it_cannot_find(executor):
    assert failure(executor, "\\describe Nobodyatall") == (
        "No entity is called 'Nobodyatall'. Tab after the command completes names."
    )
    assert failure(executor, "\\describe") == (
        "Which entity? Give a name or an IRI, e.g. Lavrov or ent:sergey-lavrov (Tab completes)."
    )
    assert failure(executor, "\\describe ent:nobody") == "Nothing in the store is about ent:nobody."


def test_sources_of_an_entity_and_of_a_fact(executor):
    entity = one(executor, "\\sources Lavrov")
    assert (entity.title, entity.status) == ("Sergey Lavrov (Person)  ent:sergey-lavrov", "4 sentences in 4 documents")
    assert "?mention kg:refersTo ent:sergey-lavrov" in entity.sparql
    fact = one(executor, "\\sources fact:antony-blinken-meets-sergey-lavrov")
    assert fact.status == "2 sentences in 2 documents" and "kg:evidence ?evidence" in fact.sparql


def test_an_entity_by_name_alias_prefixed_name_or_iri(executor):
    lavrov = "https://kg.example.org/entity/sergey-lavrov"
    for text in ("Lavrov", "sergey lavrov", "Sergei Lavrov", "ent:sergey-lavrov", f"<{lavrov}>", lavrov):
        found = resolve(executor, text)
        assert (found.iri, found.label, found.kind) == (lavrov, "Sergey Lavrov", "Person"), text
    assert sparql_term(lavrov) == "ent:sergey-lavrov"
    assert sparql_term("http://example.org/x y") == "<http://example.org/x y>"


def test_a_property_by_label_local_name_or_prefixed_name(executor):
    speaks = "https://kg.example.org/ontology#speaksWith"
    for text in ("speaks with", "speaksWith", "kg:speaksWith", "speakswith"):
        assert resolve_property(executor, text) == speaks, text
    assert resolve_property(executor, "meet") == "https://kg.example.org/ontology#meets"
