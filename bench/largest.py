"""The typical queries (through kg and through rdflib's engine) and the exports, on the largest store."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.measuring import run_measured
from bench.queries import QUERIES, shortest_path

__all__ = ["ExportRun", "export_lines", "measure_export", "measure_queries"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_queries(run_one, repeat: int, budget: float = 30.0) -> dict[str, tuple[float, float, int, int]]:
    """Query name -> (median ms, p95 ms, runs, rows) after a warm-up run; a query whose first timed run exceeds
    the budget runs once."""
    out = {}
    for name in [*QUERIES, "shortest path"]:
        run_one(name)  # one warm-up run, not counted (the first query of a process also sets up rdflib)
        times, rows = [], 0
        for _ in range(repeat):
            started = time.perf_counter()
            rows = run_one(name)
            times.append((time.perf_counter() - started) * 1000)
            if times[0] > budget * 1000:
                break
        out[name] = (statistics.median(times), percentile(times, 0.95), len(times), rows)
    return out


def kg_runner(store):
    from kg.query.run import run_query

    def run_one(name: str) -> int:
        if name == "shortest path":
            return shortest_path(lambda q: run_query(store, q).rows) or 0
        return len(run_query(store, QUERIES[name]).rows)

    return run_one


def rdflib_runner(graph):
    from kg.rdf.ontology import PREFIXES

    def select(text: str) -> list:
        return list(graph.query(text, initNs=PREFIXES))

    def run_one(name: str) -> int:
        if name == "shortest path":
            return shortest_path(select) or 0
        return len(select(QUERIES[name]))

    return run_one


EXPORT = """
import json, sys, time
import pyoxigraph as ox
from kg.export import export
from kg.rdf.ontology import PREFIXES
from kg.store.opening import open_store
store = open_store(sys.argv[1], create=False)
started = time.perf_counter()
if sys.argv[3] == "dump":
    store.oxigraph.dump(sys.argv[2], ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
else:
    export(store, sys.argv[3], sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - started}))
"""
EXPORTS = {"dump": "raw.ttl", "turtle": "graph.ttl", "ntriples": "graph.nt"}  # what -> file


@dataclass
class ExportRun:
    what: str  # "dump" (pyoxigraph's Turtle, unsorted), "turtle" or "ntriples" (kg export, sorted)
    seconds: float = 0.0  # best of the runs, the export call only (not the process start)
    peak_mb: float = 0.0  # the most of the runs, the whole process
    runs: list[float] = field(default_factory=list)


def measure_export(store_dir: Path, work: Path, repeat: int = 3) -> list[ExportRun]:
    """pyoxigraph's own Turtle dump of the store (with the kg prefixes) against `kg export --format turtle`
    and `--format ntriples` (sorted; the build's graph.ttl is that Turtle), each run in a fresh process, taking
    turns; best of REPEAT."""
    found = {what: ExportRun(what) for what in EXPORTS}
    for _ in range(repeat):
        for what, name in EXPORTS.items():
            args = [sys.executable, "-c", EXPORT, str(store_dir), str(work / name), what]
            out, memory = run_measured(args, f"export {what}")
            run = found[what]
            run.runs.append(json.loads(out)["seconds"])
            run.seconds, run.peak_mb = min(run.runs), max(run.peak_mb, memory.main_kb / 1024)
    return list(found.values())


def export_lines(runs: list[ExportRun]) -> list[str]:
    dump = runs[0]
    return [f"{r.what}: {r.seconds:.2f} s ({r.seconds / dump.seconds:.2f}× the dump), peak {r.peak_mb:,.0f} MB; "
            f"runs {', '.join(f'{t:.2f}' for t in r.runs)}" for r in runs]  # fmt: skip


def measure_queries(store_dir: Path, repeat: int, rdflib_max_triples: int) -> tuple[dict, dict | None, int]:
    from rdflib import Graph

    from kg.store.opening import open_store

    store = open_store(store_dir, create=False)
    try:
        kg_times = time_queries(kg_runner(store), repeat)
        triples = store.triple_count()
        if triples > rdflib_max_triples:
            return kg_times, None, triples
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "g.nt"
            store.dump(dump, "ntriples")
            graph = Graph()
            graph.parse(dump, format="nt")
    finally:
        store.close()
    return kg_times, time_queries(rdflib_runner(graph), max(3, repeat // 4)), triples
