"""Errors the library raises. Each message says what went wrong, where, and what to do."""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "EndpointError",
    "ExportError",
    "KGError",
    "ModelNotFound",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooLarge",
    "StoreError",
    "StoreLocked",
]


class KGError(Exception):
    """Base class: the CLI shows the message without a traceback."""


class ModelNotFound(KGError):
    """No usable spaCy pipeline is installed."""


class QueryError(KGError):
    """A SPARQL query or update could not be parsed or run."""


class QueryRefused(QueryError):
    """A query asks for what is off unless the user turns it on (an update, SERVICE), or is too deep to run."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class QueryTooLarge(QueryError):
    """A query grew its process past the memory ceiling and was stopped."""


class StoreError(KGError):
    """The store could not be opened, read or written."""


class StoreLocked(StoreError):
    """Another process holds the store open for writing."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint failed or could not be reached."""


class ExportError(KGError):
    """An export could not be written."""


class ClusterError(KGError):
    """A Dask cluster could not be reached, had no workers, or was lost during a build."""
