"""The build: sources -> (parallel) parse and extract -> resolve and write in batches -> Turtle export.

Composition only; each step lives in its own module. How it scales:
  * sources are read, planned, cleaned and parsed as a stream: memory does not grow with the number of
    documents;
  * `jobs` worker processes parse and extract: texts go through `nlp.pipe` in chunks of `PIPE_BATCH`
    (spaCy's batched matrix work), a bounded number of chunks ahead of the writer;
  * the main process cleans the texts, then resolves names and writes one transaction per batch of
    documents, and lets go of a local store between batches when `kg query` waits for it (see `kg.store`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from spacy.language import Language

from ..errors import EndpointError
from ..extract.dates import resolve_date
from ..extract.extraction import Extraction, extract, parse_text
from ..files import write_error
from ..ingest.cleaning import Article, clean
from ..ingest.sources import Skipped, Source, read_sources
from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import first_name_gender
from ..nlp.model import load_nlp, model_name
from ..rdf.ontology import sparql_prologue
from ..rdf.triples import document_iri
from ..store.base import Store
from ..store.locking import build_lock
from .writer import GraphWriter

__all__ = ["BATCH_DOCUMENTS", "BATCH_WORDS", "PIPE_BATCH", "BuildReport", "build", "export_turtle", "worth_compacting"]

# Documents per batch: one transaction, and the span of in-batch name resolution. Each batch costs a refresh of
# the counts of every entity and fact it touches and a bulk load whose files RocksDB later merges: building 1,000
# documents in batches of 256 takes the main process 30 % less CPU than in batches of 64, for 190 MB more memory.
BATCH_DOCUMENTS = 256
BATCH_WORDS = 150_000  # and at most this many words: what a batch holds in memory follows its words
FIRST_BATCH = 64  # the first batch; each next one doubles, up to the batch size
PIPE_BATCH = 16  # documents per nlp.pipe call, and per task sent to a worker
_LOOK_FOR_READERS = 0.2  # seconds an idle writer waits for work before it lets in a process waiting for the store


@dataclass(slots=True)
class BuildReport:
    read: int = 0
    built: int = 0
    unchanged: int = 0
    replaced: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, note) e.g. decoded as UTF-16
    sentences: int = 0
    words: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    compacted: bool = False  # the store's files were merged at the end (see `worth_compacting`)


# --- parsing, in worker processes -------------------------------------------------------------------------
#
# The main process reads, plans and cleans the sources, and resolves and writes what the workers send back;
# the workers parse and extract. With one worker, the writing runs beside the parsing without sharing
# Python's lock with it: the parse, about 90 % of the work, never waits for ours.

_WORKER_NLP = None

Cleaned = tuple[Source, Article | Skipped]  # the source (its text dropped: the article holds it), cleaned


class _InputEnded:
    """The mark, in the stream of extractions, after which only the chunks in the workers' hands remain."""


INPUT_ENDED = _InputEnded()


def _init_worker(model: str) -> None:
    global _WORKER_NLP
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _WORKER_NLP = _loaded(model)


def _extract_in_worker(chunk: list[Cleaned]) -> list[Extraction | Skipped]:
    return _extract_chunk(_WORKER_NLP, chunk)


def _extract_chunk(nlp, chunk: list[Cleaned]) -> list[Extraction | Skipped]:
    """Parse (one `nlp.pipe` call) and extract a chunk of cleaned sources, in order.

    A document that breaks a step is skipped with the reason; the others go on.
    """
    ready = [article for _, article in chunk if not isinstance(article, Skipped)]
    try:
        docs = iter(list(nlp.pipe([parse_text(a) for a in ready], batch_size=max(1, len(ready)))))
    except Exception:  # one bad text spoils a pipe() call: parse them one by one to find it
        docs = None
    out: list[Extraction | Skipped] = []
    for source, article in chunk:
        if isinstance(article, Skipped):
            out.append(article)
            continue
        try:
            doc = next(docs) if docs is not None else nlp(parse_text(article))
            out.append(extract(doc, source, article))
        except Exception as e:
            out.append(Skipped(source.name, f"extraction failed: {type(e).__name__}: {e}"))
    return out


def _cleaned(sources: Iterable[Source], max_length: int) -> Iterator[Cleaned]:
    """Each source cleaned (in this process, while the workers parse), or the reason it cannot be."""
    for source in sources:
        if len(source.text) > max_length:  # spaCy refuses it; parsing it would take many GB anyway
            reason = (
                f"too long to parse ({len(source.text):,} characters; the parser takes at most "
                f"{max_length:,}): split it into articles"
            )
            yield source, Skipped(source.name, reason)
            continue
        try:
            article: Article | Skipped = clean(source.text)
        except Exception as e:
            article = Skipped(source.name, f"cleaning failed: {type(e).__name__}: {e}")
        yield replace(source, text=""), article


def _loaded(model: str) -> Language:
    """The model, loaded, with what cleaning and extraction load on first use (`_warm_up`); all their objects then
    leave the garbage collector's care (`gc.freeze`). They live as long as the process, and every full collection
    walked them all: ~50 ms, several times a batch. Frozen before a fork, they also stay shared with the workers
    rather than copied on the collector's first visit."""
    nlp = load_nlp(model)
    _warm_up()
    gc.collect()  # garbage first: a frozen cycle would never be freed (one holding a store handle keeps it locked)
    gc.freeze()
    return nlp


def _warm_up() -> None:
    """Load what cleaning, extraction and resolution load on first use (dateparser's data, 0.2 s; the gazetteer;
    the table of given names, 0.15 s) before the workers fork: the first chunk then goes to them at once, and
    they inherit it all rather than each loading its own copy."""
    resolve_date("March 3, 2022", None)
    lookup_place("Paris")
    first_name_gender("Maria")


def _chunks(items: Iterable[Cleaned], size: int) -> Iterator[list[Cleaned]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Parser:
    """A pool of `jobs` worker processes that parse and extract chunks of cleaned sources, started up front
    (before the writer thread, so that no thread of ours runs when they fork)."""

    def __init__(self, model: str, jobs: int) -> None:
        # Loaded here: its limit on text length is checked here, and forked workers inherit it, loaded.
        self.max_length = _loaded(model).max_length
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.pool = context.Pool(jobs, initializer=_init_worker, initargs=(model,))
        self.ahead = 2 * jobs  # chunks in flight: enough to keep the workers busy, few enough for flat memory

    def extractions(self, sources: Iterable[Source]) -> Iterator[Extraction | Skipped | _InputEnded]:
        """What the workers send back, in order; `INPUT_ENDED` once the last source is sent to them."""
        pending: deque = deque()
        for chunk in _chunks(_cleaned(sources, self.max_length), PIPE_BATCH):
            pending.append(self.pool.apply_async(_extract_in_worker, (chunk,)))
            if len(pending) >= self.ahead:
                yield from pending.popleft().get()
        yield INPUT_ENDED
        while pending:
            yield from pending.popleft().get()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def _batches(
    items: Iterable[Extraction | Skipped | _InputEnded], report: BuildReport, size: int
) -> Iterator[list[Extraction] | _InputEnded]:
    """Batches of at most `size` documents, from `FIRST_BATCH` up, doubling: a small build has its first batch
    written while the rest is parsed, a large one few batches. Once the input ends, the batch so far is written
    while the workers finish, then each chunk they send back: only the last is left to write after all parsing.
    `INPUT_ENDED` passes on, after the batch so far."""
    batch: list[Extraction] = []
    words = 0
    limit = min(size, FIRST_BATCH)
    for item in items:
        if isinstance(item, _InputEnded):
            if batch:
                yield batch
                batch, words = [], 0
            limit = size = min(size, PIPE_BATCH)
            yield item
            continue
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        batch.append(item)
        words += item.words
        if len(batch) >= limit or words >= BATCH_WORDS:
            yield batch
            batch, words = [], 0
            limit = min(size, 2 * limit)
    if batch:
        yield batch


# --- the build ---------------------------------------------------------------------------------------------


def _plan(
    sources: Iterable[Source | Skipped],
    known: dict[str, set[str]],
    writer: GraphWriter,
    sink: _Sink,
    report: BuildReport,
) -> Iterator[Source]:
    """Decide per source, as they stream in: build it, skip it (unchanged or unreadable), or replace an
    older version. `known` is what the store holds (hash -> file names); changes go through the sink."""
    by_name: dict[str, set[str]] = {}
    for sha256, names in known.items():
        for name in names:
            by_name.setdefault(name, set()).add(sha256)
    seen: set[str] = set()
    for source in sources:
        if isinstance(source, Skipped):
            report.skipped.append(source)
            continue
        report.read += 1
        if source.note:
            report.notes.append((source.name, source.note))
        if source.sha256 in known or source.sha256 in seen:
            report.unchanged += 1
            if source.name not in known.get(source.sha256, {source.name}):
                sink.put(functools.partial(_rename, writer, source.sha256, source.name))
            continue
        seen.add(source.sha256)
        old = sorted(document_iri(h) for h in by_name.get(source.name, ()) if h != source.sha256)
        if old:
            sink.put(functools.partial(_replace, writer, old))
            report.replaced += 1
        yield source


def _rename(writer: GraphWriter, sha256: str, name: str) -> None:
    writer.add_source_name(sha256, name)
    writer.store.release()


def _replace(writer: GraphWriter, old: list) -> None:
    writer.remove_documents(old)
    writer.store.release()


def build(
    paths: Iterable[str],
    store: Store,
    model: str | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    stdin: bytes | None = None,
    batch_size: int = BATCH_DOCUMENTS,
) -> BuildReport:
    """Build the given files into the store; safe to interrupt, to kill and to re-run."""
    started = time.perf_counter()
    report = BuildReport()
    name = model_name(model)
    with build_lock(store):
        writer = GraphWriter(store)
        writer.prepare()
        known = writer.known_hashes()
        store.release()
        parser = _Parser(name, jobs)
        sink = _Sink(writer, report, progress)
        try:
            todo = _plan(read_sources(paths, stdin=stdin), known, writer, sink, report)
            for batch in _batches(parser.extractions(todo), report, batch_size):
                sink.put(writer.write_as_they_come if isinstance(batch, _InputEnded) else batch)
            sink.close()
            report.compacted = _compact_if_grown(store, report.built + report.replaced, len(known))
        except KeyboardInterrupt:
            sink.abort()
            report.interrupted = True
        finally:
            sink.abort()
            parser.close()
        _count(store, report)
    report.seconds = time.perf_counter() - started
    return report


class _Sink:
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


def worth_compacting(written: int, held_before: int) -> bool:
    """Whether a build that wrote `written` documents into a store of `held_before` should compact it: when
    it wrote at least a tenth of the store. Compacting costs about a second per 1,000 documents in the store,
    so a few documents added to a large store do without."""
    return written > 0 and written * 10 >= held_before + written


def _compact_if_grown(store: Store, written: int, held_before: int) -> bool:
    """Compact a local store after a build that wrote a good share of it: each batch's bulk load leaves files
    that overlap the others, and typical queries run about a third faster once they are merged."""
    if not store.exclusive_folder or not worth_compacting(written, held_before):
        return False
    store.optimize()  # the folder is let go by `_count`, which comes next
    return True


def _count(store: Store, report: BuildReport) -> None:
    rows = store.select(
        sparql_prologue() + "SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?f) AS ?facts) WHERE {"
        " { ?e a ?c . FILTER(?c IN (kg:Person, kg:Organization, kg:Country, kg:City, kg:Place, kg:Group,"
        " kg:NamedEvent, kg:Work)) } UNION { ?f kg:evidence ?x ; kg:subject ?s } }"
    )
    report.entities, report.facts = (int(v) for v in rows[0])
    report.triples = store.triple_count()
    store.release()


def export_turtle(store: Store, out_dir: str | os.PathLike[str]) -> Path:
    """Write the whole graph to OUT/graph.ttl, as `kg export --format turtle` does (atomically: a crash never
    leaves half a file): sorted, so that two builds of the same graph diff cleanly, in bounded memory."""
    from ..export import export

    path = Path(out_dir) / "graph.ttl"
    try:
        export(store, "turtle", path)
    except OSError as e:
        raise write_error(str(path), e) from e
    store.release()
    return path
