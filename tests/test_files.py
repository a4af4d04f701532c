"""Writing files whole or not at all, and the messages for a write the system refuses."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from kg.errors import KGError
from kg.files import atomic_write, check_target, private_file, write_error


def test_atomic_write_renames_into_place_only_when_done(tmp_path):
    target = tmp_path / "out" / "graph.ttl"
    with atomic_write(target) as handle:
        handle.write(b"first")
        assert not target.exists()  # nothing at the path until the write completes
    assert target.read_bytes() == b"first"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # what open() would give, not mkstemp's 0600
    with pytest.raises(RuntimeError), atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write("half")
        raise RuntimeError("cut off")
    assert target.read_bytes() == b"first"  # the old file stays
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.ttl"]  # no temporary file left


def test_write_errors_say_what_to_do():
    full = write_error("exports/graph.ttl", OSError(errno.ENOSPC, "No space left on device"))
    assert str(full).startswith("No space left on the device while writing 'exports/graph.ttl'.")
    denied = write_error("/x", PermissionError(errno.EACCES, "Permission denied"))
    assert str(denied) == "Permission denied writing '/x'. Choose a location you can write to."
    other = write_error("/x", OSError(errno.EIO, "Input/output error"))
    assert str(other) == "'/x' could not be written: [Errno 5] Input/output error"


def test_a_failed_rename_leaves_no_part(tmp_path):
    target = tmp_path / "out"
    with pytest.raises(IsADirectoryError), atomic_write(target) as handle:
        handle.write(b"x")
        target.mkdir()  # something took the path meanwhile: the rename fails
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_parts_of_dead_writers_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "graph.ttl"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".graph.ttl.{dead.stdout.strip()}-abcd.part"
    stale.write_bytes(b"half")
    live = tmp_path / f".graph.ttl.{os.getpid()}-efgh.part"  # a writer still running: left alone
    live.write_bytes(b"busy")
    other = tmp_path / ".nodes.csv.1-x.part"  # another file's
    other.write_bytes(b"")
    with atomic_write(target) as handle:
        handle.write(b"whole")
    assert target.read_bytes() == b"whole"
    assert not stale.exists() and live.exists() and other.exists()


def test_outputs_that_cannot_be_written_are_refused_before_any_work(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("")
    with pytest.raises(KGError, match=r"'.*folder' is a folder; give the file to write, e.g. .*folder/graph.gexf"):
        check_target(str(tmp_path / "folder"), folder=False, example="graph.gexf")
    with pytest.raises(KGError, match=r"'.*file' is a file, not a folder"):
        check_target(str(tmp_path / "file" / "graph.ttl"), folder=False)
    with pytest.raises(KGError, match=r"is a file; this writes several files into a folder"):
        check_target(str(tmp_path / "file"), folder=True)
    check_target(str(tmp_path / "new" / "deeper" / "graph.ttl"), folder=False)  # folders are made
    assert (tmp_path / "new" / "deeper").is_dir()


def test_private_files_are_for_their_owner_only(tmp_path):
    path = tmp_path / "kg" / "history"
    private_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    path.chmod(0o644)  # made by an earlier version: tightened
    private_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    with atomic_write(tmp_path / "kg" / "shellrc", "w", encoding="utf-8", private=True) as handle:
        handle.write("# settings\n")
    assert (tmp_path / "kg" / "shellrc").stat().st_mode & 0o777 == 0o600
