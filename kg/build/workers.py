"""Parsing and extracting in worker processes: the pool, the chunks sent to it, and the warm-up before it forks.

The main process reads, plans and cleans the sources, and resolves and writes what the workers send back;
the workers parse and extract. With one worker, the writing runs beside the parsing without sharing
Python's lock with it: the parse, about 90 % of the work, never waits for ours.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice

from spacy.language import Language

from ..extract.dates import resolve_date
from ..extract.extraction import Extraction, extract
from ..ingest.bounds import too_long
from ..ingest.cleaning import Article, clean_source
from ..ingest.sources import Skipped, Source
from ..lexicon.gazetteer import lookup_place
from ..lexicon.names import first_name_gender
from ..nlp.headline import parse_text
from ..nlp.model import load_nlp
from ..processes import die_with_parent

__all__ = ["INPUT_ENDED", "PIPE_BATCH", "Cleaned", "InputEnded", "Parser"]

PIPE_BATCH = 16  # documents per nlp.pipe call, and per task sent to a worker

_WORKER_NLP = None

Cleaned = tuple[Source, Article | Skipped]  # the source (its text dropped: the article holds it), cleaned


class InputEnded:
    """The mark, in the stream of extractions, after which only the chunks in the workers' hands remain."""


INPUT_ENDED = InputEnded()


def _init_worker(model: str, parent: int) -> None:
    global _WORKER_NLP
    die_with_parent(parent, pdeathsig=True)  # a killed build leaves no parser behind
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _WORKER_NLP = _loaded(model)


def _extract_in_worker(chunk: list[Cleaned]) -> list[Extraction | Skipped]:
    assert _WORKER_NLP is not None, "the worker's initializer loads the model"
    return _extract_chunk(_WORKER_NLP, chunk)


def _extract_chunk(nlp: Language, chunk: list[Cleaned]) -> list[Extraction | Skipped]:
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
        reason = too_long(source.text)  # parsing it would take minutes and GBs
        if reason is None and len(source.text) > max_length:  # spaCy refuses it
            reason = (
                f"too long to parse ({len(source.text):,} characters; the parser takes at most "
                f"{max_length:,}): split it into articles"
            )
        if reason is not None:
            yield source, Skipped(source.name, reason)
            continue
        try:
            article: Article | Skipped = clean_source(source)
        except Exception as e:
            article = Skipped(source.name, f"cleaning failed: {type(e).__name__}: {e}")
        yield replace(source, text=""), article


def _loaded(model: str) -> Language:
    """The model, loaded, with what cleaning and extraction load on first use (`_warm_up`); all their objects then
    leave the garbage collector's care (`gc.freeze`). They live as long as the process, and every full collection
    walked them all: ~50 ms, several times a batch. Frozen before a fork, they also stay shared with the workers
    rather than copied on the collector's first visit."""
    nlp = load_nlp(model)
    _settle()
    return nlp


def _settle() -> None:
    """Warm up (`_warm_up`), then take what is loaded out of the garbage collector's care."""
    _warm_up()
    gc.collect()  # garbage first: a frozen cycle would never be freed (one holding a store handle keeps it locked)
    gc.freeze()


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


class Parser:
    """A pool of `jobs` worker processes that parse and extract chunks of cleaned sources, started up front
    (before the writer thread, so that no thread of ours runs when they fork). They end with the build, even
    a killed one, and share none of its locks (kg/store/locking.py)."""

    def __init__(self, model: str, jobs: int) -> None:
        # Loaded here: its limit on text length is checked here, and forked workers inherit it, loaded.
        self.max_length = _loaded(model).max_length
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.pool = context.Pool(jobs, initializer=_init_worker, initargs=(model, os.getpid()))
        self.ahead = 2 * jobs  # chunks in flight: enough to keep the workers busy, few enough for flat memory

    def extractions(self, sources: Iterable[Source]) -> Iterator[Extraction | Skipped | InputEnded]:
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
