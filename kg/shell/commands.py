"""The session, output and graph commands: \\? \\q \\format \\x \\timing \\set \\o \\e \\i \\refresh,
\\prefixes \\classes \\properties \\stats \\explain \\export \\load."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KGError
from ..query.formatting import FORMATS
from ..query.run import strip_terminator
from ..rdf.ontology import PREFIXES
from .config import SETTINGS
from .entities import table
from .special import EditQuery, ExitShell, Output, help_text, special_command

if TYPE_CHECKING:
    from .executor import Executor

__all__ = ["explain_text"]


# --- session ----------------------------------------------------------------------------------------------


@special_command("\\?", "\\?", "List all commands (also: help).", aliases=("\\h",))
def show_help(executor: Executor, argument: str) -> Iterator[Output]:
    yield Output(text=help_text())


@special_command("\\q", "\\q", "Quit (also: quit, exit, Ctrl-D).", aliases=("\\quit",))
def quit_shell(executor: Executor, argument: str) -> Iterator[Output]:
    raise ExitShell
    yield  # pragma: no cover - makes this a generator like the others


@special_command(
    "\\set",
    "\\set [NAME VALUE]",
    "Show the settings, or change one: \\set min-sources 2, \\set row-limit 0.",
    arg="setting",
)
def set_option(executor: Executor, argument: str) -> Iterator[Output]:
    name, _, value = argument.partition(" ")
    if not name:
        rows = [(s.name, executor.settings.show(s.name), s.help) for s in SETTINGS.values()]
        yield Output(result=table(["setting", "value", "meaning"], rows), status=f"{len(rows)} settings")
        return
    if not value.strip():
        if name not in SETTINGS:
            raise KGError(f"Unknown setting '{name}'. Settings: {', '.join(SETTINGS)}")
        yield Output(text=f"{name} = {executor.settings.show(name)}\n")
        return
    shown = executor.settings.set(name, value)
    yield Output(status=f"{name} = {shown}")


@special_command("\\timing", "\\timing [on|off]", "Show how long each query takes.", arg="onoff", group="Output")
def timing(executor: Executor, argument: str) -> Iterator[Output]:
    value = argument or ("off" if executor.settings.timing else "on")
    yield Output(status=f"Timing is {executor.settings.set('timing', value)}.")


@special_command(
    "\\e",
    "\\e [FILE]",
    "Edit the current query (or a file) in $EDITOR; it comes back to the prompt.",
    aliases=("\\edit",),
    arg="path",
)
def edit(executor: Executor, argument: str) -> Iterator[Output]:
    if argument:
        import click

        path = Path(argument).expanduser()
        try:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            edited = click.edit(text, extension=path.suffix or ".rq", require_save=False) or ""
            path.write_text(edited, encoding="utf-8")
        except (OSError, UnicodeDecodeError, click.ClickException) as e:
            raise KGError(f"Cannot edit {path}: {e}") from None
        raise EditQuery(edited.rstrip())
    raise EditQuery(executor.edit(""))
    yield  # pragma: no cover


@special_command("\\i", "\\i FILE", "Run the queries and commands in a file.", aliases=("\\include",), arg="path")
def include(executor: Executor, argument: str) -> Iterator[Output]:
    from .buffer import split_statements

    if not argument:
        raise KGError("Usage: \\i FILE (a file of queries ending with ';', and commands).")
    path = Path(argument).expanduser()
    try:
        script = path.read_text(encoding="utf-8")
    except OSError as e:
        raise KGError(f"Cannot read {path}: {e.strerror}") from None
    for line, statement in split_statements(script):
        if statement.startswith("\\i"):
            raise KGError(f"{path}:{line}: \\i inside \\i is not run (it could loop).")
        try:
            yield from executor.run(statement)
        except KGError as e:
            raise KGError(f"{path}:{line}: {e}") from e


@special_command(
    "\\refresh",
    "\\refresh",
    "Reload completions (and a read-only store, to see what another process wrote).",
    aliases=("\\#",),
)
def refresh(executor: Executor, argument: str) -> Iterator[Output]:
    if executor.read_only:
        executor.store.reopen()  # a read-only store is a snapshot: look again at what the writing process has done
    executor.refresh()
    yield Output(status="Reloading completions in the background.")


# --- output -----------------------------------------------------------------------------------------------


@special_command(
    "\\format",
    "\\format FORMAT",
    f"Output format: {', '.join(FORMATS)}.",
    aliases=("\\T",),
    arg="format",
    group="Output",
)
def set_format(executor: Executor, argument: str) -> Iterator[Output]:
    if not argument:
        yield Output(status=f"Format is {executor.settings.format}. Available: {', '.join(FORMATS)}")
        return
    yield Output(status=f"Format is {executor.settings.set('format', argument)}.")


@special_command("\\x", "\\x", "Toggle between table and vertical output (one record per block).", group="Output")
def expanded(executor: Executor, argument: str) -> Iterator[Output]:
    new = "table" if executor.settings.format == "vertical" else "vertical"
    yield Output(status=f"Format is {executor.settings.set('format', argument or new)}.")


@special_command(
    "\\o",
    "\\o [FILE]",
    "Send results to FILE (appending); \\o alone sends them to the screen.",
    aliases=("\\output",),
    arg="path",
    group="Output",
)
def output_file(executor: Executor, argument: str) -> Iterator[Output]:
    if not argument:
        previous, executor.output_path = executor.output_path, None
        yield Output(status=f"Results go to the screen{f' (no longer to {previous})' if previous else ''}.")
        return
    path = Path(argument).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.open("a", encoding="utf-8").close()
    except OSError as e:
        raise KGError(f"Cannot write to {path}: {e.strerror}") from None
    executor.output_path = path
    yield Output(status=f"Results go to {path} (in {executor.settings.format} format); \\o alone stops.")


@special_command(
    "\\export",
    "\\export FORMAT FILE [graph|result]",
    "Write the graph, or the last CONSTRUCT/DESCRIBE result, to FILE in an RDF format.",
    arg="export",
    group="Output",
)
def export(executor: Executor, argument: str) -> Iterator[Output]:
    from .exporting import EXPORT_FORMATS, export_graph, export_result

    parts = argument.split()
    if len(parts) not in {2, 3} or (len(parts) == 3 and parts[2] not in {"graph", "result"}):
        raise KGError(f"Usage: \\export FORMAT FILE [graph|result]. Formats: {', '.join(EXPORT_FORMATS)}")
    fmt, path = parts[0], Path(parts[1]).expanduser()
    what = parts[2] if len(parts) == 3 else ("result" if executor.last_was_graph else "graph")
    if what == "result":
        if executor.last_graph is None or executor.last_graph.graph is None:
            raise KGError("No CONSTRUCT or DESCRIBE result to export yet; run one, or export the graph.")
        n = export_result(executor.last_graph.graph, fmt, path)
        yield Output(status=f"Wrote the last {executor.last_graph.kind} result ({n:,} triples) to {path}.")
        return
    n = export_graph(executor.store, fmt, path)
    yield Output(status=f"Wrote the whole graph ({n:,} triples) to {path}.")


# --- the graph --------------------------------------------------------------------------------------------


@special_command(
    "\\prefixes",
    "\\prefixes",
    "The predeclared prefixes (PREFIX lines in a query still work).",
    aliases=("\\p",),
    group="Graph",
)
def prefixes(executor: Executor, argument: str) -> Iterator[Output]:
    rows = list(PREFIXES.items())
    yield Output(result=table(["prefix", "namespace"], rows), status=f"{len(rows)} prefixes")


@special_command("\\classes", "\\classes", "Classes with their number of instances.", aliases=("\\dc",), group="Graph")
def classes(executor: Executor, argument: str) -> Iterator[Output]:
    meta = executor.wait_metadata()
    rows = [(t.name, t.label, t.count) for t in meta.classes if t.count or t.declared]
    yield Output(result=table(["class", "label", "instances"], rows), status=f"{len(rows)} classes")


@special_command(
    "\\properties", "\\properties", "Properties with how often the data uses them.", aliases=("\\dp",), group="Graph"
)
def properties(executor: Executor, argument: str) -> Iterator[Output]:
    meta = executor.wait_metadata()
    rows = [(t.name, t.label, t.count, "kg ontology" if t.declared else "") for t in meta.properties]
    yield Output(result=table(["property", "label", "uses", "declared in"], rows), status=f"{len(rows)} properties")


_STATS = """SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?sentence) AS ?sentences)
  (COUNT(DISTINCT ?entity) AS ?entities) (COUNT(DISTINCT ?fact) AS ?facts)
  (COUNT(DISTINCT ?statement) AS ?statements) (COUNT(DISTINCT ?concept) AS ?concepts)
WHERE {
  { ?doc a kg:Document } UNION { ?sentence a kg:Sentence } UNION { ?entity kg:mentionCount ?n }
  UNION { ?fact kg:predicate ?p FILTER(?p != kg:says) } UNION { ?statement kg:predicate kg:says }
  UNION { ?concept a kg:Concept }
}"""


@special_command(
    "\\stats", "\\stats", "How big the graph is: triples, documents, entities, facts, classes.", group="Graph"
)
def stats(executor: Executor, argument: str) -> Iterator[Output]:
    from ..query.stats import class_counts

    counts = executor.query(_STATS)
    rows = [("triples", executor.store.triple_count())]
    rows += [
        (h, int(v.toPython()) if v is not None else 0) for h, v in zip(counts.headers, counts.rows[0], strict=True)
    ]
    yield Output(result=table(["what", "count"], rows), title=f"Store {executor.location}", status="")
    yield Output(result=class_counts(executor.store), title="Instances per class")


# --- \explain ---------------------------------------------------------------------------------------------


def explain_text(executor: Executor, sparql: str) -> str:
    """The SPARQL algebra of the query, and how many triples each of its triple patterns matches.

    pyoxigraph does not expose Oxigraph's own plan, so this is the logical plan (from rdflib's parser)
    plus the cardinalities that decide the join order.
    """
    from rdflib.plugins.sparql.algebra import pprintAlgebra, translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        query = translateQuery(parseQuery(sparql), initNs=PREFIXES)
    except Exception as e:
        raise KGError(f"Cannot explain this query: {str(e).splitlines()[0]}") from None
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        pprintAlgebra(query)
    lines = [
        "Logical plan (SPARQL algebra):",
        _readable(buffer.getvalue()),
        "",
        "Triple patterns, and how many triples each matches on its own:",
    ]
    for triple in _patterns(query.algebra):
        text = " ".join(_n3(t) for t in triple)
        lines.append(f"  {_pattern_count(executor, text):>10}  {text}")
    return "\n".join(lines) + "\n"


def _n3(term: object) -> str:
    from rdflib import URIRef, Variable

    from ..query.formatting import shorten

    if isinstance(term, URIRef):
        name = shorten(str(term))
        return "a" if name == "rdf:type" else name
    if isinstance(term, Variable):
        return f"?{term}"
    return term.n3() if hasattr(term, "n3") else str(term)  # type: ignore[attr-defined]


def _patterns(node: object) -> Iterator[tuple]:
    """Every triple pattern in the algebra tree, in order."""
    if isinstance(node, dict):
        if getattr(node, "name", "") == "BGP":
            yield from node["triples"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _patterns(value)


_TERM_REPR = re.compile(r"rdflib\.term\.(URIRef|Variable|Literal)\('((?:[^'\\]|\\.)*)'(?:, datatype=[^)]*\))?\)")


def _readable(algebra: str) -> str:
    """pprintAlgebra's output with terms as in SPARQL: ?p, kg:Person, "text"."""
    from rdflib import URIRef

    def term(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "Variable":
            return f"?{value}"
        return _n3(URIRef(value)) if kind == "URIRef" else f'"{value}"'

    lines = [_TERM_REPR.sub(term, line.rstrip()) for line in algebra.splitlines() if line.strip()]
    lines = [line for line in lines if "_vars" not in line and "datasetClause" not in line]
    return "\n".join(lines[:80]) + ("\n  …" if len(lines) > 80 else "")


def _pattern_count(executor: Executor, triple: str) -> str:
    try:
        result = executor.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {triple} }}", limit=False)
    except KGError:
        return "?"
    return f"{int(result.rows[0][0].toPython()):,}" if result.rows and result.rows[0][0] is not None else "?"


@special_command(
    "\\explain",
    "\\explain [QUERY]",
    "The query plan (of the last query if none is given): its algebra, and what each pattern matches.",
    arg="query",
    group="Graph",
)
def explain(executor: Executor, argument: str) -> Iterator[Output]:
    sparql = strip_terminator(argument) or executor.last_query
    if not sparql:
        raise KGError("Usage: \\explain QUERY (or run a query first: \\explain alone explains the last one).")
    yield Output(text=explain_text(executor, sparql))


# --- \load ------------------------------------------------------------------------------------------------


@special_command(
    "\\load",
    "\\load PATH...",
    "Build more articles (files or folders of .txt) into the store.",
    arg="path",
    group="Graph",
)
def load(executor: Executor, argument: str) -> Iterator[Output]:
    import shlex

    from .loading import build_into

    if executor.read_only:
        raise KGError(f"Cannot load into this store: {executor.read_only}")
    paths = shlex.split(argument)
    if not paths:
        raise KGError("Usage: \\load PATH... (article files, or folders: every .txt below them).")
    report = build_into(executor.store, paths)
    executor.refresh()
    yield Output(text=report)
