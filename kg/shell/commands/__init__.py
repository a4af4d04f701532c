"""The shell's backslash commands, one module per group of `\\?`: `questions` (\\timeline \\met \\said
\\why) and `connections` (\\path \\around), `entities` (\\describe \\sources), `graph` (\\classes \\properties
\\prefixes \\stats \\explain \\load), `output` (\\format \\x \\timing \\o \\export), `named` (\\n \\ns \\nd)
and `session` (\\set \\e \\i \\refresh \\? \\q); `lookup` finds what their arguments name.
`kg.shell.special.load_builtin_commands` imports them, which registers them."""

from __future__ import annotations

__all__: list[str] = []
