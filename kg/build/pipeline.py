"""The build: sources -> (parallel) parse and extract -> resolve and write in batches -> Turtle export.

Composition only; each step lives in its own module. How it scales:
  * sources are read, planned, cleaned and parsed as a stream: memory does not grow with the number of
    documents;
  * `jobs` worker processes parse and extract: texts go through `nlp.pipe` in chunks of `PIPE_BATCH`
    (spaCy's batched matrix work), a bounded number of chunks ahead of the writer; or the workers of a Dask
    cluster do (`cluster`, see `kg.build.cluster`), the rest unchanged;
  * the main process cleans the texts, then resolves names and writes one transaction per batch of
    documents, and lets go of a local store between batches when `kg query` waits for it (see `kg.store.locking`).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ClusterError, KGError, StoreError
from ..extract.extraction import Extraction
from ..files import write_error
from ..ingest.sources import RecordFields, Skipped, Source, read_sources
from ..nlp.model import model_name
from ..rdf.ontology import sparql_prologue
from ..rdf.triples import document_iri
from ..store.base import Store
from ..store.locking import build_lock
from .report import BuildReport
from .sink import Sink
from .workers import PIPE_BATCH, InputEnded, Parser
from .writer import GraphWriter

if TYPE_CHECKING:
    from .cluster import ClusterParser

__all__ = [
    "BATCH_DOCUMENTS",
    "BATCH_WORDS",
    "FIRST_BATCH",
    "build",
    "export_turtle",
    "sample_store",
    "worth_compacting",
]

# Documents per batch: one transaction, and the span of in-batch name resolution. Each batch costs a refresh of
# the counts of every entity and fact it touches and a bulk load whose files RocksDB later merges: building 1,000
# documents in batches of 256 takes the main process 30 % less CPU than in batches of 64, for 190 MB more memory.
BATCH_DOCUMENTS = 256
BATCH_WORDS = 150_000  # and at most this many words: what a batch holds in memory follows its words
FIRST_BATCH = 64  # the first batch; each next one doubles, up to the batch size


def _batches(
    items: Iterable[Extraction | Skipped | InputEnded], report: BuildReport, size: int
) -> Iterator[list[Extraction] | InputEnded]:
    """Batches of at most `size` documents, from `FIRST_BATCH` up, doubling: a small build has its first batch
    written while the rest is parsed, a large one few batches. Once the input ends, the batch so far is written
    while the workers finish, then each chunk they send back: only the last is left to write after all parsing.
    `INPUT_ENDED` passes on, after the batch so far."""
    batch: list[Extraction] = []
    words = 0
    limit = min(size, FIRST_BATCH)
    for item in items:
        if isinstance(item, InputEnded):
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
    sink: Sink,
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
    cluster: str | None = None,
    fields: RecordFields | None = None,
) -> BuildReport:
    """Build the given files into the store; safe to interrupt, to kill and to re-run. `cluster` is a Dask
    scheduler's address (or `local:N`) to parse on instead of `jobs` local processes; `fields` names the
    fields of news dumps' records when they are not the usual ones."""
    started = time.perf_counter()
    report = BuildReport()
    name = model_name(model)
    with build_lock(store):
        writer = GraphWriter(store)
        writer.prepare()
        known = writer.known_hashes()
        store.release()
        parser = _parser(name, jobs, cluster)
        sink = Sink(writer, report, progress)
        try:
            todo = _plan(read_sources(paths, stdin=stdin, fields=fields), known, writer, sink, report)
            for batch in _batches(parser.extractions(todo), report, batch_size):
                sink.put(writer.write_as_they_come if isinstance(batch, InputEnded) else batch)
            sink.close()
            writer.settle()
            report.compacted = _compact_if_grown(store, report.built + report.replaced, len(known))
        except KeyboardInterrupt:
            sink.abort()
            report.interrupted = True
        except StoreError as e:
            sink.abort()
            raise _after_failed_write(writer, e) from e
        except ClusterError as e:
            sink.abort()
            raise ClusterError(
                f"{e}\nThe build stopped after {report.built} new document(s); the store holds every batch written "
                "before. Start the cluster again and run the same command to resume: documents already built "
                "(keyed by content hash) are skipped."
            ) from e
        finally:
            sink.abort()
            parser.close()
        _count(store, report)
    report.seconds = time.perf_counter() - started
    return report


def _after_failed_write(writer: GraphWriter, error: StoreError) -> StoreError:
    """A store folder whose write failed (a full disk): roll back the batch cut off (the documents its markers
    name), so that the store holds whole documents with their counts. If that fails too, say what is left."""
    if not writer.store.bulk_loading:
        return error
    try:
        writer.remove_pending()
        writer.store.release()
    except (KGError, OSError):
        return type(error)(
            f"{error}\nThe store keeps the documents of the batch cut off, marked unfinished: kg query, kg stats, "
            "kg export and kg shell warn about them until the same kg build command, run again, removes them."
        )
    return type(error)(f"{error}\nThe batch being written was rolled back: the store holds whole documents only.")


def _parser(model: str, jobs: int, cluster: str | None) -> Parser | ClusterParser:
    """The local worker processes, or the cluster's (`distributed` is imported only then)."""
    if cluster is None:
        return Parser(model, jobs)
    from .cluster import ClusterParser

    return ClusterParser(model, cluster)


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
    report.entities, report.facts = (int(str(v)) for v in rows[0])
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


def sample_store() -> Store:
    """The sample corpus built into a new store in a temporary folder, removed when the process ends (what
    `kg export --sample` exports)."""
    import atexit
    import shutil
    import tempfile

    from ..ingest.sources import sample_corpus
    from ..store.opening import open_store

    folder = tempfile.mkdtemp(prefix="kg-sample-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    store = open_store(Path(folder) / "store")
    build(sample_corpus(), store)
    return store
