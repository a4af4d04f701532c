"""Named queries (kg.shell.named and kg.shell.commands.named): saved privately, run with arguments."""

from __future__ import annotations

import json
import stat

import pytest
from commands_testing import column, failure, one, run

from kg.errors import KGError
from kg.shell.named import delete_named, load_named, named_path, save_named, substitute


def test_substitute_positional_arguments_as_pgcli_does():
    query = 'SELECT ?p WHERE { ?p rdfs:label "$1" ; kg:worksFor/rdfs:label "$2" }'
    assert substitute(query, '"Joe Biden" "White House"') == (
        'SELECT ?p WHERE { ?p rdfs:label "Joe Biden" ; kg:worksFor/rdfs:label "White House" }'
    )
    assert substitute("FILTER(?e IN ($*))", "ent:a 'ent:b'") == "FILTER(?e IN (ent:a, ent:b))"
    with pytest.raises(KGError, match=r"needs 2 arguments: missing \$2"):
        substitute(query, "Biden")
    with pytest.raises(KGError, match="takes no arguments"):
        substitute("ASK { ?s ?p ?o }", "extra")


def test_saved_atomically_and_private(tmp_path):
    path = tmp_path / "kg" / "named-queries.json"
    assert save_named("people", "SELECT ?p WHERE { ?p a kg:Person }", path) is False
    assert save_named("people", "SELECT ?p WHERE { ?p a kg:Person } LIMIT 3", path) is True
    save_named("places", "SELECT ?p WHERE { ?p a kg:Place }", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == load_named(path)
    assert load_named(path)["people"].endswith("LIMIT 3")
    delete_named("people", path)
    assert list(load_named(path)) == ["places"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["named-queries.json"]  # no temporary file left
    with pytest.raises(KGError, match="No query is named 'people'"):
        delete_named("people", path)
    with pytest.raises(KGError, match="cannot name a query"):
        save_named("two words", "ASK {}", path)


def test_a_broken_file_is_named_not_lost(tmp_path):
    path = tmp_path / "named-queries.json"
    path.write_text("{not json")
    with pytest.raises(KGError, match="Fix or remove the file"):
        save_named("x", "ASK { ?s ?p ?o }", path)
    assert path.read_text() == "{not json"


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_save_run_list_and_delete_from_the_shell(executor, config):
    query = 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name FILTER(CONTAINS(?name, "$1")) } ORDER BY ?name'
    assert one(executor, f"\\ns people {query};").status == "Saved the query 'people'."
    assert named_path() == config / "kg" / "named-queries.json"
    output = one(executor, "\\n people Biden")
    direct = one(executor, query.replace("$1", "Biden") + ";")
    assert column(output, "name") == column(direct, "name") and column(output, "name")
    assert output.sparql == query.replace("$1", "Biden")
    listing = one(executor, "\\n")
    assert column(listing, "name") == ["people"] and listing.status.startswith("1 named query in ")
    assert failure(executor, "\\n people") == "The query needs 1 argument: missing $1."
    assert failure(executor, "\\n nosuch") == "No query is named 'nosuch'. Named queries: people."
    assert one(executor, "\\nd people").status == "Deleted the query 'people'."
    assert column(one(executor, "\\n"), "name") == []


def test_a_named_command_runs_too(executor, config):
    run(executor, "\\ns lavrov \\describe $1")
    (card, *_) = run(executor, "\\n lavrov Lavrov")
    assert card.text.startswith("Sergey Lavrov (Person)")
