"""Every kind of store against the one Store interface: each declares its capabilities, and answers every
optional operation by doing it or with a clear StoreError. Real stores only: an Oxigraph folder, an RDF file
read into memory, a folder served by a worker process, and an `oxigraph serve` endpoint."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT
from rdflib import Graph, URIRef

from kg.errors import KGError, StoreError
from kg.query.run import run_query
from kg.store.base import RDF_FORMATS, Store
from kg.store.file import FileStore
from kg.store.local import LocalStore
from kg.store.locking import TURNSTILE
from kg.store.remote import RemoteStore
from kg.store.worker import WorkerStore

pytestmark = pytest.mark.slow  # drives a real oxigraph server and worker processes

TINY = """@prefix ent: <https://kg.example.org/entity/> .
@prefix kg: <https://kg.example.org/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:a rdfs:label "A" ; kg:meets ent:b .
ent:b rdfs:label "B" .
"""
ALL = frozenset(RDF_FORMATS)
# kind: (class, bulk_loading, exclusive_folder, in_process, forkable, dump_formats)
DECLARED = {
    "folder": (LocalStore, True, True, True, False, ALL),
    "file": (FileStore, False, False, True, True, ALL),
    "worker": (WorkerStore, False, False, False, False, ALL),
    "endpoint": (RemoteStore, False, False, False, False, {"turtle", "ntriples"}),
}
INSERT_TINY = 'INSERT DATA { ent:a rdfs:label "A" ; kg:meets ent:b . ent:b rdfs:label "B" }'  # the same triples as TINY


def _folder(path: Path) -> Path:
    store = LocalStore(path)
    store.update(INSERT_TINY)
    store.close()
    return path


@pytest.fixture(params=list(DECLARED))
def opened(request, tmp_path) -> Iterator[tuple[str, Store]]:
    """(kind, a store of that kind holding the three triples of TINY)."""
    kind = request.param
    if kind == "folder":
        store: Store = LocalStore(_folder(tmp_path / "store"))
    elif kind == "file":
        (tmp_path / "tiny.ttl").write_text(TINY)
        store = FileStore(tmp_path / "tiny.ttl")
    elif kind == "worker":
        store = WorkerStore(_folder(tmp_path / "store"))
    else:
        store = request.getfixturevalue("server").store()
        store.update(INSERT_TINY)
    yield kind, store
    store.close()


def test_each_kind_declares_its_capabilities(opened):
    kind, store = opened
    cls, bulk_loading, exclusive_folder, in_process, forkable, formats = DECLARED[kind]
    assert isinstance(store, cls) and isinstance(store, Store)
    assert (store.bulk_loading, store.exclusive_folder, store.in_process, store.forkable) == (
        bulk_loading, exclusive_folder, in_process, forkable,
    )  # fmt: skip
    assert store.dump_formats == formats
    assert store.read_only is None or isinstance(store.read_only, str)
    assert (store.read_only is not None) == (kind == "file")
    assert (store.max_update_bytes is not None) == (kind == "endpoint")


def test_each_kind_answers_the_same_queries(opened):
    _, store = opened
    labels = run_query(store, "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")
    assert [str(row[0]) for row in labels.rows] == ["A", "B"]
    assert run_query(store, "ASK { ent:a kg:meets ent:b }").boolean is True
    assert len(run_query(store, "CONSTRUCT WHERE { ?s rdfs:label ?l }").graph) == 2
    assert run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=1).truncated
    assert store.values("SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")[0] == (
        "https://kg.example.org/entity/a", "A",
    )  # fmt: skip
    prologue = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    assert [str(row[0]) for row in store.select(prologue + "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l")] == [
        "A", "B",
    ]  # fmt: skip
    assert store.triple_count() == 3


def test_updates_go_in_unless_the_store_says_why_not(opened):
    _, store = opened
    if store.read_only:
        with pytest.raises(KGError, match="read-only"):
            store.update('INSERT DATA { ent:c rdfs:label "C" }')
        return
    store.update('INSERT DATA { ent:c rdfs:label "C" }')  # kg's prefixes are predeclared
    assert store.triple_count() == 4


def test_dump_writes_each_declared_format_and_refuses_the_others(opened, tmp_path):
    _, store = opened
    for fmt, name in RDF_FORMATS.items():
        path = tmp_path / "dumps" / f"graph.{fmt}"
        if fmt not in store.dump_formats:
            with pytest.raises(StoreError, match=f"cannot write its graph as {fmt}"):
                store.dump(path, fmt)
            assert not path.exists()
            continue
        store.dump(path, fmt)
        assert len(list(ox.parse(path=path, format=getattr(ox.RdfFormat, name)))) == 3, fmt


def test_bulk_insert_works_or_is_refused(opened):
    _, store = opened
    triple = b'<https://kg.example.org/entity/c> <http://www.w3.org/2000/01/rdf-schema#label> "C" .\n'
    if store.bulk_loading:
        store.bulk_insert(triple)
        assert store.triple_count() == 4
        return
    with pytest.raises(StoreError, match=r"cannot bulk-load triples; write them with update\(\)") as error:
        store.bulk_insert(triple)
    assert store.location in str(error.value)
    assert store.triple_count() == 3


def test_release_awaited_and_optimize_on_folders_only(opened):
    _, store = opened
    assert store.awaited() is False  # nobody waits
    store.release()  # a folder lets go; any other store has nothing to let go
    if store.exclusive_folder:
        ox.Store(store.location)  # another user can open the folder now (and closes it again at once)
        store.optimize()
    else:
        with pytest.raises(StoreError, match="cannot be compacted: only a store folder can"):
            store.optimize()
    store.reopen()  # a snapshot looks again; the others have nothing to do
    assert store.triple_count() == 3  # and the store still works


def test_a_folder_knows_when_another_process_waits_for_it(tmp_path):
    store = LocalStore(_folder(tmp_path / "store"))
    try:
        with open(tmp_path / "store" / TURNSTILE, "a") as waiting:  # what a waiting process holds
            fcntl.flock(waiting, fcntl.LOCK_EX | fcntl.LOCK_NB)
            assert store.awaited()
        assert not store.awaited()
    finally:
        store.close()


def test_oxigraph_and_rdflib_views_where_the_store_has_them(opened):
    kind, store = opened
    if store.in_process:
        assert len(store.oxigraph) == 3
    else:
        with pytest.raises(StoreError, match="has no Oxigraph store in this process"):
            store.oxigraph  # noqa: B018 - the property raises
    if kind == "worker":
        with pytest.raises(StoreError, match="served by another process"):
            store.graph  # noqa: B018 - the property raises
    else:
        graph = store.graph
        assert isinstance(graph, Graph)
        assert (URIRef("https://kg.example.org/entity/a"), None, None) in graph


def test_the_rdflib_view_does_not_keep_a_released_folder(tmp_path):
    """The view wraps the open Oxigraph handle; released, the folder is free even while the view is kept."""
    store = LocalStore(_folder(tmp_path / "store"))
    try:
        kept = store.graph
        assert len(kept) == 3
        store.release()
        ox.Store(str(tmp_path / "store"))  # would fail if the kept view still held the folder
        assert len(store.graph) == 3  # a new view of the reopened folder
    finally:
        store.close()


class _Minimal(Store):
    """Only what every store must do."""

    kind = "Test store"
    location = "somewhere"

    def update(self, sparql: str) -> None:
        pass

    def triple_count(self) -> int:
        return 0

    def close(self) -> None:
        pass


def test_the_base_gives_every_optional_operation_a_clear_answer(tmp_path):
    store = _Minimal()
    for call, message in [
        (lambda: store.bulk_insert(b""), "Test store 'somewhere' cannot bulk-load triples"),
        (store.optimize, "Test store 'somewhere' cannot be compacted"),
        (lambda: store.dump(tmp_path / "g.ttl"), "Test store 'somewhere' cannot write its graph as turtle"),
        (lambda: store.query("ASK {}"), "Test store 'somewhere' gives no rdflib results"),
        (lambda: store.graph, "Test store 'somewhere' has no rdflib view"),
        (lambda: store.oxigraph, "Test store 'somewhere' has no Oxigraph store in this process"),
    ]:
        with pytest.raises(StoreError, match=message):
            call()
    store.release()  # nothing held, nothing to do
    store.reopen()
    assert store.awaited() is False and store.read_only is None and store.max_update_bytes is None
    with pytest.raises(TypeError):  # update, triple_count and close are every store's own
        Store()  # type: ignore[abstract]


def test_the_worker_process_imports_only_pyoxigraph():
    """`python -c 'from kg.store.worker import serve'` starts each worker: it must not load rdflib or the rest."""
    code = (
        "import sys; from kg.store.worker import serve; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in {'kg', 'rdflib', 'spacy', 'oxrdflib'})))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    # kg.files, kg.processes and kg.store.locking import the standard library only
    assert done.stdout.split() == ["kg", "kg.errors", "kg.files", "kg.processes", "kg.store", "kg.store.base",
                                   "kg.store.locking", "kg.store.worker"]  # fmt: skip
