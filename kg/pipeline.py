"""The build: sources -> (parallel) parse and extract -> resolve and write in batches -> Turtle export.

Composition only; each step lives in its own module.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .extract import Extraction, extract_source
from .graph import GraphWriter
from .nlp import load_nlp, model_name
from .ontology import sparql_prologue
from .sources import Skipped, Source, read_sources
from .store import Store
from .triples import document_iri

__all__ = ["BuildReport", "build", "export_turtle"]

BATCH_DOCUMENTS = 64  # documents per transaction; also the span of in-batch name resolution
BATCH_WORDS = 60_000


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


# --- parsing, in this process or in a pool of workers ---------------------------------------------------

_WORKER_NLP = None


def _init_worker(model: str) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load_nlp(model)


def _extract_in_worker(source: Source) -> Extraction | Skipped:
    return _extract_safely(_WORKER_NLP, source)


def _extract_safely(nlp, source: Source) -> Extraction | Skipped:
    """One document that breaks the extractor is skipped with the reason; the others go on."""
    try:
        return extract_source(nlp, source)
    except Exception as e:
        return Skipped(source.name, f"extraction failed: {type(e).__name__}: {e}")


def _extractions(sources: list[Source], model: str, jobs: int) -> Iterator[Extraction | Skipped]:
    if jobs <= 1 or len(sources) <= 1:
        nlp = load_nlp(model)
        for source in sources:
            yield _extract_safely(nlp, source)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        yield from pool.imap(_extract_in_worker, sources, chunksize=1)


def _batches(
    items: Iterable[Extraction | Skipped], report: BuildReport, size: int = BATCH_DOCUMENTS
) -> Iterator[list[Extraction]]:
    batch: list[Extraction] = []
    words = 0
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        batch.append(item)
        words += item.words
        if len(batch) >= size or words >= BATCH_WORDS:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


# --- the build ---------------------------------------------------------------------------------------------


def _plan(sources: Iterable[Source | Skipped], writer: GraphWriter, report: BuildReport) -> list[Source]:
    """Decide per source: build it, skip it (unchanged or unreadable), or replace an older version."""
    known = writer.known_hashes()
    todo: list[Source] = []
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
                writer.add_source_name(source.sha256, source.name)
            continue
        seen.add(source.sha256)
        old = [d for d in writer.documents_from(source.name) if d != document_iri(source.sha256)]
        if old:
            writer.remove_documents(old)
            report.replaced += 1
        todo.append(source)
    return todo


def build(
    paths: Iterable[str],
    store: Store,
    model: str | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    stdin: bytes | None = None,
    batch_size: int = BATCH_DOCUMENTS,
) -> BuildReport:
    """Build the given files into the store; safe to interrupt and to re-run.

    Documents are written `batch_size` at a time, each batch one transaction.
    """
    started = time.perf_counter()
    report = BuildReport()
    name = model_name(model)
    writer = GraphWriter(store)
    writer.prepare()
    todo = _plan(read_sources(paths, stdin=stdin), writer, report)
    try:
        for batch in _batches(_extractions(todo, name, jobs), report, batch_size):
            writer.write_batch(batch)
            report.built += len(batch)
            report.sentences += sum(len(ex.sentences) for ex in batch)
            report.words += sum(ex.words for ex in batch)
            if progress:
                progress(len(batch))
    except KeyboardInterrupt:
        report.interrupted = True
    _count(store, report)
    report.seconds = time.perf_counter() - started
    return report


def _count(store: Store, report: BuildReport) -> None:
    rows = store.select(
        sparql_prologue() + "SELECT (COUNT(DISTINCT ?e) AS ?entities) (COUNT(DISTINCT ?f) AS ?facts) WHERE {"
        " { ?e a ?c . FILTER(?c IN (kg:Person, kg:Organization, kg:Country, kg:City, kg:Place, kg:Group,"
        " kg:NamedEvent, kg:Work)) } UNION { ?f kg:evidence ?x ; kg:subject ?s } }"
    )
    report.entities, report.facts = (int(v) for v in rows[0])
    report.triples = store.triple_count()


def export_turtle(store: Store, out_dir: str | os.PathLike[str]) -> Path:
    """Write the whole graph to OUT/graph.ttl (atomically: a crash never leaves half a file)."""
    from .export import export

    path = Path(out_dir) / "graph.ttl"
    export(store, "turtle", path)  # sorted, so that two builds of the same graph diff cleanly
    return path
