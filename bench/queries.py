"""The typical queries the benchmark times (kg's predeclared prefixes; plain SPARQL 1.1)."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["PATH_ENDS", "QUERIES", "shortest_path"]

QUERIES: dict[str, str] = {
    "entity card": """
SELECT ?label ?type ?mentions ?documents (GROUP_CONCAT(DISTINCT ?alias; separator=", ") AS ?aliases)
       (GROUP_CONCAT(DISTINCT ?title; separator=", ") AS ?titles)
WHERE { ?e rdfs:label "Joe Biden" ; a ?type ; kg:mentionCount ?mentions ; kg:documentCount ?documents .
  OPTIONAL { ?e skos:altLabel ?alias } OPTIONAL { ?e kg:jobTitle ?title } }
GROUP BY ?e ?label ?type ?mentions ?documents""",
    "who met whom, where, when": """
SELECT ?a ?b ?place ?when ?sources WHERE {
  ?f a kg:Meeting ; kg:subject ?s ; kg:object ?o ; kg:sourceCount ?sources .
  ?s rdfs:label ?a . ?o rdfs:label ?b .
  OPTIONAL { ?f kg:place/rdfs:label ?place } OPTIONAL { ?f kg:timeText ?when } }""",
    "facts with ≥2 sources": """
SELECT ?subject ?predicate ?object ?sources WHERE {
  ?f kg:sourceCount ?sources FILTER(?sources >= 2)
  ?f kg:subject/rdfs:label ?subject ; kg:predicate ?predicate . OPTIONAL { ?f kg:object/rdfs:label ?object } }
ORDER BY DESC(?sources) LIMIT 50""",
    "counts per type": """
SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type ; kg:mentionCount ?m } GROUP BY ?type ORDER BY DESC(?n)""",
    "label search": """
SELECT ?e ?label WHERE { ?e rdfs:label|skos:altLabel ?label FILTER(CONTAINS(LCASE(?label), "putin")) } LIMIT 20""",
    "what a person said": """
SELECT ?content ?doc WHERE { ?e rdfs:label "Joe Biden" . ?f kg:subject ?e ; kg:content ?content ;
  kg:evidence/kg:inDocument ?doc } LIMIT 50""",
    "top entities": """
SELECT ?e ?label ?n WHERE { ?e kg:mentionCount ?n ; rdfs:label ?label } ORDER BY DESC(?n) LIMIT 10""",
    "documents about an entity": """
SELECT ?doc ?title WHERE { ?e rdfs:label "Vladimir Putin" . ?doc kg:mentions ?e ; dcterms:title ?title }
ORDER BY ?title LIMIT 20""",
    "documents about an entity, by mentions": """
SELECT ?doc ?title ?mentions WHERE {
  { SELECT ?doc ?mentions WHERE { ?e rdfs:label "Vladimir Putin" .
      ?a kg:entity ?e ; kg:inDocument ?doc ; kg:timesMentioned ?mentions } ORDER BY DESC(?mentions) LIMIT 20 }
  ?doc dcterms:title ?title } ORDER BY DESC(?mentions)""",
    "roles of people": """
SELECT ?person ?title ?org WHERE { ?p a kg:Person ; rdfs:label ?person ; kg:holdsRole ?r . ?r kg:roleName ?title .
  OPTIONAL { ?r kg:roleIn/rdfs:label ?org } } LIMIT 50""",
}

PATH_ENDS = ("Joe Biden", "NATO")  # three steps apart in the news corpus
# One step: two entities that take part in one fact, either way round.
_STEP = "(^kg:subject/kg:object|^kg:object/kg:subject)"


def shortest_path(select: Callable[[str], list], ends: tuple[str, str] = PATH_ENDS, longest: int = 4) -> int | None:
    """The number of fact steps between two entities (breadth first, one query per length); None if > longest."""
    for length in range(1, longest + 1):
        hops = [f"?x{i}" for i in range(1, length)]
        nodes = ["?a", *hops, "?b"]
        steps = " . ".join(f"{nodes[i]} {_STEP} {nodes[i + 1]}" for i in range(length))
        query = f'SELECT ?a WHERE {{ ?a rdfs:label "{ends[0]}" . ?b rdfs:label "{ends[1]}" . {steps} }} LIMIT 1'
        if select(query):
            return length
    return None
