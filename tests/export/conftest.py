"""Fixtures for the export tests: every format of the sample store, written once per session."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def exported(sample_store_dir, tmp_path_factory):
    """(folder with every export, the store's RDF graph, the entity graph, the full projection)."""
    from kg.export import entity_graph, export_all, rdf_graph
    from kg.export.projection import project
    from kg.store.opening import open_store

    folder = tmp_path_factory.mktemp("exports")
    copy = tmp_path_factory.mktemp("export-store") / "store"
    shutil.copytree(sample_store_dir, copy)
    store = open_store(copy, create=False)
    try:
        export_all(store, folder)
        found = folder, rdf_graph(store), entity_graph(store), project(store)
    finally:
        store.close()
    return found
