"""Colours: Pygments' SPARQL lexer for what you type (backslash commands too), and the UI's own classes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pygments.lexer import RegexLexer, bygroups, using
from pygments.lexers.rdf import SparqlLexer, TurtleLexer
from pygments.token import Keyword, Text

if TYPE_CHECKING:
    from prompt_toolkit.styles import BaseStyle

__all__ = ["ShellLexer", "highlight", "make_style"]


class ShellLexer(RegexLexer):
    """SPARQL, except that a line starting with a backslash is a command (its argument is still SPARQL)."""

    name = "kg shell"
    tokens = {  # noqa: RUF012 - Pygments reads this class attribute
        "root": [
            (r"(\s*)(\\\S*)([\s\S]*)", bygroups(Text, Keyword.Pseudo, using(SparqlLexer))),
            (r"[\s\S]+", using(SparqlLexer)),
        ],
    }


_UI = {
    "bottom-toolbar": "bg:#222222 #aaaaaa noreverse",
    "bottom-toolbar.on": "bg:#222222 #44bb44 bold",
    "bottom-toolbar.off": "bg:#222222 #888888",
    "bottom-toolbar.busy": "bg:#222222 #ddaa33",
    "completion-menu.completion": "bg:#2a3b4c #ffffff",
    "completion-menu.completion.current": "bg:#5588cc #ffffff",
    "completion-menu.meta.completion": "bg:#3a4b5c #cccccc",
    "completion-menu.meta.completion.current": "bg:#5588cc #ffffff",
    "matching-bracket.cursor": "bg:#666666 #ffffff bold",
    "matching-bracket.other": "bg:#666666 #ffffff bold",
    "prompt": "#44bb44 bold",
    "continuation": "#666666",
}


def make_style(name: str) -> BaseStyle:
    """The prompt_toolkit style: the Pygments style `name` plus the UI colours."""
    from prompt_toolkit.styles import Style, merge_styles, style_from_pygments_cls
    from pygments.styles import get_style_by_name

    return merge_styles([style_from_pygments_cls(get_style_by_name(name)), Style.from_dict(_UI)])


def highlight(text: str, language: str, style: str) -> str:
    """ANSI-coloured SPARQL or Turtle for the terminal (and for less -R)."""
    from pygments import highlight as pygmentize
    from pygments.formatters import Terminal256Formatter

    lexer = SparqlLexer() if language == "sparql" else TurtleLexer()
    return pygmentize(text, lexer, Terminal256Formatter(style=style))
