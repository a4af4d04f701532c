"""kg export and kg stats --centrality on the command line, and the freshness of exports/."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

pytestmark = pytest.mark.slow  # builds and exports in subprocesses

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "exports"
REGENERATE = "kg export --sample --all exports"


def run_kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real `kg` command line (python -m kg) in a subprocess (tests/conftest.py's helper is shadowed here)."""
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, timeout=300)


def _store(sample_store_dir, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    return copy


def test_export_with_filters_and_errors(sample_store_dir, tmp_path):
    store = _store(sample_store_dir, tmp_path)
    out = tmp_path / "people.gexf"
    done = run_kg("export", "-f", "gexf", "-o", str(out), "--type", "Person", "--store", str(store), cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    g = nx.read_gexf(out)
    assert len(g) > 3 and {d["type"] for _, d in g.nodes(data=True)} == {"Person"}
    assert "Wrote" in done.stderr.decode()
    turtle = run_kg("export", "-f", "turtle", "--store", str(store), cwd=tmp_path)
    assert turtle.stdout.startswith(b"@prefix ")
    bad = run_kg("export", "-f", "pdf", "--store", str(store), cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.decode() == (
        "Error: Unknown export format 'pdf'. Available: csv, cyjs, dot, gexf, graphml, html, jsonld, nquads, "
        "ntriples, png, rdfxml, svg, trig, turtle\n"
    )
    csv = run_kg("export", "-f", "csv", "-o", str(tmp_path / "tables"), "--store", str(store), cwd=tmp_path)
    assert csv.returncode == 0 and (tmp_path / "tables" / "nodes.csv").exists()


def test_concepts_are_folded_unless_asked(sample_store_dir, tmp_path):
    store = _store(sample_store_dir, tmp_path)
    types = {}
    for flag in ([], ["--concepts"]):
        out = tmp_path / f"graph{len(flag)}.gexf"
        done = run_kg("export", "-f", "gexf", "-o", str(out), *flag, "--store", str(store), cwd=tmp_path)
        assert done.returncode == 0, done.stderr.decode()
        types[bool(flag)] = {d["type"] for _, d in nx.read_gexf(out).nodes(data=True)}
    assert "Concept" in types[True] and "Concept" not in types[False]
    assert types[False] == types[True] - {"Concept"}


def test_stats_centrality(sample_store_dir, tmp_path):
    done = run_kg(
        "stats", "--centrality", "--top", "5", "--store", str(_store(sample_store_dir, tmp_path)), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert "centrality" in lines[1] and len([line for line in lines if line.startswith("| ")]) == 6
    assert "Joe Biden" in done.stdout.decode()


def test_exports_folder_is_fresh(exported):
    """exports/ holds what the code makes of the sample corpus now. If this fails, regenerate it (see README)."""
    from kg.export.dot import rendered_from

    folder, _, _, _ = exported
    fresh = {p.name for p in folder.iterdir()}
    committed = {p.name for p in EXPORTS.iterdir()}
    assert committed == fresh, f"exports/ lists other files than the exporters write. Run: {REGENERATE}"
    stale = []
    for name in sorted(fresh):
        if name.endswith((".svg", ".png")):  # pixels depend on fonts: compare the DOT they were drawn from
            digest = hashlib.sha256((folder / "graph.dot").read_bytes()).hexdigest()
            if rendered_from(EXPORTS / name) != digest:
                stale.append(name)
        elif (EXPORTS / name).read_bytes() != (folder / name).read_bytes():
            stale.append(name)
    assert not stale, f"exports/ is stale ({', '.join(stale)}). Run: {REGENERATE}"
