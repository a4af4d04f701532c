"""`kg build --cluster`, on real parts: a Dask scheduler and two workers started as processes on loopback
(`dask scheduler`, `dask worker`), the build run as `python -m kg`. The cluster's graph must be the local
build's, byte for byte in sorted N-Triples, even when a worker is killed in the middle of a chunk; a lost
scheduler stops the build with a clear error and leaves a store that the same command completes."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_kg
from faults_testing import assert_whole_documents, kg_env, local_document_count, shapes, start_build

from tests.store.oxigraph_server import free_port

pytestmark = pytest.mark.slow  # starts a cluster and builds corpora end to end

SAMPLE = ROOT / "kg" / "data" / "corpus"
DOCUMENTS = 40  # three chunks of 16: more than two workers take at once


def _dask(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("dask")), *args]


class DaskCluster:
    """`dask scheduler` on a free loopback port and two single-threaded `dask worker` processes (no nanny: killing
    one is a worker lost for good). Started again on the same port after `kill_scheduler`."""

    def __init__(self, folder: Path, **scheduler_env: str) -> None:
        self.folder = folder
        self.scheduler_env = scheduler_env
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.scheduler: subprocess.Popen | None = None
        self.workers: dict[str, subprocess.Popen] = {}

    def _spawn(self, args: list[str], log: str, **env: str) -> subprocess.Popen:
        with (self.folder / log).open("ab") as out:
            return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=kg_env(**env), cwd=self.folder)

    def start(self) -> DaskCluster:
        port = self.address.rsplit(":", 1)[1]
        self.scheduler = self._spawn(_dask("scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"),
                                     "scheduler.log", **self.scheduler_env)  # fmt: skip
        for name in ("w1", "w2"):
            self.workers[name] = self._spawn(_dask(
                "worker", self.address, "--name", name, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                "--host", "127.0.0.1", "--death-timeout", "60",
            ), f"{name}.log")  # fmt: skip
        with self.client() as client:
            client.wait_for_workers(2, timeout=120)
        return self

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=60, set_as_default=False)

    def kill_scheduler(self) -> None:
        _kill(self.scheduler)

    def stop(self) -> None:
        for process in [*self.workers.values(), self.scheduler]:
            _kill(process)
        self.workers.clear()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.folder.glob("*.log"))


def _kill(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


@contextlib.contextmanager
def _running(folder: Path, **scheduler_env: str):
    folder.mkdir()
    running = DaskCluster(folder, **scheduler_env)
    try:
        yield running.start()
    finally:
        running.stop()


@pytest.fixture
def cluster(tmp_path):
    with _running(tmp_path / "cluster") as running:
        yield running


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample articles in turn, each copy with its own content hash (a last line of spaces and tabs that
    spells its number, which cleaning strips), as bench/bench.py makes them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(DOCUMENTS):
        mark = format(i + 1, "b").replace("0", " ").replace("1", "\t")
        (folder / f"{i:03}.txt").write_text(texts[i % len(texts)].rstrip("\n") + "\n" + mark + "\n", encoding="utf-8")
    return folder


def _build(corpus: Path, store: Path, *args: str) -> subprocess.CompletedProcess:
    result = run_kg("build", str(corpus), "--store", str(store), "--no-export", *args, cwd=store.parent, env=kg_env())
    assert result.returncode == 0, result.stderr.decode()
    return result


def _ntriples(store: Path) -> bytes:
    result = run_kg("export", "-f", "ntriples", "--store", str(store), cwd=store.parent, env=kg_env())
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> bytes:
    """The corpus built locally (--jobs 2), as sorted N-Triples."""
    store = tmp_path_factory.mktemp("local") / "store"
    _build(corpus, store, "--jobs", "2")
    return _ntriples(store)


@pytest.fixture(scope="module")
def reference_batch1(corpus, tmp_path_factory) -> Path:
    """The corpus built locally one document per batch (as the interrupted build below is)."""
    store = tmp_path_factory.mktemp("local1") / "store"
    _build(corpus, store, "--jobs", "2", "--batch-size", "1")
    return store


def test_cluster_build_gives_the_local_graph(cluster, corpus, reference, tmp_path):
    result = _build(corpus, tmp_path / "store", "--cluster", cluster.address)
    assert result.stdout.decode().startswith(f"Built {DOCUMENTS} documents"), cluster.logs()
    assert _ntriples(tmp_path / "store") == reference


def _busy_worker(cluster: DaskCluster, timeout: float = 120) -> str:
    """The name of a worker that is parsing a chunk of the build (not loading the model), once one is."""
    with cluster.client() as client:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            names = {address: info["name"] for address, info in client.scheduler_info()["workers"].items()}
            busy = [names[address] for address, keys in client.processing().items()
                    if address in names and any(str(key).startswith("_extract_on_worker") for key in keys)]  # fmt: skip
            if busy:
                return str(busy[0])
            time.sleep(0.05)
    raise AssertionError("no worker started a chunk\n" + cluster.logs())


def _build_losing_a_worker(cluster: DaskCluster, corpus: Path, store: Path) -> tuple[subprocess.Popen, bytes, bytes]:
    """A cluster build of the corpus, with the worker of its first chunk killed in the middle of the parse."""
    build = start_build(store, store.parent, str(corpus), "--cluster", cluster.address)
    try:
        victim = _busy_worker(cluster)
        time.sleep(0.5)  # into the chunk's parse
        _kill(cluster.workers[victim])
        out, err = build.communicate(timeout=300)
    finally:
        _kill(build)
    return build, out, err


def test_a_worker_killed_mid_chunk_changes_nothing(cluster, corpus, reference, tmp_path):
    store = tmp_path / "store"
    build, out, err = _build_losing_a_worker(cluster, corpus, store)
    assert build.returncode == 0, err.decode() + cluster.logs()
    assert out.decode().startswith(f"Built {DOCUMENTS} documents")
    assert _ntriples(store) == reference


def test_a_chunk_that_kills_its_workers_is_skipped_and_the_rest_built(corpus, reference, tmp_path):
    """With no failure allowed, the scheduler gives up on a chunk after its first worker dies: the chunk's
    documents are skipped with the reason (exit code 3), every other document is built, and the same command
    builds the skipped ones into the graph a whole build gives."""
    store = tmp_path / "store"
    with _running(tmp_path / "cluster", DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="0") as cluster:
        build, out, err = _build_losing_a_worker(cluster, corpus, store)
        report = out.decode() + err.decode()
        assert build.returncode == 3, report + cluster.logs()
        skipped = report.count("a cluster worker died each time it parsed this document's chunk")
        assert 1 <= skipped < DOCUMENTS, report
        assert out.decode().startswith(f"Built {DOCUMENTS - skipped} documents"), report

        rerun = _build(corpus, store, "--cluster", cluster.address)
    assert rerun.stdout.decode().startswith(f"Built {skipped} document"), rerun.stdout.decode()
    assert _ntriples(store) == reference


def test_a_lost_scheduler_stops_the_build_clearly_and_a_rerun_resumes(cluster, corpus, reference_batch1, tmp_path):
    store = tmp_path / "store"
    build = start_build(store, tmp_path, str(corpus), "--cluster", cluster.address, "--batch-size", "1")
    try:
        deadline = time.monotonic() + 120
        while local_document_count(store) < 1 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        cluster.kill_scheduler()
        out, err = build.communicate(timeout=120)
    finally:
        _kill(build)
    message = err.decode()
    assert build.returncode == 1, message + out.decode()
    assert f"Error: Lost the Dask scheduler at {cluster.address}" in message
    assert "run the same command to resume" in message

    from kg.store.opening import open_store

    with contextlib.closing(open_store(store, create=False)) as opened, \
         contextlib.closing(open_store(reference_batch1, create=False)) as whole:  # fmt: skip
        kept = assert_whole_documents(opened, shapes(whole))
    assert 1 <= kept < DOCUMENTS

    cluster.stop()
    cluster.start()  # the same address: the same command resumes
    rerun = _build(corpus, store, "--cluster", cluster.address, "--batch-size", "1")
    assert f"Built {DOCUMENTS - kept} document" in rerun.stdout.decode()
    assert _ntriples(store) == _ntriples(reference_batch1)


def _tasks_on(cluster: DaskCluster) -> int:
    with cluster.client() as client:
        return client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))


def test_ctrl_c_cancels_the_clusters_tasks(cluster, corpus, tmp_path):
    build = start_build(tmp_path / "store", tmp_path, str(corpus), "--cluster", cluster.address)
    try:
        _busy_worker(cluster)
        build.send_signal(signal.SIGINT)
        _, err = build.communicate(timeout=60)
    finally:
        _kill(build)
    assert build.returncode == 130, err.decode()
    deadline = time.monotonic() + 30
    while _tasks_on(cluster) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _tasks_on(cluster) == 0


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_kg("build", "--store", str(tmp_path / "store"), "--cluster", address, cwd=tmp_path,
                    env=kg_env(), timeout=120)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"Error: Cannot reach the Dask scheduler at {address}")


def test_a_bad_cluster_address_is_a_clear_error(tmp_path):
    result = run_kg("build", "--store", str(tmp_path / "store"), "--cluster", "local:two", cwd=tmp_path, env=kg_env())
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "Error: Bad cluster address 'local:two': give local:N (N worker processes) or tcp://HOST:PORT.\n"
    )


def test_local_cluster_builds_the_sample(tmp_path):
    """`local:N` is the same code path, on a cluster of this machine's processes."""
    store = tmp_path / "store"
    result = run_kg("build", "--store", str(store), "--no-export", "--cluster", "local:1", cwd=tmp_path,
                    env=kg_env(), timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("Built 5 documents")
