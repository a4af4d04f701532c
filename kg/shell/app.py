"""The interactive SPARQL shell (`kg shell`, `python shell.py`), and its batch mode for scripts and pipes.

`KGShell` owns the prompt and the output (colours, the pager, `\\o`); the executor does the work. Anything
that goes wrong in one iteration prints one red line (a KGError) or one line pointing at the log (a bug);
the session goes on.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from ..errors import KGError
from ..files import private_file
from ..query.formatting import format_result, table_fits, without_empty_columns
from ..query.guard import not_utf8
from ..query.stats import unfinished_build
from ..store.local import DEFAULT_STORE
from .buffer import split_statements
from .config import history_path, load_settings, log_path
from .executor import Executor
from .options import shell_options
from .special import EditQuery, ExitShell, Output

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession

    from ..query.run import QueryResult
    from .completer import KGCompleter

__all__ = ["KGShell", "main", "run_batch", "run_shell"]

EXIT_FAILED = 1
_log = logging.getLogger("kg.shell")


def _store_name(location: str) -> str:
    if location.startswith(("http://", "https://")):
        return location.split("/")[2]
    name = Path(location).name or location
    return name.lstrip(".") or name


class KGShell:
    """The read-eval-print loop on a prompt_toolkit session."""

    def __init__(self, executor: Executor, problems: list[str] | None = None) -> None:
        from .completer import KGCompleter

        self.executor = executor
        self.problems = problems or []
        self.store_name = _store_name(executor.location)
        self.completer: KGCompleter = KGCompleter(executor)
        self.session: PromptSession | None = None
        self.pending = ""  # an unfinished query put aside while a backslash command typed inside it runs

    # --- the loop -----------------------------------------------------------------------------------------

    def run(self) -> int:
        self.session = self._session()
        self.executor.listeners.append(self._invalidate)
        self.executor.refresh()
        history = self.session.history
        threading.Thread(
            target=lambda: self.executor.learn_from_history(history.load_history_strings()),
            name="kg-history",
            daemon=True,
        ).start()
        for problem in self.problems:
            click.secho(problem, fg="yellow", err=True)
        click.echo(
            f"kg shell on {self.executor.location}"
            f"{' (read-only: ' + self.executor.read_only + ')' if self.executor.read_only else ''}. "
            "\\? lists the commands, Tab completes, Ctrl-D quits."
        )
        default = ""
        while True:
            try:
                text = self.session.prompt(default=default)
            except KeyboardInterrupt:
                default = ""
                continue
            except EOFError:
                break
            default, self.pending = self.pending, ""
            try:
                self.execute(text)
            except ExitShell:
                break
            except EditQuery as edit:
                default = edit.text
        click.echo("Goodbye!")
        return 0

    def execute(self, text: str) -> bool:
        """Run one input and show its outputs; False when it failed (the message is shown)."""
        try:
            for output in self.executor.run(text):
                self.show(output)
            return True
        except (ExitShell, EditQuery):
            raise
        except KeyboardInterrupt:
            click.secho("Cancelled.", fg="yellow", err=True)
        except KGError as e:
            _error(str(e))
        except Exception as e:  # a bug: one line here, the traceback in the log
            _log.exception("while running %r", text)
            _error(f"Internal error: {type(e).__name__}: {e} (details in {log_path()})")
        return False

    def _invalidate(self) -> None:
        app = self.session.app if self.session else None
        if app is not None and app.is_running:
            app.invalidate()

    # --- the prompt ---------------------------------------------------------------------------------------

    def _session(self) -> PromptSession:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
        from prompt_toolkit.enums import EditingMode
        from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
        from prompt_toolkit.lexers import PygmentsLexer

        from .keys import key_bindings
        from .style import ShellLexer, make_style
        from .toolbar import toolbar

        settings = self.executor.settings
        prompt = f"{self.store_name}> "
        return PromptSession(
            message=[("class:prompt", prompt)],
            prompt_continuation=lambda width, line, wrap: [("class:continuation", "." * (width - 2) + "> ")],
            multiline=True,
            lexer=PygmentsLexer(ShellLexer),
            completer=self.completer,
            complete_in_thread=True,
            complete_while_typing=True,
            history=_history(),
            auto_suggest=AutoSuggestFromHistory(),
            enable_history_search=False,
            search_ignore_case=True,
            key_bindings=key_bindings(self),
            bottom_toolbar=lambda: toolbar(self),
            style=make_style(settings.syntax_style),
            include_default_pygments_style=False,
            input_processors=[HighlightMatchingBracketProcessor(chars="[](){}")],
            enable_open_in_editor=True,
            tempfile_suffix=".rq",
            editing_mode=EditingMode.VI if settings.vi else EditingMode.EMACS,
        )

    # --- output -------------------------------------------------------------------------------------------

    def show(self, output: Output) -> None:
        settings = self.executor.settings
        body = self._body(output)
        target = self.executor.output_path
        if target is not None and output.result is not None:
            _append(target, format_result(output.result, settings.format))
        if body:
            self._page(body)
        status = self._status(output)
        if status and target is not None and output.result is not None:
            status += f", written to {target}"
        if status:
            click.secho(status, dim=True)
        if output.note:
            click.secho(output.note, fg="yellow")

    def _body(self, output: Output) -> str:
        settings = self.executor.settings
        parts = []
        if output.title:
            parts.append(click.style(output.title, bold=True) + "\n")
        if output.sparql:
            parts.append(_indent_sparql(output.sparql, settings.syntax_style))
        if output.text:
            parts.append(output.text)
        if output.result is not None and self.executor.output_path is None:
            width = shutil.get_terminal_size().columns
            labels = self.executor.metadata.labels if settings.labels else None
            result, fmt = self._auto_vertical(output.result, settings.format, width, labels)
            text = format_result(result, fmt, width=width, labels=labels)
            if output.result.graph is not None and settings.format not in {"csv", "tsv", "json"}:
                from .style import highlight

                text = highlight(text, "turtle", settings.syntax_style)
            parts.append(text)
        return "".join(parts)

    def _auto_vertical(
        self, result: QueryResult, fmt: str, width: int, labels: dict[str, str] | None
    ) -> tuple[QueryResult, str]:
        """With \\x auto: a table without its empty columns, or vertical records when it does not fit."""
        if fmt != "table" or not self.executor.auto_vertical:
            return result, fmt
        result = without_empty_columns(result)
        return result, ("table" if table_fits(result, width, labels) else "vertical")

    def _status(self, output: Output) -> str:
        if output.status is not None:
            return output.status
        result = output.result
        if result is None:
            return ""
        status = "ASK" if result.kind == "ASK" else result.status
        if self.executor.settings.timing:
            status += f" in {_duration(result.seconds)}"
        if result.truncated:
            status += f" (row-limit {self.executor.settings.row_limit:,}: \\set row-limit 0 fetches them all)"
        return status

    def _page(self, text: str) -> None:
        size = shutil.get_terminal_size()
        lines = text.count("\n")
        if not self.executor.settings.pager or not sys.stdout.isatty() or lines < size.lines - 3:
            click.echo(text, nl=False)
            return
        command = shlex.split(os.environ.get("PAGER") or "less")
        env = dict(os.environ)
        env.setdefault("LESS", "-SRXF")
        try:
            subprocess.run(command, input=text.encode(), env=env, check=False)
        except (OSError, ValueError):
            click.echo(text, nl=False)


def _append(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as e:
        raise KGError(f"Cannot write to {path}: {e.strerror}") from None


def _history():
    """The history file in the user's data folder; kept in memory (with a warning) if it cannot be written."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    path = history_path()
    try:
        private_file(path)  # it holds the queries typed
    except OSError as e:
        click.secho(f"History is not saved: cannot write {path} ({e.strerror}).", fg="yellow", err=True)
        return InMemoryHistory()
    return FileHistory(str(path))


def _error(message: str) -> None:
    click.secho(message, fg="red", err=True)


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _indent_sparql(sparql: str, style: str) -> str:
    from .style import highlight

    return highlight(sparql.strip() + "\n", "sparql", style) + "\n"


# --- batch mode -------------------------------------------------------------------------------------------


def run_batch(executor: Executor, script: str, *, out: IO[str] | None = None, source: str = "stdin") -> int:
    """Run every query and command of a script; results go to `out`, errors to stderr. Exit status 1 if
    any failed, else 0."""
    out = out or sys.stdout
    failures = 0
    for line, statement in split_statements(script):
        if bad := not_utf8(statement, line):  # one message per such line; the statement is not run
            for message in bad:
                _error(f"{source}: {message}; the statement there is not run.")
            failures += 1
            continue
        try:
            for output in executor.run(statement):
                _print_batch(output, executor, out)
        except ExitShell:
            break
        except EditQuery:
            _error(f"{source}:{line}: \\e needs a terminal.")
            failures += 1
        except KeyboardInterrupt:
            _error(f"{source}:{line}: cancelled.")
            return 130
        except KGError as e:
            _error(f"{source}:{line}: {e}")
            failures += 1
        except Exception as e:  # a bug: one line here, the traceback in the log
            _log.exception("while running %r", statement)
            _error(f"{source}:{line}: internal error: {type(e).__name__}: {e} (details in {log_path()})")
            failures += 1
    return EXIT_FAILED if failures else 0


def _print_batch(output: Output, executor: Executor, out: IO[str]) -> None:
    fmt, target = executor.settings.format, executor.output_path
    if output.title and fmt in {"table", "vertical"}:
        out.write(output.title + "\n")
    if output.text:
        out.write(output.text)
    if output.result is not None:
        text = format_result(output.result, fmt)
        status = output.status if output.status is not None else output.result.status
        if target is not None:
            _append(target, text)
            status += f", written to {target}"
        else:
            out.write(text)
        if status and (fmt in {"table", "vertical"} or target is not None):
            click.echo(status, err=True)
    elif output.status:
        click.echo(output.status, err=True)
    if output.note:
        click.secho(output.note, fg="yellow", err=True)
    out.flush()


# --- entry points -----------------------------------------------------------------------------------------


def _setup_log() -> None:
    path = log_path()
    try:
        private_file(path)  # tracebacks quote the queries typed
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    _log.addHandler(handler)
    _log.propagate = False


def run_shell(
    store_location: str = DEFAULT_STORE,
    *,
    execute: str | None = None,
    fmt: str | None = None,
    interactive: bool | None = None,
) -> int:
    """Open the store and run the shell (on a terminal) or the batch mode (a pipe, a file, or `execute`)."""
    from ..store.opening import open_for_shell

    _setup_log()
    settings, problems = load_settings()
    if fmt:
        settings.format = fmt
    store = open_for_shell(store_location)
    executor = Executor(store, settings)
    try:
        unfinished = unfinished_build(store)
        if unfinished:
            click.secho(unfinished, fg="yellow", err=True)
        if interactive is None:
            interactive = execute is None and sys.stdin.isatty() and sys.stdout.isatty()
        if not interactive:
            settings.row_limit = 0
            settings.show_sparql = False
            return run_batch(
                executor,
                execute if execute is not None else sys.stdin.buffer.read().decode("utf-8", "surrogateescape"),
                source="-e" if execute is not None else "stdin",
            )
        return KGShell(executor, problems).run()
    finally:
        store.close()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("location", required=False)
@shell_options
def main(location: str | None, store_location: str, execute: str | None, fmt: str | None) -> None:
    """Interactive SPARQL shell on a kg store (python shell.py [STORE])."""
    try:
        sys.exit(run_shell(location or store_location, execute=execute, fmt=fmt))
    except KGError as e:
        raise click.ClickException(str(e)) from e
