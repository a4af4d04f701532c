"""A store folder held by another process: a second build is refused with the first one's process id, and a
query waits its turn, says so, and gives up clearly."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

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
    assert f"is being built by another kg process (pid {os.getpid()}, since " in result.stderr.decode()
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
    assert "is busy: another process has it open; waiting" in err
    assert "is in use: another process holds the store's lock" in err and "waited 1 s" in err
    assert "Traceback" not in err
    del held
    again = run_kg("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store", str(store_dir), cwd=tmp_path,
                   env=kg_env())  # fmt: skip
    assert again.returncode == 0, again.stderr.decode()


_LONG_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours on any real store


def _start_kg(*args: str, cwd) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd, env=kg_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip


def _wait_for_holder(store_dir, says: str, process) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        note = store_dir / "kg-holder"
        if note.exists() and says in note.read_text():
            return note.read_text()
        time.sleep(0.05)
    raise AssertionError(f"no holder note saying {says!r}")


def test_a_killed_shell_leaves_no_query_process_holding_the_store(tmp_path, sample_store_dir):
    store_dir = tmp_path / "store"
    shutil.copytree(sample_store_dir, store_dir)
    shell = _start_kg("shell", "--store", str(store_dir), "-e", _LONG_QUERY, cwd=tmp_path)
    try:
        _wait_for_holder(store_dir, "kg shell", shell)
        waiting = run_kg("query", "ASK { ?s ?p ?o }", "--store", str(store_dir), cwd=tmp_path,
                         env=kg_env(KG_LOCK_WAIT="1"))  # fmt: skip
        err = waiting.stderr.decode()
        assert waiting.returncode == 1
        assert re.search(rf"is busy: kg shell \(pid {shell.pid}, reading since \d\d:\d\d:\d\d\) has it open", err), err
        assert "writing" not in err
    finally:
        shell.send_signal(signal.SIGKILL)
        shell.wait()
    started = time.monotonic()
    after = run_kg("query", "ASK { ?s ?p ?o }", "--store", str(store_dir), cwd=tmp_path, env=kg_env())
    assert after.returncode == 0, after.stderr.decode()
    assert "busy" not in after.stderr.decode()  # the query process died with its shell
    assert time.monotonic() - started < 30


def test_a_long_kg_query_is_named_to_the_build_that_waits_for_it(tmp_path, sample_store_dir):
    store_dir = tmp_path / "store"
    shutil.copytree(sample_store_dir, store_dir)
    query = _start_kg("query", _LONG_QUERY, "--store", str(store_dir), cwd=tmp_path)
    try:
        _wait_for_holder(store_dir, "kg query", query)
        build = run_kg("build", "--store", str(store_dir), "--no-export", cwd=tmp_path, env=kg_env(KG_LOCK_WAIT="1"))
        err = build.stderr.decode()
        assert build.returncode == 1
        assert re.search(rf"is in use: kg query \(pid {query.pid}, reading since \d\d:\d\d:\d\d\) has it open", err), (
            err
        )
        assert "Traceback" not in err
    finally:
        query.send_signal(signal.SIGKILL)
        query.wait()
