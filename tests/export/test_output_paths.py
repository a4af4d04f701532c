"""Where `kg export` writes: an output it cannot write is refused at once with a clear message, and a killed
export leaves the old file or none (its hidden part is removed by the next export). Real `kg export` runs."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import run_kg
from faults_testing import kg_env


@pytest.fixture
def store(tmp_path, sample_store_dir):
    copy = tmp_path / "store"
    shutil.copytree(sample_store_dir, copy)
    return copy


def _export(*args: str, cwd, store) -> subprocess.CompletedProcess:
    return run_kg("export", *args, "--store", str(store), cwd=cwd, env=kg_env())


def test_outputs_it_cannot_write_get_one_clear_line(tmp_path, store):
    (tmp_path / "out").mkdir()
    (tmp_path / "afile").write_text("")
    cases = {
        ("-f", "gexf", "-o", "out"): "Error: 'out' is a folder; give the file to write, e.g. out/graph.gexf\n",
        ("-f", "turtle", "-o", "afile/graph.ttl"): "Error: Cannot write 'afile/graph.ttl': 'afile' is a file, "
        "not a folder.\n",
        ("--all", "afile"): "Error: 'afile' is a file; this writes several files into a folder.\n",
        ("-f", "csv", "-o", "afile"): "Error: 'afile' is a file; this writes several files into a folder.\n",
    }
    for args, message in cases.items():
        result = _export(*args, cwd=tmp_path, store=store)
        assert (result.returncode, result.stderr.decode()) == (1, message), args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "out", "store"]
    assert not list((tmp_path / "out").iterdir())  # nothing written, no part left


@pytest.mark.slow
@pytest.mark.parametrize("after", [0.3, 0.8, 1.3, 1.8])
def test_a_killed_export_leaves_the_old_file_and_the_next_one_cleans_up(tmp_path, store, after):
    out = tmp_path / "graph.jsonld"
    out.write_text("old\n")
    export = subprocess.Popen([sys.executable, "-m", "kg", "export", "-f", "jsonld", "-o", str(out), "--store",
                               str(store)], cwd=tmp_path, env=kg_env(), stderr=subprocess.PIPE)  # fmt: skip
    time.sleep(after)
    export.send_signal(signal.SIGKILL)
    export.wait()
    text = out.read_text()
    assert text == "old\n" or text.rstrip().endswith(("}", "]")), "a killed export left half a file"
    again = _export("-f", "jsonld", "-o", str(out), cwd=tmp_path, store=store)
    assert again.returncode == 0, again.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "store"]  # no hidden part left
