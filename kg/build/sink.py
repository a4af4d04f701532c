"""The writer thread: resolves and writes batches while the next batch is parsed, and lets a process waiting
for the store in when it has nothing to write."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable

from ..errors import EndpointError
from ..extract.extraction import Extraction
from .report import BuildReport
from .writer import GraphWriter

__all__ = ["Sink"]

_LOOK_FOR_READERS = 0.2  # seconds an idle writer waits for work before it lets in a process waiting for the store


class Sink:
    """Resolves and writes batches in a thread of its own, while the next batch is parsed.

    Oxigraph does its work without holding the GIL, so writing overlaps with spaCy. The queue holds one
    batch: the parser is never more than a batch ahead. Planning actions (replace a changed file's old
    version, add a file name) go through the same queue, so they happen in order, on the writer's thread.
    """

    def __init__(self, writer: GraphWriter, report: BuildReport, progress: Callable[[int], None] | None) -> None:
        self.writer = writer
        self.report = report
        self.progress = progress
        self.queue: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="kg-writer", daemon=True)
        self.thread.start()

    def put(self, item: list[Extraction] | Callable[[], None]) -> None:
        self._check()
        self.queue.put(item)

    def close(self) -> None:
        """Wait for every batch to be written."""
        self.queue.put(None)
        self.thread.join()
        self._check()

    def abort(self) -> None:
        """Finish the batch being written (it is one transaction), drop the rest."""
        if not self.thread.is_alive():
            return
        self.stopped = True
        while True:  # make room for the stop mark: what waits in the queue is dropped anyway
            try:
                self.queue.put_nowait(None)
                break
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self.queue.get_nowait()
        self.thread.join()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        while (item := self._next()) is not None:
            if self.stopped or self.error is not None:
                continue  # drain
            try:
                item() if callable(item) else self._write(item)
            except BaseException as e:
                self.error = e
        if self.error is None:  # what the writer holds is whole batches: written even when the build stops
            try:
                self.writer.flush()
            except BaseException as e:
                self.error = e

    def _next(self) -> list[Extraction] | Callable[[], None] | None:
        """The next item; while none comes (the parser is busy), letting in any process waiting for the store."""
        try:
            return self.queue.get(timeout=_LOOK_FOR_READERS)
        except queue.Empty:
            return self._let_readers_in

    def _let_readers_in(self) -> None:
        """Let a process waiting for the store in, after writing what the writer holds: it reads all that is built."""
        if self.writer.store.awaited():
            self.writer.flush()
            self.writer.store.release()

    def _write(self, batch: list[Extraction]) -> None:
        try:
            self.writer.write_batch(batch)
        except EndpointError as e:
            raise EndpointError(
                f"{e}\nThe build stopped after {self.report.built} new document(s); the endpoint holds every "
                "batch written before. Run the same command again to resume."
            ) from e
        self._let_readers_in()
        self.report.built += len(batch)
        self.report.sentences += sum(len(ex.sentences) for ex in batch)
        self.report.words += sum(ex.words for ex in batch)
        if self.progress:
            self.progress(len(batch))
