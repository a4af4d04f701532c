"""Helpers for driving the real shell in a pseudo-terminal (pexpect) with private XDG folders."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[=>]|\r")
PROMPT = "store> "  # the store folder is called `store` in these tests


def shell_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for a shell under test: its own config and data folders, a plain terminal."""
    env = dict(os.environ)
    env.update(
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        TERM="xterm",
        PROMPT_TOOLKIT_NO_CPR="1",  # pexpect does not answer cursor position requests
        PAGER="cat",
        COLUMNS="120",
        LINES="40",
    )
    env.pop("KG_STORE", None)
    env.update(extra)
    return env


def spawn_shell(store: Path, env: dict[str, str], *args: str, timeout: float = 30, columns: int = 120) -> pexpect.spawn:
    """`python -m kg shell --store STORE` in a 40-line pseudo-terminal (120 columns unless asked), waiting
    for the first prompt."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kg", "shell", "--store", str(store), *args],
        cwd=str(store.parent),
        env=env,
        encoding="utf-8",
        dimensions=(40, columns),
        timeout=timeout,
    )
    child.logfile_read = Transcript()
    try:
        child.expect_exact(prompt_for(store))
    except (pexpect.EOF, pexpect.TIMEOUT):
        raise AssertionError(f"the shell did not start:\n{child.logfile_read.text}") from None
    return child


def prompt_for(store: Path) -> str:
    return f"{store.name.lstrip('.')}> "


class Transcript:
    """Everything the shell printed, without escape codes, for assertions and failure messages."""

    def __init__(self) -> None:
        self.raw: list[str] = []

    def write(self, data: str) -> None:
        self.raw.append(data)

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return ANSI.sub("", "".join(self.raw))


def screen(child: pexpect.spawn) -> str:
    return child.logfile_read.text


def run(child: pexpect.spawn, store: Path, text: str, wait: str | None = None) -> str:
    """Type `text` and Enter, wait for `wait` (if given) and the next prompt; the output in between."""
    start = len(child.logfile_read.raw)
    child.send(text + "\r")
    if wait:
        child.expect(wait)
    child.expect_exact(prompt_for(store))
    return ANSI.sub("", "".join(child.logfile_read.raw[start:]))


def quit_shell(child: pexpect.spawn) -> int:
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def children_of(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
