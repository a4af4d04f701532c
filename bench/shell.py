"""The shell's latency goals: a usable prompt within a second of `kg shell`, and completion within 50 ms on a
graph of 100,000 named entities and 2,000 properties.

    python bench/shell.py [--store STORE] [--rounds N]

Without --store, the sample corpus is built into a temporary store first. Prints the best and median of N
rounds for each figure beside its goal (needs the test extra, for pexpect).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.measuring import env, load_average  # noqa: E402
from kg.shell.completion import suggest  # noqa: E402
from kg.shell.metadata import Entity, Metadata, Term  # noqa: E402
from kg.shell.special import command_names  # noqa: E402

__all__ = ["completion_seconds", "large_graph", "main", "startup_seconds"]

STARTUP_GOAL = 1.0
COMPLETION_GOAL = 0.05
TYPED = [f"SELECT ?x WHERE {{ ?x kg:meets {w}" for w in ("Lavr", "Sergey Lav", "ka", "Bide", "zzz", "Qwert")]
TYPED += ["SELECT ?x WHERE { ?x rel:ve", "SELECT ?x WHERE { ?x ", "\\describe ser", "SELECT ?x WHERE { ?x a schema:Pe"]


def startup_seconds(store: Path) -> float:
    """From starting `python -m kg shell` to its first prompt, then quit."""
    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "kg", "shell", "--store", str(store)], cwd=str(store.parent),
                          env=env(), encoding="utf-8", dimensions=(40, 120), timeout=60)  # fmt: skip
    child.expect_exact(f"{store.name.lstrip('.')}> ")
    elapsed = time.perf_counter() - started
    child.sendline("\\q")
    child.expect(pexpect.EOF)
    return elapsed


def large_graph(n: int) -> Metadata:
    """N made-up people named from a few syllables (fixed seed), one Zbigniew Qwertyson, 2,000 properties."""
    rng = random.Random(7)
    syllables = "ka lo ser gey lav rov mi ta na do bi den pu tin ze len sky vo dy myr an to ny".split()
    entities = []
    for i in range(n):
        first = "".join(rng.choice(syllables) for _ in range(2)).title()
        last = "".join(rng.choice(syllables) for _ in range(3)).title()
        name = f"ent:{first.lower()}-{last.lower()}-{i}"
        entities.append(Entity(name, f"{first} {last}", "Person", rng.randint(0, 500)))
    entities.append(Entity("ent:zbigniew-qwertyson", "Zbigniew Qwertyson", "Person", 4))
    properties = [Term(f"rel:verb{i}", f"verb {i}", rng.randint(0, 1000)) for i in range(2000)]
    return Metadata(entities=entities, properties=properties, classes=[], loaded=True)


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def completion_seconds(meta: Metadata) -> float:
    """The slowest of the typed texts' completions."""
    commands = command_names()
    return max(_timed(lambda t=t: suggest(t, meta, commands=commands)) for t in TYPED)  # type: ignore[misc]


def _sample_store(folder: Path) -> Path:
    store = folder / "store"
    subprocess.run([sys.executable, "-m", "kg", "build", "--store", str(store), "--no-export"], cwd=folder,
                   env=env(), check=True, capture_output=True)  # fmt: skip
    return store


def _line(what: str, times: list[float], goal: float) -> str:
    best, median = min(times), statistics.median(times)
    verdict = "meets" if best < goal else "MISSES"
    figures = f"best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms"
    return f"{what:<22} {figures}   goal < {goal * 1000:.0f} ms: {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a store to start the shell on (default: the sample, built)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load average: {load_average()}")
    with tempfile.TemporaryDirectory() as folder:
        store = args.store or _sample_store(Path(folder))
        startup = [startup_seconds(store) for _ in range(args.rounds)]
    meta = large_graph(100_000)
    index_built = _timed(lambda: meta.index)
    completion = [completion_seconds(meta) for _ in range(args.rounds)]
    print(_line("shell startup", startup, STARTUP_GOAL))
    print(f"{'name index (100,000)':<22} built in {index_built:.2f} s, once, in the background")
    print(_line("slowest completion", completion, COMPLETION_GOAL))


if __name__ == "__main__":
    main()
