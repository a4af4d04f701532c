"""How entities connect (kg.shell.commands.connections): \\path and \\around, on the sample store."""

from __future__ import annotations

from commands_testing import column, failure, one, run
from rdflib import Literal, URIRef

from kg.export.analysis import Filters, apply
from kg.export.projection import project
from kg.rdf.ontology import PREFIXES
from kg.shell.commands.connections import _strongest

KG = PREFIXES["kg"]


def test_path_shows_each_step_with_its_predicate_and_a_source_sentence(executor):
    output = one(executor, "\\path Blinken Putin")
    assert output.title == "Antony Blinken … Vladimir Putin"
    assert output.sparql.startswith("# How ent:antony-blinken and ent:vladimir-putin are connected through")
    assert output.result.headers == ["path", "step", "subject", "predicate", "object", "reaches", "sentence"]
    rows = output.result.rows
    assert rows
    hops = max(int(row[1]) for row in rows)
    paths = {int(row[0]) for row in rows}
    for number in paths:
        steps = [row for row in rows if int(row[0]) == number]
        assert [int(row[1]) for row in steps] == list(range(1, hops + 1))
        assert str(steps[-1][5]) == "Vladimir Putin"  # every chain ends at the second entity
    for sentence in column(output, "sentence"):  # each step's sentence is one the store holds
        assert executor.query(f"ASK {{ ?s kg:text {Literal(sentence).n3()} }}").boolean, sentence
    assert failure(executor, "\\path Blinken Blinken") == "Those are the same entity."


def test_path_honours_min_sources(executor):
    run(executor, "\\set min-sources 2")
    output = one(executor, "\\path Blinken Lavrov")
    assert "FILTER(?sources1 >= 2)" in output.sparql
    assert column(output, "predicate") == ["meets"]


def _row(facts: list[str], via: list[str], strength: list[tuple[int, float, str]]) -> tuple:
    chain: list = []
    for i, fact in enumerate(facts):
        chain.append(URIRef(fact))
        if i < len(via):
            chain.append(URIRef(via[i]))
    for sources, confidence, predicate in strength:
        chain += [Literal(sources), Literal(confidence), URIRef(KG + predicate)]
    return tuple(chain)


def test_path_prefers_well_sourced_facts_to_claims():
    rows = [
        _row(["f:said", "f:a"], ["v:1"], [(3, 0.9, "says"), (3, 0.9, "meets")]),
        _row(["f:weak", "f:b"], ["v:2"], [(1, 0.99, "meets"), (5, 0.99, "meets")]),
        _row(["f:fact", "f:c"], ["v:3"], [(3, 0.8, "meets"), (4, 0.8, "visits")]),
        _row(["f:fact", "f:c"], ["v:3"], [(3, 0.8, "meets"), (4, 0.8, "visits")]),  # the same chain twice
    ]
    ranked = _strongest(rows, 2)
    assert [facts for facts, _ in ranked] == [["f:fact", "f:c"], ["f:said", "f:a"], ["f:weak", "f:b"]]
    assert ranked[0][1] == ["v:3"]


def test_around_is_the_neighbourhood_kg_export_draws(executor):
    output = one(executor, "\\around Lavrov")
    assert output.title.startswith("Sergey Lavrov (Person)  ent:sergey-lavrov: 1 hop around")
    g = apply(project(executor.store), Filters(around="ent:sergey-lavrov", hops=1))
    assert len(output.result.rows) == g.number_of_edges()
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert set(column(output, "subject")) | set(column(output, "object")) <= labels
    assert output.status.endswith(f"among {g.number_of_nodes()} entities")
    wider = one(executor, "\\around Sergey Lavrov 2")
    assert len(wider.result.rows) > len(output.result.rows)


def test_around_checks_its_hops(executor):
    assert failure(executor, "\\around Lavrov 7") == (
        "HOPS is a number from 1 to 3, not '7'. Usage: \\around NAME [HOPS]"
    )
    assert failure(executor, "\\around") == "Usage: \\around NAME [HOPS], e.g. \\around Lavrov 2 (Tab completes names)."


_ABOUT = """SELECT DISTINCT ?fact WHERE {{
  ?fact kg:about {e} ; kg:predicate kg:says ; kg:subject ?who . FILTER(?who != {e})
  {{ ?fact a kg:Quote }} UNION {{ ?fact a kg:Statement }}
}}"""


def test_said_about_lists_what_others_said_about_someone(executor):
    output = one(executor, "\\said about Putin")
    assert output.sparql.startswith("# What others said about Vladimir Putin")
    assert "?fact kg:about ent:vladimir-putin" in output.sparql
    speakers = column(output, "speaker")
    assert speakers and "Vladimir Putin" not in speakers
    expected = executor.query(_ABOUT.format(e="ent:vladimir-putin"), limit=False).rows
    assert len(output.result.rows) == len(expected)
    own = set(column(one(executor, "\\said Putin"), "what"))
    assert not own & set(column(output, "what"))  # his own words are not among them
    assert failure(executor, "\\said about") == (
        "Usage: \\said about NAME, e.g. \\said about Lavrov (Tab completes names)."
    )


def test_around_says_when_the_filters_leave_the_entity_out(executor):
    run(executor, "\\set min-sources 99")
    assert failure(executor, "\\around Lavrov") == (
        "ent:sergey-lavrov is not an entity of the entity graph with 99+ sources (\\set min-sources); "
        "\\describe ent:sergey-lavrov shows what is known."
    )
