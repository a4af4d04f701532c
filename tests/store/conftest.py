"""Fixtures for the store tests: a real Oxigraph server."""

from __future__ import annotations

import pytest

from tests.store.oxigraph_server import OxigraphServer


@pytest.fixture
def server(tmp_path):
    running = OxigraphServer(tmp_path / "server-data").start()
    yield running
    running.kill()
