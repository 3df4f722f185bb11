"""Statistics of a loaded graph: entities per class, measures per body and per principle."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from graph.store import Store
from graph.vocab import sparql_prologue

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?c . ?c rdfs:label ?class . FILTER(STRSTARTS(STR(?c), STR(pkg:)))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

_PER_BODY = """
SELECT ?code (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?b a pkg:Body ; skos:notation ?code .
  OPTIONAL { ?m a pkg:Measure ; pkg:involves ?b }
} GROUP BY ?code ORDER BY DESC(?n) ?code
"""

_PER_PRINCIPLE = """
SELECT ?label (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?p a pkg:Principle ; rdfs:label ?l ; skos:notation ?num .
  OPTIONAL { ?m pkg:servesPrinciple ?p }
  BIND(CONCAT(?num, ". ", ?l) AS ?label)
} GROUP BY ?label ORDER BY ?label
"""


@dataclass(frozen=True)
class GraphStats:
    """Counts describing a loaded graph."""

    triples: int
    data_version: str
    classes: dict[str, int]
    measures_per_body: dict[str, int]
    measures_per_principle: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def graph_stats(store: Store) -> GraphStats:
    """Count entities per class (by the class's label) and measures per body and principle."""
    prologue = sparql_prologue()

    def counts(query: str, key: str) -> dict[str, int]:
        return {str(r[key]): int(r["n"] or 0) for r in store.select(prologue + query)}

    return GraphStats(
        triples=store.triple_count(),
        data_version=store.data_version,
        classes=counts(_CLASSES, "class"),
        measures_per_body=counts(_PER_BODY, "code"),
        measures_per_principle=counts(_PER_PRINCIPLE, "label"),
    )
