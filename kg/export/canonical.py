"""Sorted N-Triples and Turtle of the store's graph, written from the store's own dump in bounded memory.

The store writes its default graph as N-Triples (one triple a line, each term in one form, xsd:string
literals plain); kg sorts the lines as bytes and, for Turtle, has pyoxigraph's writer group them by subject
and predicate under the kg prefixes. The bytes depend only on the graph:
  * order: '>' counts as the lowest byte while sorting, so an IRI comes before the longer IRIs it begins
    (doc:X before doc:X-s1): subjects in IRI order, then predicates, then objects; blank nodes last;
  * blank nodes (the ontology's lists) get random ids in the store: the few triples that hold one are
    canonicalised with rdflib.compare and their nodes named b0, b1, ... in the order of the canonical labels;
  * time: a local store dumps in a thread while kg reads and sorts what it has written so far;
  * memory: the dump goes to a temporary file, read back a chunk at a time; beyond SORT_MEMORY bytes of
    lines, sorted runs go to temporary files and are merged while the output is written.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import ExportError
from ..rdf.ontology import PREFIXES
from ..store.base import Store

__all__ = ["SORT_MEMORY", "TURTLE_PREFIXES", "sorted_ntriples", "write_ntriples", "write_turtle"]

SORT_MEMORY = 256 * 2**20  # bytes of lines sorted in memory; a larger graph is sorted in runs on disk
TURTLE_PREFIXES = dict(sorted(PREFIXES.items()))
_CHUNK = 4 * 2**20  # bytes of the dump read at a time (more, and the processor caches fit them worse)
_BATCH = 50_000  # lines handed on at a time
_LINE_COST = 57  # bytes a line costs in memory beside its text: the bytes object's header and the list's pointer
_LOW = b"\x01"  # stands for '>' while sorting: N-Triples always escapes control characters
_NT = ox.RdfFormat.N_TRIPLES


def write_ntriples(store: Store, out: BinaryIO) -> None:
    """The store's default graph as sorted N-Triples."""
    for batch in sorted_ntriples(store):
        out.write(batch)


def write_turtle(store: Store, out: BinaryIO) -> None:
    """The store's default graph as Turtle: subjects sorted, each with all its triples, the kg prefixes."""
    # lenient: the lines come from Oxigraph's own writer, their IRIs need no second check
    triples = itertools.chain.from_iterable(ox.parse(b, _NT, lenient=True) for b in sorted_ntriples(store))
    ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=TURTLE_PREFIXES)


def sorted_ntriples(store: Store) -> Iterator[bytes]:
    """The store's default graph as sorted N-Triples, in batches of whole lines."""
    with tempfile.TemporaryDirectory(prefix="kg-sort-") as name:
        folder = Path(name)
        with _dumped(store, folder / "graph.nt") as dump:
            yield from _sorted(_chunks(dump), folder)


# --- the store's dump, read while it is written --------------------------------------------------------


class _Reader(Protocol):
    def read(self, size: int, /) -> bytes: ...

    def readline(self) -> bytes: ...


@contextlib.contextmanager
def _dumped(store: Store, path: Path) -> Iterator[_Reader]:
    """The store's graph as N-Triples in a file at PATH, open for reading.

    A local store writes it in a thread of its own while the caller reads and sorts: Oxigraph lets go of
    Python's lock while it writes to a path, so with a core to spare the sorting of a large graph (most of
    the work beside the dump) overlaps it. Another store (an endpoint, a worker process) writes the whole file
    first."""
    if not store.in_process:
        store.dump(path, "ntriples")
        with open(path, "rb") as dump:
            yield dump
        return
    native = store.oxigraph
    path.touch()
    with open(path, "rb") as dump:
        writer = _Writer(lambda: native.dump(str(path), _NT, from_graph=ox.DefaultGraph()))
        try:
            yield _Growing(dump, writer)
        finally:
            writer.join()


class _Writer(threading.Thread):
    """Runs WRITE in a thread; `error` holds what it raised."""

    def __init__(self, write: Callable[[], object]) -> None:
        super().__init__(daemon=True)  # never keeps the process alive: Ctrl-C ends it with the process
        self.write = write
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.write()
        except BaseException as e:  # handed to the reader, who raises it
            self.error = e


class _Growing:
    """A file that a `_Writer` is writing: a read waits for the bytes it asks for until the writer is done."""

    def __init__(self, file: BinaryIO, writer: _Writer) -> None:
        self.file, self.writer = file, writer

    def read(self, size: int) -> bytes:
        parts = []
        while size > 0 and (part := self._next(self.file.read, size)):
            parts.append(part)
            size -= len(part)
        return b"".join(parts)

    def readline(self) -> bytes:
        parts = []
        while part := self._next(self.file.readline, -1):
            parts.append(part)
            if part.endswith(b"\n"):
                break
        return b"".join(parts)

    def _next(self, read: Callable[[int], bytes], size: int) -> bytes:
        """READ's bytes, waiting while there are none yet; b"" at the end of a complete file."""
        while True:
            done = not self.writer.is_alive()
            if data := read(size):
                return data
            if done:
                if self.writer.error is not None:
                    raise self.writer.error
                return b""
            self.writer.join(0.005)


# --- reading the dump ----------------------------------------------------------------------------------


def _chunks(dump: _Reader) -> Iterator[tuple[int, list[bytes]]]:
    """The dump's lines a chunk at a time, with '>' swapped for _LOW, and their size in bytes; the triples
    with blank nodes come apart, canonical, in the last chunk."""
    blank: list[ox.Triple] = []
    while data := dump.read(_CHUNK):
        data += dump.readline()  # the rest of the last line
        if not data.endswith(b"\n"):  # the end of a file without a final newline
            data += b"\n"
        lines = data.replace(b">", _LOW).split(b"\n")
        lines.pop()  # the empty string after the last newline
        _take_blank(lines, _blank_candidates(data), blank)
        yield len(data), lines
    if blank:
        canonical = [line.replace(b">", _LOW) for line in _canonical(blank)]
        yield sum(map(len, canonical)), canonical


def _blank_candidates(data: bytes) -> list[int]:
    """The indexes of the lines of DATA that say '_:' (found through '_', which memchr finds fast)."""
    found, line, start = [], 0, 0
    hit = data.find(b"_")
    while hit != -1:
        if data[hit + 1 : hit + 2] == b":":
            line += data.count(b"\n", start, hit)
            found.append(line)
            start, line = data.find(b"\n", hit) + 1, line + 1
            hit = start - 1
        hit = data.find(b"_", hit + 1)
    return found


def _take_blank(lines: list[bytes], indexes: list[int], blank: list[ox.Triple]) -> None:
    """Move the triples with a blank node at INDEXES from LINES to BLANK (a literal may say '_:' too)."""
    for index in reversed(indexes):
        triple = next(iter(ox.parse(lines[index].replace(_LOW, b">"), _NT))).triple
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            blank.append(triple)
            del lines[index]


# --- blank nodes ---------------------------------------------------------------------------------------


def _canonical(triples: list[ox.Triple]) -> list[bytes]:
    """N-Triples lines of TRIPLES with their blank nodes renamed b0, b1, ... the same way for the same graph."""
    graph = Graph(bind_namespaces="none")
    for t in triples:
        graph.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
    canonical = list(to_canonical_graph(graph))
    labels = sorted({str(n) for t in canonical for n in t if isinstance(n, BNode)})
    names = {label: f"b{i}" for i, label in enumerate(labels)}
    return [f"{_to_ox_triple(t, names)} .".encode() for t in canonical]


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> URIRef | BNode | Literal:
    if isinstance(term, ox.Triple):
        raise ExportError("The graph holds an RDF-star quoted triple, which kg does not write.")
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language, normalize=False)
    datatype = None if term.datatype.value == str(XSD.string) else URIRef(term.datatype.value)
    return Literal(term.value, datatype=datatype, normalize=False)


def _to_ox_triple(triple: tuple[Node, Node, Node], names: dict[str, str]) -> ox.Triple:
    s, p, o = (_to_ox(n, names) for n in triple)
    assert isinstance(p, ox.NamedNode) and not isinstance(s, ox.Literal)
    return ox.Triple(s, p, o)


def _to_ox(term: Node, names: dict[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, BNode):
        return ox.BlankNode(names[str(term)])
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


# --- sorting in bounded memory -------------------------------------------------------------------------


def _sorted(chunks: Iterable[tuple[int, list[bytes]]], folder: Path) -> Iterator[bytes]:
    """Batches of the sorted lines with '>' back: sorted in memory, or in runs on disk past SORT_MEMORY."""
    held: list[bytes] = []
    size = 0
    runs: list[Path] = []
    for length, lines in chunks:
        held += lines
        size += length + _LINE_COST * len(lines)
        if size > SORT_MEMORY:
            runs.append(_spill(held, folder / f"run-{len(runs)}.nt"))
            size = 0
    if runs:
        runs.append(_spill(held, folder / f"run-{len(runs)}.nt"))
        yield from _merged(runs)
        return
    held.sort()
    for start in range(0, len(held), _BATCH):
        yield b"\n".join(held[start : start + _BATCH]).replace(_LOW, b">") + b"\n"


def _spill(lines: list[bytes], path: Path) -> Path:
    """Sort LINES into a file at PATH and empty the list."""
    lines.sort()
    with open(path, "wb") as out:
        for start in range(0, len(lines), _BATCH):
            out.write(b"\n".join(lines[start : start + _BATCH]))
            out.write(b"\n")
    lines.clear()
    return path


def _merged(runs: list[Path]) -> Iterator[bytes]:
    """Batches of the lines of the sorted RUNS, merged, with '>' back."""
    with contextlib.ExitStack() as stack:
        merged = heapq.merge(*(stack.enter_context(open(path, "rb")) for path in runs))
        while batch := b"".join(itertools.islice(merged, _BATCH)):
            yield batch.replace(_LOW, b">")
