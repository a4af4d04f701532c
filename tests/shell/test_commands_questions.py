"""The questions (kg.shell.commands.questions): \\timeline \\met \\said \\why, on the sample store."""

from __future__ import annotations

import pytest
from commands_testing import column, failure, one, run, table


def test_timeline_prints_its_sparql_and_the_facts_in_date_order(executor):
    output = one(executor, "\\timeline Lavrov")
    assert output.sparql.startswith("# Sergey Lavrov: facts and events in date order")
    assert "?fact kg:subject|kg:object|kg:participant ent:sergey-lavrov ." in output.sparql
    assert output.result.headers == ["when", "subject", "predicate", "object", "sources", "document"]
    dated = [when for when in column(output, "when") if when[:1].isdigit()]
    assert dated and dated == sorted(dated)


@pytest.mark.parametrize("command", ["\\timeline", "\\met", "\\said"])
def test_a_question_about_one_entity_needs_its_name(executor, command):
    assert failure(executor, command) == f"Usage: {command} NAME, e.g. {command} Lavrov (Tab completes names)."


def test_met_honours_min_sources(executor):
    assert "ent:vladimir-putin" in column(one(executor, "\\met Biden"), "with")
    run(executor, "\\set min-sources 2")
    output = one(executor, "\\met Lavrov")
    assert "  FILTER(?sources >= 2)\n" in output.sparql
    assert column(output, "with") == ["ent:antony-blinken"]


def test_said_lists_quotes_and_claims(executor):
    output = one(executor, "\\said Lavrov")
    assert "kg:predicate kg:says" in output.sparql
    assert any("We will not let our initiative" in what for what in column(output, "what"))


def test_why_shows_the_sentences_behind_a_fact(executor):
    output = one(executor, "\\why Blinken meets Lavrov")
    assert "?fact kg:subject ent:antony-blinken ; kg:predicate kg:meets ; kg:object ent:sergey-lavrov" in output.sparql
    assert len(output.result.rows) == 2 and output.note is None
    assert "Secretary of State Antony Blinken will meet" in table(output)


def test_why_explains_an_empty_answer(executor):
    reverse = one(executor, "\\why Lavrov meets Blinken")
    assert reverse.note == (
        "No such fact, but the reverse is in the graph: \\why ent:antony-blinken kg:meets ent:sergey-lavrov"
    )
    assert one(executor, "\\why Blinken says Lavrov").note == "No such fact. Facts between them use: kg:meets"
    run(executor, "\\set min-confidence 0.9")
    assert one(executor, "\\why Blinken meets Lavrov").note == (
        "A fact matches, but below \\set min-sources / min-confidence; lower them to see it."
    )


def test_why_names_what_it_cannot_read(executor):
    assert failure(executor, "\\why Blinken nosuch Lavrov") == (
        "No property is called 'nosuch'. Try kg:meets, kg:says, or Tab after the subject."
    )
    assert failure(executor, '\\why Blinken "meets"') == (
        'Usage: \\why SUBJECT PREDICATE OBJECT (quote names with spaces: "Joe Biden", or use ent: names).'
    )


def test_show_sparql_off_prints_only_the_answer(executor):
    run(executor, "\\set show-sparql off")
    assert one(executor, "\\said Lavrov").sparql is None
