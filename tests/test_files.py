"""Writing files whole or not at all, and the messages for a write the system refuses."""

from __future__ import annotations

import errno
import os

import pytest

from kg.files import atomic_write, write_error


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
