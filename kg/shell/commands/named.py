"""Named queries, as in pgcli: \\ns NAME QUERY saves, \\n NAME [ARGS] runs, \\nd NAME deletes, \\n lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...errors import KGError
from ..buffer import is_command
from ..named import delete_named, load_named, named_path, save_named, substitute
from ..special import Output, special_command, table
from .questions import printed_sparql

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["delete_query", "run_named", "save_query"]


@special_command(
    "\\n",
    "\\n [NAME [ARGS]]",
    "Run a named query, its $1 $2 … replaced by ARGS; \\n alone lists them.",
    arg="named",
    group="Named",
)
def run_named(executor: Executor, argument: str) -> Iterator[Output]:
    name, _, arguments = argument.partition(" ")
    queries = load_named()
    if not name:
        rows = sorted(queries.items())
        yield Output(
            result=table(["name", "query"], rows),
            status=f"{len(rows)} named quer{'y' if len(rows) == 1 else 'ies'} in {named_path()}",
        )
        return
    if name not in queries:
        known = f" Named queries: {', '.join(sorted(queries))}." if queries else " \\ns NAME QUERY saves one."
        raise KGError(f"No query is named '{name}'.{known}")
    query = substitute(queries[name], arguments)
    if is_command(query):
        yield from executor.run(query)
        return
    output = executor.sparql(query)
    output.sparql = printed_sparql(executor, query)
    yield output


@special_command(
    "\\ns", "\\ns NAME QUERY", "Save a query under a name (in the config folder).", arg="query", group="Named"
)
def save_query(executor: Executor, argument: str) -> Iterator[Output]:
    name, _, query = argument.partition(" ")
    if not name:
        raise KGError("Usage: \\ns NAME QUERY, e.g. \\ns people SELECT ?p WHERE { ?p a kg:Person };")
    replaced = save_named(name, query)
    yield Output(status=f"{'Replaced' if replaced else 'Saved'} the query '{name}'.")


@special_command("\\nd", "\\nd NAME", "Delete a named query.", arg="named", group="Named")
def delete_query(executor: Executor, argument: str) -> Iterator[Output]:
    if not argument:
        raise KGError("Usage: \\nd NAME (\\n lists the names).")
    delete_named(argument)
    yield Output(status=f"Deleted the query '{argument}'.")
