"""The shell's history, config and log hold what people typed: the real shell creates them for their owner
only, and tightens ones an earlier version made wider."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kgshell_testing import quit_shell, run, shell_env, spawn_shell

pytestmark = pytest.mark.slow  # drives the real shell in a pseudo-terminal


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_history_config_and_log_are_readable_by_their_owner_only(tmp_path, sample_store_dir):
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir, store)
    home = tmp_path / "home"
    (home / "data" / "kg").mkdir(parents=True)
    (home / "data" / "kg").chmod(0o755)
    (home / "data" / "kg" / "history").write_text("")
    (home / "data" / "kg" / "history").chmod(0o644)  # left by an earlier version
    shell = spawn_shell(store, shell_env(home))
    run(shell, store, "ASK { ?s kg:secretWord ?o };", wait="ASK")
    assert quit_shell(shell) == 0
    config, data = home / "config" / "kg", home / "data" / "kg"
    assert "secretWord" in (data / "history").read_text()
    for path in (config / "shellrc", data / "history", data / "shell.log"):
        assert _mode(path) == 0o600, path
    for folder in (config, data):
        assert _mode(folder) == 0o700, folder
