"""The bottom toolbar: the submit rule, the key toggles, the store and its size, background work."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

    from .app import KGShell

__all__ = ["toolbar"]


def _flag(name: str, on: bool) -> tuple[str, str]:
    return ("class:bottom-toolbar.on" if on else "class:bottom-toolbar.off", f"{name}: {'ON' if on else 'OFF'}")


def toolbar(shell: KGShell) -> StyleAndTextTuples:
    settings, executor = shell.executor.settings, shell.executor
    rule = "(run with ; or Esc-Enter)" if settings.multi_line else "(run with Enter)"
    parts: StyleAndTextTuples = [
        ("class:bottom-toolbar", " [F2] "),
        _flag("Completion", shell.completer.smart),
        ("class:bottom-toolbar", "  [F3] "),
        _flag("Multi-line", settings.multi_line),
        ("class:bottom-toolbar", f" {rule}  [F4] {'Vi' if settings.vi else 'Emacs'}  "),
    ]
    meta = executor.metadata
    size = f"{meta.triples:,} triples" if meta.loaded else "…"
    ro = " read-only" if executor.read_only else ""
    fmt = "table (\\x auto)" if executor.auto_vertical and settings.format == "table" else settings.format
    parts.append(("class:bottom-toolbar", f"│ {shell.store_name}{ro} {size} · {fmt}"))
    if settings.min_sources > 1 or settings.min_confidence > 0:
        parts.append(
            ("class:bottom-toolbar", f" · min-sources {settings.min_sources} min-confidence {settings.min_confidence}")
        )
    if executor.output_path:
        parts.append(("class:bottom-toolbar.busy", f" · \\o {executor.output_path}"))
    if executor.refreshing:
        parts.append(("class:bottom-toolbar.busy", "  Refreshing completions…"))
    elif executor.refresh_error:
        parts.append(("class:bottom-toolbar.busy", "  No completions: \\refresh to retry"))
    return parts
