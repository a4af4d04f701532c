"""The writer's ceiling: how many documents per second the main process of a build handles alone (reading,
cleaning, resolving, writing, compacting, counting) when the parsing costs nothing — what a cluster of any
size can at most feed it.

    python bench/ceiling.py CORPUS_DIR STORE ARTICLE ...

CORPUS_DIR holds bench.py's copies of the ARTICLEs. Each article is parsed and extracted once, up front and
untimed; then `kg.build.pipeline.build` runs over the corpus with a parser that hands back, for each cleaned
source, its article's extraction under the source's name and hash. Prints the build's figures as JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import pipeline  # noqa: E402
from kg.build.workers import INPUT_ENDED, InputEnded, _cleaned, _extract_chunk, _settle  # noqa: E402
from kg.extract.extraction import Extraction  # noqa: E402
from kg.ingest.cleaning import clean  # noqa: E402
from kg.ingest.sources import Skipped, Source, read_sources  # noqa: E402
from kg.nlp.model import load_nlp  # noqa: E402
from kg.store.opening import open_store  # noqa: E402

__all__ = ["Replay", "main"]


class Replay:
    """A parser that parses nothing: each cleaned source gets the extraction of the article with its text."""

    def __init__(self, extractions: dict[str, Extraction]) -> None:
        self.by_text = extractions
        self.max_length = 1_000_000

    def extractions(self, sources: Iterable[Source]) -> Iterator[Extraction | Skipped | InputEnded]:
        for source, article in _cleaned(sources, self.max_length):
            if isinstance(article, Skipped):
                yield article
            else:
                yield replace(self.by_text[article.text], source=source.name, sha256=source.sha256)
        yield INPUT_ENDED

    def close(self) -> None:
        pass


def extracted(articles: list[str]) -> dict[str, Extraction]:
    """Each article parsed and extracted once, by its cleaned text."""
    sources = [s for s in read_sources(articles) if isinstance(s, Source)]
    chunk = [(replace(s, text=""), clean(s.text)) for s in sources]
    found = _extract_chunk(load_nlp(None), chunk)  # type: ignore[arg-type]
    return {ex.article.text: ex for ex in found if isinstance(ex, Extraction)}


def main() -> None:
    corpus, store_path, *articles = sys.argv[1:]
    by_text = extracted(articles)
    _settle()
    pipeline._parser = lambda model, jobs, cluster: Replay(by_text)  # type: ignore[assignment]
    store = open_store(store_path, create=True)
    try:
        report = pipeline.build([corpus], store)
    finally:
        store.close()
    print(json.dumps({"documents": report.built, "seconds": report.seconds, "words": report.words}))


if __name__ == "__main__":
    main()
