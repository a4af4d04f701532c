"""Key bindings: Enter runs a finished query or adds an indented line; Esc-Enter always runs;
F2 completion while typing, F3 multi-line, F4 Vi/Emacs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prompt_toolkit.document import Document
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import completion_is_selected, has_completions, has_focus
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from .buffer import command_inside, is_complete, open_brackets

if TYPE_CHECKING:
    from .app import KGShell

__all__ = ["key_bindings"]


def _without_current_line(document: Document) -> str:
    """The text without the cursor's line, ready for the next line (indented to the open brackets)."""
    lines = document.lines
    rest = "\n".join(lines[: document.cursor_position_row] + lines[document.cursor_position_row + 1 :]).rstrip()
    return rest + "\n" + "  " * open_brackets(rest)


def key_bindings(shell: KGShell) -> KeyBindings:
    kb = KeyBindings()
    settings = shell.executor.settings
    editing = has_focus(DEFAULT_BUFFER)  # not the Ctrl-R search field

    @kb.add("f2")
    def _smart(event: KeyPressEvent) -> None:
        shell.completer.smart = not shell.completer.smart

    @kb.add("f3")
    def _multi(event: KeyPressEvent) -> None:
        settings.multi_line = not settings.multi_line

    @kb.add("f4")
    def _vi(event: KeyPressEvent) -> None:
        from prompt_toolkit.enums import EditingMode

        settings.vi = not settings.vi
        event.app.editing_mode = EditingMode.VI if settings.vi else EditingMode.EMACS

    @kb.add("enter", filter=editing & completion_is_selected)
    def _take_completion(event: KeyPressEvent) -> None:
        event.current_buffer.complete_state = None  # keep the chosen word, close the menu

    @kb.add("enter", filter=editing & ~completion_is_selected)
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if has_completions():
            buffer.complete_state = None
        if not settings.multi_line or is_complete(buffer.text):
            buffer.validate_and_handle()
            return
        document = buffer.document
        before = "\n".join(document.lines[: document.cursor_position_row])
        if command_inside(before, document.current_line):  # as in psql: the command runs, the query waits
            shell.pending = _without_current_line(document)
            buffer.document = Document(document.current_line.strip())
            buffer.validate_and_handle()
            return
        depth = open_brackets(buffer.document.text_before_cursor)
        buffer.insert_text("\n" + "  " * depth)

    @kb.add("escape", "enter", filter=editing)
    def _run(event: KeyPressEvent) -> None:
        event.current_buffer.validate_and_handle()

    @kb.add("}", filter=editing)
    def _dedent(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        line = buffer.document.current_line_before_cursor
        if line.strip() == "" and line.endswith("  "):
            buffer.delete_before_cursor(2)
        buffer.insert_text("}")

    return kb
