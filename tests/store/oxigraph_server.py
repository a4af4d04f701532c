"""A real SPARQL endpoint for the tests: `oxigraph serve` on a folder and a free loopback port."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.store.remote import RemoteStore

__all__ = ["OxigraphServer", "free_port"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_command() -> str:
    found = Path(sys.executable).with_name("oxigraph")
    return str(found) if found.exists() else (shutil.which("oxigraph") or pytest.fail("oxigraph is not installed"))


class OxigraphServer:
    """`oxigraph serve` on a folder and a loopback port; can be killed and started again on both."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen(
            [oxigraph_command(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {self.process.stderr.read().decode()}")
                time.sleep(0.1)
        pytest.fail("oxigraph serve did not start within 30 s")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def store(self, **options) -> RemoteStore:
        return RemoteStore(self.url, **options)
