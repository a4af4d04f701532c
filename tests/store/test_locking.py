"""A store folder held by another process: a second build is refused with the first one's process id, and a
query waits its turn, says so, and gives up clearly."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import run_kg
from faults_testing import kg_env

pytestmark = pytest.mark.slow  # drives competing processes


def test_second_build_is_refused_while_one_runs(tmp_path, sample_store_dir):
    from kg.store.local import LocalStore
    from kg.store.locking import build_lock

    store_dir = tmp_path / "store"
    shutil.copytree(sample_store_dir, store_dir)
    holder = LocalStore(store_dir)
    with build_lock(holder):
        holder.release()
        result = run_kg("build", "--store", str(store_dir), cwd=tmp_path, env=kg_env())
    holder.close()
    assert result.returncode == 1
    assert f"is being built by another kg process (pid {os.getpid()})" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    after = run_kg("query", "ASK { ?d a kg:Document }", "--store", str(store_dir), cwd=tmp_path, env=kg_env())
    assert after.returncode == 0 and b"yes" in after.stderr  # nothing lost


def test_query_waits_for_a_busy_store_then_says_so(tmp_path, sample_store_dir):
    import pyoxigraph as ox

    store_dir = tmp_path / "store"
    shutil.copytree(sample_store_dir, store_dir)
    held = ox.Store(str(store_dir))  # another process holds the folder (this one)
    result = run_kg("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", str(store_dir), cwd=tmp_path,
                    env=kg_env(KG_LOCK_WAIT="1"))  # fmt: skip
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "is busy (another kg process is writing); waiting" in err
    assert "is in use by another process" in err and "waited 1 s" in err
    assert "Traceback" not in err
    del held
    again = run_kg("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", str(store_dir), cwd=tmp_path,
                   env=kg_env())  # fmt: skip
    assert again.returncode == 0, again.stderr.decode()
