"""`kill -9` of a real `kg build` at a spread of moments (model loading, the first batch's markers and bulk
load, its closing transaction, later batches, the closing compaction), then an immediate re-run: it is never refused,
no parser process outlives the killed build, and the graph is the uninterrupted build's, triple for triple."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from conftest import run_kg
from faults_testing import batch1_reference, kg_env, start_build  # noqa: F401 - a fixture

pytestmark = pytest.mark.slow  # builds the sample corpus several times end to end


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def _sorted_ntriples(store: Path, cwd: Path) -> list[str]:
    out = cwd / f"{store.name}.nt"
    done = run_kg("export", "--format", "ntriples", "-o", str(out), "--store", str(store), cwd=cwd, env=kg_env())
    assert done.returncode == 0, done.stderr.decode()
    return sorted(out.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def reference_seconds(tmp_path_factory) -> float:
    """How long an uninterrupted build of the sample corpus takes here (the kills are spread over it)."""
    folder = tmp_path_factory.mktemp("timed")
    started = time.monotonic()
    done = run_kg("build", "--batch-size", "1", "--store", str(folder / "s"), "--no-export", cwd=folder, env=kg_env())
    assert done.returncode == 0, done.stderr.decode()
    return time.monotonic() - started


def _phases(store: Path):
    """What the store folder shows of the build, as it goes: its holder note (absent, reading, writing) and
    how many table files RocksDB has."""
    note = store / "kg-holder"
    try:
        mode = note.read_text().split()[1]
    except (OSError, IndexError):
        mode = "absent"
    return mode, len(list(store.glob("*.sst")))


def _kill_when(moment: str, build, store: Path, seconds: float) -> None:
    """Wait for the moment. Two are seen in the folder: the first batch (the holder note says writing again
    after the start-up let the folder go: its markers are in, its bulk load under way) and the first bulk load
    (new table files: the closing transaction with the derived values comes next). The others are shares of an
    uninterrupted build's time; the last ones fall in the closing compaction."""
    if moment not in {"first batch", "first bulk load"}:
        time.sleep(float(moment) * seconds)
        return
    deadline = time.monotonic() + 4 * seconds
    started = released = False
    tables = 0
    while time.monotonic() < deadline and build.poll() is None:
        mode, count = _phases(store)
        if not started:
            started = mode != "absent"  # the start-up opens the folder and writes the ontology
        elif not released and mode == "absent":  # and lets the folder go while the model loads
            released, tables = True, count
        elif released and mode == "writing" and (moment == "first batch" or count > tables):
            return
        time.sleep(0.002)
    pytest.fail(f"the build never reached its {moment}")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("moment", ["0.3", "first batch", "first bulk load", "0.7", "0.85", "0.95"])
def test_kill_9_then_an_immediate_rerun_builds_the_same_graph(tmp_path, jobs, moment, batch1_reference,  # noqa: F811
                                                               reference_seconds):  # fmt: skip
    store = tmp_path / "store"
    build = start_build(store, tmp_path, "--batch-size", "1", "--jobs", jobs)
    _kill_when(moment, build, store, reference_seconds)
    workers = _children(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    rerun = run_kg("build", "--batch-size", "1", "--jobs", jobs, "--store", str(store), "--no-export",
                   cwd=tmp_path, env=kg_env())  # fmt: skip
    err = rerun.stderr.decode()
    assert rerun.returncode == 0, err
    assert "being built by another" not in err and "busy" not in err
    assert not _alive(workers), "a parser process outlived its killed build"
    assert _sorted_ntriples(store, tmp_path) == _sorted_ntriples(batch1_reference, tmp_path)


def test_the_build_lock_is_not_held_by_the_parser_processes(tmp_path):
    """While a build runs, its parser processes hold no descriptor of the build lock."""
    store = tmp_path / "store"
    build = start_build(store, tmp_path, "--batch-size", "1", "--jobs", "2")
    try:
        deadline = time.monotonic() + 120
        while len(_children(build.pid)) < 2 and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.05)
        workers = _children(build.pid)
        assert workers, "the build started no parser process"
        lock = (store / "kg-build.lock").resolve()
        for pid in workers:
            held = {Path(f"/proc/{pid}/fd/{fd.name}").resolve() for fd in Path(f"/proc/{pid}/fd").iterdir()}
            assert lock not in held, f"parser process {pid} holds the build lock"
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
