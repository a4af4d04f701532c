"""Parsing and extracting on a Dask cluster (`kg build --cluster ADDRESS`): the same work as `workers.Parser`,
spread over the machines of a cluster.

The main process reads and cleans the sources and ships each chunk of them to the cluster; every worker
process loads the model once (`ModelPlugin`, when it joins) and sends back the chunk's extractions; the main
process resolves and writes them, as with `--jobs`. At most two chunks per worker thread are in flight, and
the results come back in input order. Dask runs a chunk again elsewhere when its worker dies; a chunk that
kills `distributed.scheduler.allowed-failures` workers in turn has its documents skipped with the reason.

Imported only for `--cluster`: `kg` itself starts without `distributed`.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ClusterError, KGError

try:
    import dask
    from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker
except ImportError as e:  # pragma: no cover - the extra is installed wherever the tests run
    raise ClusterError(
        "--cluster needs Dask's distributed package, which is not installed. Run: pip install 'kg[cluster]'"
    ) from e

from ..extract.extraction import Extraction
from ..ingest.sources import Skipped, Source
from .workers import INPUT_ENDED, PIPE_BATCH, Cleaned, InputEnded, _chunks, _cleaned, _extract_chunk, _loaded, _settle

__all__ = ["LOCAL", "ClusterParser", "ModelPlugin", "local_workers"]

LOCAL = "local:"  # `local:N`: a cluster of N single-threaded worker processes on this machine
CONNECT_SECONDS = 10  # to reach the scheduler at the start, and to get it back once the connection is lost
WORKER_WAIT_SECONDS = 60  # for a first worker to join a scheduler that has none


class _Quiet:
    """Dask's loggers silenced until `restore`."""

    def __init__(self) -> None:
        names = ["distributed", *(n for n in logging.root.manager.loggerDict if n.startswith("distributed."))]
        self.levels = {name: logging.getLogger(name).level for name in names}
        for name in names:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)

    def restore(self) -> None:
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)


class ModelPlugin(WorkerPlugin):
    """Loads the model once in each worker process, when it joins the cluster (or when the build starts)."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.nlp: Any = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        self.nlp = _loaded(self.model)
        self.lock = threading.Lock()  # a worker with several threads parses one chunk at a time: spaCy shares state


def _plugin(name: str) -> ModelPlugin:
    plugin = get_worker().plugins[name]
    assert isinstance(plugin, ModelPlugin), f"the worker plugin {name} loads the model"
    return plugin


def _extract_on_worker(chunk: list[Cleaned], plugin_name: str) -> list[Extraction | Skipped]:
    """The task: one chunk parsed and extracted by the worker's model."""
    plugin = _plugin(plugin_name)
    assert plugin.lock is not None
    with plugin.lock:
        return _extract_chunk(plugin.nlp, chunk)


def _max_length_on_worker(plugin_name: str) -> int:
    return int(_plugin(plugin_name).nlp.max_length)


def local_workers(address: str) -> int | None:
    """N for `local:N`, None for a scheduler's address."""
    if not address.startswith(LOCAL):
        return None
    count = address.removeprefix(LOCAL)
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"Bad cluster address '{address}': give local:N (N worker processes) or tcp://HOST:PORT.")
    return int(count)


@contextlib.contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """SIGINT ignored while `local:N` starts its worker processes, which keep it so (Python leaves an ignored
    SIGINT ignored): Ctrl-C reaches the whole process group, and it is the build's to stop the cluster, without
    a traceback from each worker. (Dask's profiler, which samples the parse every 10 ms, is off there too.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _connect(address: str) -> tuple[Client, LocalCluster | None]:
    """A client of the scheduler at `address`, or of a new local cluster for `local:N`."""
    count = local_workers(address)
    if count is not None:
        with dask.config.set({"distributed.worker.profile.enabled": False}), _interrupts_ignored():
            cluster = LocalCluster(
                n_workers=count, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )  # fmt: skip
        return Client(cluster, set_as_default=False), cluster
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False), None
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(
            f"Cannot reach the Dask scheduler at {address} ({e}). Start one with `dask scheduler` and workers "
            f"with `dask worker {address}`, or check the address."
        ) from e


class ClusterParser:
    """`workers.Parser`'s interface on a Dask cluster: chunks of cleaned sources in, extractions out in order."""

    def __init__(self, model: str, address: str) -> None:
        self.address = address
        self.plugin = f"kg-model-{model}"
        self.pending: deque[tuple[Future, list[Cleaned]]] = deque()
        self.quiet = _Quiet()  # Dask logs every lost connection with its traceback: our error says it all
        try:
            self.client, self.cluster = _connect(address)
        except BaseException:
            self.quiet.restore()
            raise
        try:
            self._start_workers(model)
            self.max_length = self.client.submit(_max_length_on_worker, self.plugin, pure=False).result()
        except (OSError, FutureCancelledError) as e:
            self.close()
            raise ClusterError(f"Lost the Dask scheduler at {address} while the build started ({e}).") from e
        except BaseException:
            self.close()
            raise
        _settle()  # what resolving loads on first use, loaded before the first batch comes back
        self.ahead = self._ahead(2)

    def _start_workers(self, model: str) -> None:
        """Wait for a first worker, then have every worker load the model (those that join later, as they join)."""
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except TimeoutError as e:
            if self.client.status != "running":
                raise OSError(f"{e}") from e
            raise ClusterError(
                f"No Dask worker joined the scheduler at {self.address} within {WORKER_WAIT_SECONDS} s. Start "
                f"workers on machines with kg installed: dask worker {self.address} --nworkers N"
            ) from e
        try:
            self.client.register_plugin(ModelPlugin(model), name=self.plugin)
        except (KGError, OSError):
            raise  # a KGError: the model is missing on a worker, and the message says how to install it
        except Exception as e:
            raise ClusterError(f"The Dask workers at {self.address} could not load the model: {e}") from e

    def _ahead(self, default: int) -> int:
        """Chunks in flight: two per worker thread (workers may join or leave during the build)."""
        try:
            return max(2, 2 * sum(self.client.nthreads().values()))
        except Exception:  # the scheduler is not answering: the next result says why
            return default

    def extractions(self, sources: Iterable[Source]) -> Iterator[Extraction | Skipped | InputEnded]:
        """What the workers send back, in order; `INPUT_ENDED` once the last source is sent to them."""
        for chunk in _chunks(_cleaned(sources, self.max_length), PIPE_BATCH):
            future = self.client.submit(_extract_on_worker, chunk, self.plugin, pure=False)
            self.pending.append((future, chunk))
            if len(self.pending) >= self.ahead:
                yield from self._next_result()
                self.ahead = self._ahead(self.ahead)
        yield INPUT_ENDED
        while self.pending:
            yield from self._next_result()

    def _next_result(self) -> list[Extraction | Skipped]:
        future, chunk = self.pending[0]
        try:
            result = future.result()
        except KilledWorker:  # the chunk killed worker after worker (out of memory?): skip its documents
            reason = f"a cluster worker died each time it parsed this document's chunk of {len(chunk)} (see its log)"
            result = [article if isinstance(article, Skipped) else Skipped(s.name, reason) for s, article in chunk]
        except FutureCancelledError as e:
            raise ClusterError(
                f"Lost the Dask scheduler at {self.address} ({e.reason}): the build cannot go on without it."
            ) from e
        except Exception as e:  # kg's own errors are caught per document: this is the worker's setup
            raise ClusterError(
                f"A chunk failed on the cluster at {self.address}: {type(e).__name__}: {e}. Check that every "
                "worker runs the same version of kg, with its model installed."
            ) from e
        self.pending.popleft()
        return result

    def close(self) -> None:
        """Cancel the chunks still on the cluster (after Ctrl-C or an error), and let the cluster go."""
        with contextlib.suppress(Exception):
            if self.pending:
                self.client.cancel([future for future, _ in self.pending], force=True)
        self.pending.clear()
        with contextlib.suppress(Exception):
            self.client.close(timeout=CONNECT_SECONDS)
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close(timeout=CONNECT_SECONDS)
        self.quiet.restore()
