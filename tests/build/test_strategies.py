"""The write strategy follows what the store declares: bulk loads into a store folder, update requests
into any other store."""

from __future__ import annotations

from kg.build.strategies import BulkLoads, UpdateRequests
from kg.build.writer import GraphWriter
from kg.store.local import LocalStore
from kg.store.worker import WorkerStore


def test_a_folder_gets_bulk_loads_and_a_worker_served_one_update_requests(tmp_path):
    local = LocalStore(tmp_path / "store")
    try:
        assert isinstance(GraphWriter(local).strategy, BulkLoads)
    finally:
        local.close()
    served = WorkerStore(tmp_path / "store")  # the shell's \load writes through its worker
    try:
        writer = GraphWriter(served)
        assert isinstance(writer.strategy, UpdateRequests)
        writer.prepare()  # the ontology goes in, as one update
        assert served.triple_count() > 0
    finally:
        served.close()
