"""Helpers for the tests of the backslash commands: run a line through the executor, read what it gave."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.query.formatting import format_result, term_text
from kg.shell.executor import Executor
from kg.shell.special import Output


def run(executor: Executor, text: str) -> list[Output]:
    """Every output of one command line (a handler is a generator: nothing runs until it is read)."""
    return list(executor.run(text))


def one(executor: Executor, text: str) -> Output:
    (output,) = run(executor, text)
    return output


def failure(executor: Executor, text: str) -> str:
    """The message of the KGError a command line raises."""
    with pytest.raises(KGError) as info:
        run(executor, text)
    return str(info.value)


def table(output: Output) -> str:
    assert output.result is not None
    return format_result(output.result, "table")


def column(output: Output, name: str) -> list[str]:
    """One column of a result as a table shows it (IRIs as prefixed names)."""
    assert output.result is not None
    i = output.result.headers.index(name)
    return [term_text(row[i]) for row in output.result.rows]
