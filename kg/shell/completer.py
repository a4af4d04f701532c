"""The prompt_toolkit side of completion: `suggest()` results as `Completion`s, file paths for \\o and \\load."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from prompt_toolkit.completion import CompleteEvent, Completer, Completion, PathCompleter
from prompt_toolkit.document import Document

from .completion import suggest
from .special import command_names

if TYPE_CHECKING:
    from .executor import Executor

__all__ = ["KGCompleter"]


class KGCompleter(Completer):
    """Completes from the executor's in-memory metadata, which the refresher replaces in the background."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor
        self.smart = True  # F2 turns completion while typing off
        self._paths = PathCompleter(expanduser=True)
        self._commands = command_names()

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        explicit = complete_event.completion_requested
        if not self.smart and not explicit:
            return
        suggestions = suggest(
            document.text_before_cursor,
            self.executor.metadata,
            document.text_after_cursor,
            explicit=explicit,
            commands=self._commands,
        )
        for s in suggestions:
            if s.kind == "path":
                yield from self._paths.get_completions(Document(s.text, len(s.text)), complete_event)
                continue
            yield Completion(s.text, s.start, display=s.display or s.text, display_meta=s.meta)
