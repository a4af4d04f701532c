"""How entities connect: \\path (the strongest chains of facts between two entities, step by step, each
with its source sentence) and \\around (an entity's neighbourhood as a table, the entity graph that
`kg export --around` draws)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import URIRef

from ...errors import ExportError, KGError
from ...query.formatting import shorten
from ...rdf.ontology import PREFIXES
from ..special import Output, special_command, table
from .lookup import resolve, sparql_term
from .questions import printed_sparql, quality_filter, split_arguments

if TYPE_CHECKING:
    from ..executor import Executor

__all__ = ["around", "path", "path_query"]

_EDGE = "kg:subject|kg:object|kg:participant|kg:about"
_HOP_LIMIT = 3
_CHAINS = 200  # chains fetched per length, of which the strongest are shown
_SHOWN = 3
_AROUND_HOPS = 3

# --- \path ------------------------------------------------------------------------------------------------


def path_query(a: str, b: str, hops: int, quality: str) -> str:
    """Chains of `hops` facts from a to b, with each fact's sources and confidence; a fact links its
    subject, object, participants and topics."""
    lines = [f"# How {a} and {b} are connected through {hops} fact{'s' if hops > 1 else ''}"]
    facts = [f"?fact{i}" for i in range(1, hops + 1)]
    via = [f"?via{i}" for i in range(1, hops)]
    chain = [v for pair in zip(facts, [*via, ""], strict=True) for v in pair if v]  # ?fact1 ?via1 ?fact2 …
    strength = [f"?sources{i} ?confidence{i} ?p{i}" for i in range(1, hops + 1)]
    lines.append(f"SELECT {' '.join(chain)} {' '.join(strength)} WHERE {{")
    ends = [a, *via, b]
    for i, fact in enumerate(facts):
        n = i + 1
        lines.append(f"  {fact} {_EDGE} {ends[i]} , {ends[i + 1]} .")
        lines.append(f"  {fact} kg:sourceCount ?sources{n} ; kg:confidence ?confidence{n} ; kg:predicate ?p{n} .")
        if quality:
            lines.append(
                quality.replace("?sources", f"?sources{n}").replace("?confidence", f"?confidence{n}").rstrip("\n")
            )
    for v in via:
        lines.append(f"  {v} a ?{v[1:]}Type . FILTER({v} != {a} && {v} != {b} && ?{v[1:]}Type != kg:Concept)")
    if len(facts) > 1:
        lines.append(f"  FILTER({' && '.join(f'{x} != {y}' for x, y in itertools.pairwise(facts))})")
    lines.append(f"}}\nLIMIT {_CHAINS}")
    return "\n".join(lines)


_STEPS = """SELECT ?fact ?s ?p ?o ?content ?sentence WHERE {{
  VALUES ?fact {{ {facts} }}
  ?fact kg:predicate ?p .
  OPTIONAL {{ ?fact kg:subject ?s }}
  OPTIONAL {{ ?fact kg:object ?o }}
  OPTIONAL {{ ?fact kg:content ?content }}
  OPTIONAL {{ ?fact kg:evidence/kg:sentence/kg:text ?sentence }}
}} ORDER BY ?fact ?sentence"""


_SAYS = PREFIXES["kg"] + "says"


def _strongest(rows: list[tuple], hops: int) -> list[tuple[list[str], list[str]]]:
    """Distinct chains (their facts, and the entities each step reaches), strongest first: the weakest
    link's sources, then fewer statements (a claim about someone is a weaker tie than a fact), then the
    weakest link's confidence."""
    chains: dict[tuple[str, ...], tuple[int, int, float, tuple[str, ...]]] = {}
    for row in rows:
        facts = tuple(str(row[2 * i]) for i in range(hops))
        via = tuple(str(row[2 * i + 1]) for i in range(hops - 1))
        strength = row[2 * hops - 1 :]
        sources = min(int(strength[3 * i].toPython()) for i in range(hops))
        confidence = min(float(strength[3 * i + 1].toPython()) for i in range(hops))
        says = sum(str(strength[3 * i + 2]) == _SAYS for i in range(hops))
        key = (-sources, says, -confidence, via)
        chains[facts] = min(chains.get(facts, key), key)
    ranked = sorted(chains.items(), key=lambda kv: (kv[1][:3], kv[0]))
    return [(list(facts), list(key[3])) for facts, key in ranked]


def _steps(executor: Executor, chains: list[tuple[list[str], list[str]]], end: str) -> list[tuple]:
    """One row per step of each chain: who, what predicate, whom (or what was said), the entity the step
    leads to, and a source sentence."""
    facts = sorted({f for chain, _ in chains for f in chain})
    labels = executor.metadata.labels
    found: dict[str, tuple] = {}
    rows = executor.query(_STEPS.format(facts=" ".join(sparql_term(f) for f in facts)), limit=False).rows
    for fact, s, p, o, content, sentence in rows:
        found.setdefault(str(fact), (s, p, o, content, sentence))

    def name(node: object) -> str:
        return labels.get(str(node), shorten(str(node))) if isinstance(node, URIRef) else ""

    out = []
    for number, (chain, via) in enumerate(chains, 1):
        for step, (fact_iri, reached) in enumerate(zip(chain, [*via, end], strict=True), 1):
            s, p, o, content, sentence = found.get(fact_iri, (None,) * 5)
            what = name(o) if o is not None else (f"“{_clip(str(content))}”" if content is not None else "")
            verb = name(p) or shorten(str(p))
            out.append((number, step, name(s), verb, what, name(URIRef(reached)), str(sentence or "")))
    return out


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@special_command(
    "\\path",
    "\\path NAME NAME",
    "How two entities connect (up to three facts apart): each step, its predicate and a source sentence.",
    arg="entity2",
    group="Questions",
)
def path(executor: Executor, argument: str) -> Iterator[Output]:
    first, second = (resolve(executor, t) for t in split_arguments(argument, 2, "\\path NAME NAME"))
    a, b = sparql_term(first.iri), sparql_term(second.iri)
    if a == b:
        raise KGError("Those are the same entity.")
    quality = quality_filter(executor)
    title = f"{first.label or a} … {second.label or b}"
    for hops in range(1, _HOP_LIMIT + 1):
        sparql = path_query(a, b, hops, quality)
        result = executor.query(sparql, limit=False)
        if not result.rows and hops < _HOP_LIMIT:
            continue
        if not result.rows:
            yield Output(
                sparql=printed_sparql(executor, sparql), title=title, note=f"No connection within {_HOP_LIMIT} facts."
            )
            return
        chains = _strongest(result.rows, hops)
        shown = chains[:_SHOWN]
        headers = ["path", "step", "subject", "predicate", "object", "reaches", "sentence"]
        more = f"; the {len(shown)} strongest shown (weakest link: most sources, facts before claims, confidence)"
        yield Output(
            result=table(headers, _steps(executor, shown, second.iri)),
            sparql=printed_sparql(executor, sparql),
            title=title,
            status=f"{len(chains)} chain{'s' if len(chains) != 1 else ''} of {hops} fact{'s' if hops > 1 else ''}"
            + (more if len(chains) > len(shown) else ""),
        )
        return


# --- \around ----------------------------------------------------------------------------------------------


def _hops(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= _AROUND_HOPS:
        raise KGError(f"HOPS is a number from 1 to {_AROUND_HOPS}, not '{text}'. Usage: \\around NAME [HOPS]")
    return int(text)


@special_command(
    "\\around",
    "\\around NAME [HOPS]",
    "The entity's neighbourhood (1 to 3 hops) as a table, as kg export --around draws it.",
    arg="entity",
    group="Questions",
)
def around(executor: Executor, argument: str) -> Iterator[Output]:
    from ...export.analysis import Filters, apply
    from ...export.projection import project

    name, hops = argument.strip(), 1
    last = name.rsplit(" ", 1)
    if len(last) == 2 and last[1].isdigit():
        name, hops = last[0], _hops(last[1])
    if not name:
        raise KGError("Usage: \\around NAME [HOPS], e.g. \\around Lavrov 2 (Tab completes names).")
    found = resolve(executor, name)
    settings = executor.settings
    least = settings.min_sources if settings.min_sources > 1 else 0
    filters = Filters(around=found.name, hops=hops, min_sources=least, isolated=True)
    try:
        g = apply(project(executor.store), filters)
    except ExportError:  # the entity itself is not in the entity graph
        below = f" with {least}+ sources (\\set min-sources)" if least else ""
        raise KGError(
            f"{found.name} is not an entity of the entity graph{below}; \\describe {found.name} shows what is known."
        ) from None
    rows = []
    for u, v, d in g.edges(data=True):
        confidence = d.get("confidence")
        if confidence is not None and confidence < settings.min_confidence:
            continue
        rows.append((g.nodes[u]["label"], d["label"], g.nodes[v]["label"], d["sources"], confidence))
    rows.sort(key=lambda r: (-r[3], r[0], r[1], r[2]))
    entities = g.number_of_nodes()
    yield Output(
        result=table(["subject", "relation", "object", "sources", "confidence"], rows, drop_empty=True),
        title=f"{found.title}: {hops} hop{'s' if hops > 1 else ''} around",
        status=f"{len(rows)} relation{'s' if len(rows) != 1 else ''} among {entities} entit"
        + ("y" if entities == 1 else "ies"),
        note=found.note,
    )
