"""kg's benchmark: build throughput against bare spaCy, --jobs 2, memory, store size, query latency, export.

    python bench/bench.py [--corpus DIR ...] [--sizes 100,1000,10000] [--rounds 1] [--repeat 20] [--out FILE]

For each size N it writes N articles (the corpus' real articles, repeated; each copy ends with a line of
spaces and tabs that spells its number, which cleaning strips, so every copy has its own content hash and
the same text), then, each in a fresh process:
  * bare spaCy: the same model, `nlp.pipe` over the same cleaned texts with kg's batch size;
  * two such bare pipelines at once (up to --pair-up-to documents): what two cores give spaCy itself, the
    ceiling of what --jobs 2 can gain (on a virtual machine's cores, often well under 2×);
  * `kg build` with --jobs 1 and with --jobs 2 (peak memory sampled from /proc over the process tree);
  * with --cluster local:2 (or any address), `kg build --cluster` too, against --jobs 2;
  * with --ceiling, the writer's ceiling: the build's main process alone, fed extractions made up front
    (bench/ceiling.py), in documents per second;
taking turns for --rounds rounds, the best of each kept (the speed of a shared machine drifts by tens of
percent between runs);
and on the largest store: the typical queries of bench/queries.py through kg (median and 95th
percentile over --repeat runs), the same queries on rdflib's in-memory engine over the same triples,
and kg's sorted Turtle and N-Triples exports against pyoxigraph's own (unsorted) Turtle dump, with peak
memory. It prints Markdown tables and the machine they were measured on.

Not a test: nothing here asserts; the targets are printed next to the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.largest import ExportRun, export_lines, measure_export, measure_queries  # noqa: E402
from bench.measuring import env, folder_mb, load_average, run_measured  # noqa: E402

__all__ = ["main"]

BARE = """
import sys, time, json
from pathlib import Path
from kg.nlp.model import load_nlp
from kg.ingest.cleaning import clean
from kg.nlp.headline import parse_text
started = time.perf_counter()
nlp = load_nlp(sys.argv[2] or None)
loaded = time.perf_counter()
texts = [parse_text(clean(p.read_text(encoding="utf-8"))) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
cleaned = time.perf_counter()
words = 0
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    words += sum(1 for t in doc if not t.is_punct and not t.is_space)
done = time.perf_counter()
total = done - started - (cleaned - loaded)
print(json.dumps({"words": words, "load": loaded - started, "parse": done - cleaned, "total": total}))
"""


@dataclass
class BuildRun:
    jobs: int
    seconds: float = 0.0
    words: int = 0
    documents: int = 0
    triples: int = 0
    peak_main_mb: float = 0.0
    peak_tree_mb: float = 0.0
    store_mb: float = 0.0
    load: str = ""
    cluster: str = ""


@dataclass
class SizeResult:
    size: int
    bare_words: int = 0
    bare_seconds: float = 0.0  # the best round's
    bare_parse_seconds: float = 0.0
    pair_words: int = 0  # two bare pipelines at once: both their words, the slower one's time
    pair_seconds: float = 0.0
    builds: list[BuildRun] = field(default_factory=list)  # the best round's, per --jobs value
    clusters: list[BuildRun] = field(default_factory=list)  # the best round's, per --cluster address
    ceiling: dict = field(default_factory=dict)  # the writer's ceiling: documents, seconds, words
    rounds: dict[str, list[float]] = field(default_factory=dict)  # what -> seconds of every round


# --- the corpus ------------------------------------------------------------------------------------------


def make_corpus(sources: list[Path], size: int, folder: Path) -> Path:
    """N article files: the real articles in turn, copy k ending in a whitespace line that spells k."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out = folder / f"corpus-{size}"
    out.mkdir(parents=True, exist_ok=True)
    for i in range(size):
        mark = format(i + 1, "b").replace("0", " ").replace("1", "\t")
        (out / f"{i:06}.txt").write_text(texts[i % len(texts)].rstrip("\n") + "\n" + mark + "\n", encoding="utf-8")
    return out


def articles(corpus: list[str]) -> list[Path]:
    found: list[Path] = []
    for item in corpus:
        path = Path(item)
        found += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    if not found:
        sys.exit(f"no *.txt articles in {', '.join(corpus)}")
    return found


# --- measuring a process ---------------------------------------------------------------------------------


def store_size_mb(path: Path) -> float:
    """The store's size at rest: opened and closed once first, as its next user would, so that the write-ahead
    log the build leaves (RocksDB replays and drops it on the next open) is not counted."""
    from kg.store.local import LocalStore

    LocalStore(path, create=False).close()
    return folder_mb(path)


# --- the runs --------------------------------------------------------------------------------------------


def run_bare(corpus: Path, model: str | None, batch: int, copies: int = 1) -> dict:
    """The bare pipeline over the corpus, in `copies` processes at once: all their words, the slowest's time."""
    args = [sys.executable, "-c", BARE, str(corpus), model or "", str(batch)]
    processes = [subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env()) for _ in range(copies)]
    outputs = [p.communicate()[0] for p in processes]
    if any(p.returncode for p in processes):
        sys.exit("the bare spaCy run failed")
    runs = [json.loads(out) for out in outputs]
    slowest = max(runs, key=lambda r: r["total"])
    return slowest | {"words": sum(r["words"] for r in runs)}


def run_build(corpus: Path, store: Path, jobs: int, model: str | None, cluster: str = "") -> BuildRun:
    run = BuildRun(jobs=jobs, load=load_average(), cluster=cluster)
    args = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--no-export", "--jobs", str(jobs)]
    args += ["--model", model] if model else []
    args += ["--cluster", cluster] if cluster else []
    out, memory = run_measured(args, "kg build")
    run.seconds, run.words, run.documents, run.triples = _report(out)
    run.peak_main_mb, run.peak_tree_mb = memory.main_kb / 1024, memory.tree_kb / 1024
    run.store_mb = store_size_mb(store)
    run.load += f" → {load_average()}"
    return run


def _report(out: str) -> tuple[float, int, int, int]:
    """Seconds, words, documents and triples from kg build's report."""
    first = out.splitlines()[0]  # "Built 100 documents in 41.2s (...)"
    documents = int(first.split()[1])
    seconds = float(first.split(" in ")[1].split("s")[0])
    values = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in out.splitlines()[1:6]}
    return seconds, values["words"], documents, values["triples"]


def measure_size(corpus: Path, size: int, work: Path, args: argparse.Namespace) -> SizeResult:
    """Bare spaCy, two bare at once, and kg build per --jobs value, taking turns for --rounds; the best of each."""
    from kg.build.workers import PIPE_BATCH

    bares: list[dict] = []
    pairs: list[dict] = []
    builds: dict[int, list[BuildRun]] = {int(j): [] for j in args.jobs.split(",")}
    clusters: dict[str, list[BuildRun]] = {address: [] for address in args.cluster.split(",") if address}
    for _ in range(args.rounds):
        if not args.no_bare:
            bares.append(run_bare(corpus, args.model, PIPE_BATCH))
        if not args.no_bare and size <= args.pair_up_to:
            pairs.append(run_bare(corpus, args.model, PIPE_BATCH, copies=2))
        for jobs, runs in builds.items():
            store = work / f"store-{size}-j{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            runs.append(run_build(corpus, store, jobs, args.model))
            print(f"  {size} documents, --jobs {jobs}: {asdict(runs[-1])}", file=sys.stderr)
        for address, runs in clusters.items():
            store = work / f"store-{size}-{address.replace('/', '_').replace(':', '_')}"
            shutil.rmtree(store, ignore_errors=True)
            runs.append(run_build(corpus, store, 1, args.model, cluster=address))
            print(f"  {size} documents, --cluster {address}: {asdict(runs[-1])}", file=sys.stderr)
    result = SizeResult(size, builds=[min(runs, key=lambda b: b.seconds) for runs in builds.values()])
    result.clusters = [min(runs, key=lambda b: b.seconds) for runs in clusters.values()]
    if args.ceiling:
        result.ceiling = run_ceiling(corpus, work / f"store-{size}-ceiling", args.corpus)
    result.rounds = {"bare": [b["total"] for b in bares], "two bare": [p["total"] for p in pairs]}
    result.rounds |= {f"jobs {jobs}": [b.seconds for b in runs] for jobs, runs in builds.items()}
    result.rounds |= {f"cluster {address}": [b.seconds for b in runs] for address, runs in clusters.items()}
    if bares:
        bare = min(bares, key=lambda b: b["total"])
        result.bare_words, result.bare_seconds, result.bare_parse_seconds = bare["words"], bare["total"], bare["parse"]
    if pairs:
        pair = min(pairs, key=lambda b: b["total"])
        result.pair_words, result.pair_seconds = pair["words"], pair["total"]
    return result


def run_ceiling(corpus: Path, store: Path, articles: list[str]) -> dict:
    """The writer's ceiling (bench/ceiling.py) in a fresh process."""
    shutil.rmtree(store, ignore_errors=True)
    out, _ = run_measured([sys.executable, str(ROOT / "bench" / "ceiling.py"), str(corpus), str(store), *articles],
                          "the writer's ceiling")  # fmt: skip
    return json.loads(out.splitlines()[-1])


def print_scaling(results: list[SizeResult]) -> None:
    """--cluster builds against --jobs 2, and the writer's ceiling."""
    print("\n| documents | build | words/s | × --jobs 2 | peak memory (MB, all processes here) |")
    print("|---:|---|---:|---:|---:|")
    for r in results:
        j2 = next((b for b in r.builds if b.jobs == 2), None)
        for b in r.clusters:
            ratio = f"{(b.words / b.seconds) / (j2.words / j2.seconds):.2f}×" if j2 else "–"
            cells = [
                f"{r.size:,}",
                f"--cluster {b.cluster}",
                f"{b.words / b.seconds:,.0f}",
                ratio,
                f"{b.peak_tree_mb:,.0f}",
            ]
            print("| " + " | ".join(cells) + " |")
        if r.ceiling:
            c = r.ceiling
            print(f"| {r.size:,} | writer's ceiling (main process alone) | {c['words'] / c['seconds']:,.0f} "
                  f"({c['documents'] / c['seconds']:,.1f} documents/s) | – | – |")  # fmt: skip


# --- the report ------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    import pyoxigraph
    import rdflib
    import spacy

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": f"{memory:.0f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": f"spaCy {spacy.__version__}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}",
    }


def print_tables(
    results: list[SizeResult], queries: dict, rdflib_times: dict | None, export: list[ExportRun], meta: dict
) -> None:
    print(f"\nMachine: {meta['cpu']}; {meta['memory']}; {meta['os']}; Python {meta['python']}; {meta['versions']}")
    print(f"Command: {meta['command']}\nCorpus: {meta['corpus']}\n")
    print("| documents | words | bare spaCy w/s | two bare at once w/s (× bare) | kg build w/s (× bare) "
          "| --jobs 2 w/s (× jobs 1; × two bare) | peak memory j1 / j2 (MB) | store MB | triples "
          "| load avg (before → after) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        bare = r.bare_words / r.bare_seconds if r.bare_seconds else 0
        pair = r.pair_words / r.pair_seconds if r.pair_seconds else 0
        j1 = next((b for b in r.builds if b.jobs == 1), None)
        j2 = next((b for b in r.builds if b.jobs == 2), None)
        first = r.builds[0]
        w1 = j1.words / j1.seconds if j1 else 0
        w2 = j2.words / j2.seconds if j2 else 0
        cells = [
            f"{r.size:,}", f"{first.words:,}", f"{bare:,.0f}" if bare else "–",
            f"{pair:,.0f} ({pair / bare:.2f}×)" if pair and bare else "–",
            f"{w1:,.0f} ({w1 / bare:.2f}×)" if j1 and bare else "–",
            (f"{w2:,.0f} ({w2 / w1:.2f}×" + (f"; {w2 / pair:.2f}×)" if pair else ")")) if j2 and w1 else "–",
            " / ".join(f"{b.peak_tree_mb:,.0f}" for b in r.builds),
            f"{first.store_mb:,.1f}", f"{first.triples:,}", f"j{first.jobs}: {first.load}",
        ]  # fmt: skip
        print("| " + " | ".join(cells) + " |")
    for r in results:
        print(f"{r.size:,} documents, seconds of each round: " + "; ".join(
            f"{what} {', '.join(f'{t:.1f}' for t in times)}" for what, times in r.rounds.items() if times))  # fmt: skip
    print(f"\nQueries on the largest store ({meta['largest']:,} documents, {meta['triples']:,} triples), ms:\n")
    print("| query | rows | kg (Oxigraph) median | p95 | rdflib in-memory median | p95 |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (median, p95, _, rows) in queries.items():
        other = rdflib_times.get(name) if rdflib_times else None
        theirs = f"{other[0]:,.1f} | {other[1]:,.1f}" if other else "not run | "
        shown = f"{rows} steps" if name == "shortest path" else rows
        print(f"| {name} | {shown} | {median:,.1f} | {p95:,.1f} | {theirs} |")
    if export:
        print("\nExports of the largest store, best of 3 (dump: pyoxigraph's Turtle; turtle, ntriples: kg export):")
        print("\n".join(export_lines(export)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", nargs="+", default=[str(ROOT / "kg" / "data" / "corpus")])
    parser.add_argument("--sizes", default="100", help="comma-separated document counts, e.g. 100,1000,10000")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to build with")
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--cluster", default="", help="also build with --cluster ADDRESS, e.g. local:2 (comma-separated)"
    )
    parser.add_argument("--ceiling", action="store_true", help="also measure the writer's ceiling (bench/ceiling.py)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy reference run")
    parser.add_argument("--pair-up-to", type=int, default=1000, help="run two bare pipelines at once up to this size")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each, taking turns; the best is kept")
    parser.add_argument("--repeat", type=int, default=20, help="runs per query")
    parser.add_argument("--rdflib-max-triples", type=int, default=2_000_000, help="skip rdflib above this")
    parser.add_argument("--work", default=None, help="folder for corpora and stores (default: a temporary one)")
    parser.add_argument("--out", default=None, help="also write the figures as JSON here")
    parser.add_argument("--export-of", default=None, metavar="STORE", help="only time the exports of STORE")
    parser.add_argument("--no-exports", action="store_true", help="do not time the exports of the largest store")
    args = parser.parse_args(argv)

    if args.export_of:
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as work:
            runs = measure_export(Path(args.export_of), Path(work))
        print(f"Exports of {args.export_of}, load average {load_average()}:\n" + "\n".join(export_lines(runs)))
        return

    sources = articles(args.corpus)
    work = Path(args.work or tempfile.mkdtemp(prefix="kg-bench-"))
    meta = machine() | {"command": "python " + " ".join([sys.argv[0], *(argv or sys.argv[1:])]),
                        "corpus": f"{len(sources)} articles from {', '.join(args.corpus)}"}  # fmt: skip
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        results.append(measure_size(make_corpus(sources, size, work), size, work, args))
    largest = results[-1]
    store_dir = work / f"store-{largest.size}-j{largest.builds[0].jobs}"
    queries, rdflib_times, triples = measure_queries(store_dir, args.repeat, args.rdflib_max_triples)
    export = [] if args.no_exports else measure_export(store_dir, work)
    meta |= {"largest": largest.size, "triples": triples}
    print_tables(results, queries, rdflib_times, export, meta)
    if args.cluster or args.ceiling:
        print_scaling(results)
    if args.out:
        figures = {"meta": meta, "sizes": [asdict(r) for r in results], "queries": queries,
                   "rdflib": rdflib_times, "export": [asdict(r) for r in export]}  # fmt: skip
        Path(args.out).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
