"""Measuring a process: the peak resident memory of it and of its whole tree, sampled from /proc, and
running a command measured so."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

__all__ = ["ROOT", "PeakMemory", "env", "folder_mb", "load_average", "run_measured"]

ROOT = Path(__file__).resolve().parent.parent


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            out += children
            todo += children
    return out


class PeakMemory:
    """Samples the resident memory of a process and of its whole tree (workers included) every 0.1 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.main_kb = 0
        self.tree_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            main = _rss_kb(self.pid)
            self.main_kb = max(self.main_kb, main)
            self.tree_kb = max(self.tree_kb, main + sum(_rss_kb(c) for c in _descendants(self.pid)))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def run_measured(args: list[str], what: str) -> tuple[str, PeakMemory]:
    """Run a command, sampling its memory; its standard output, or exit with its error."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
    memory = PeakMemory(process.pid)
    out, err = process.communicate()
    memory.stop()
    if process.returncode != 0:
        sys.exit(f"{what} failed ({process.returncode}):\n{err}")
    return out, memory


def env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT))
