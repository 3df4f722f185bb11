"""Influence: which entities carry the programme, broker between others, or hold it together.

Functions take a view from :mod:`graph.analysis.views` (usually
:func:`~graph.analysis.views.body_projection`, or
:func:`~graph.analysis.views.dependency_view` for measures) and return plain data that
reports the view's parameters. Directed views are read as undirected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph.analysis.views import Parameters, as_undirected, parameters_of
from graph.projection import Entity, entity

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLE",
    "Broker",
    "Centrality",
    "CentralityMeasure",
    "CentralityTable",
    "WeakPoints",
    "brokers",
    "centrality",
    "weak_points",
]

BETWEENNESS_EXACT_LIMIT = 1_000
"""Above this many nodes betweenness is estimated from :data:`BETWEENNESS_SAMPLE` sources."""

BETWEENNESS_SAMPLE = 200
"""Source nodes sampled (with a fixed seed) when betweenness is estimated."""


class CentralityMeasure(StrEnum):
    """What a centrality table is ranked by."""

    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    EIGENVECTOR = "eigenvector"
    PAGERANK = "pagerank"


@dataclass
class Centrality:
    """One entity's centrality scores.

    ``strength`` is the sum of its edge weights (the degree when edges are unweighted);
    ``degree`` is the normalised degree centrality.
    """

    entity: Entity
    strength: float
    degree: float
    betweenness: float
    eigenvector: float
    pagerank: float


@dataclass
class CentralityTable:
    """Centrality of every node of a view, ranked by ``ranked_by`` (highest first)."""

    ranked_by: CentralityMeasure
    rows: list[Centrality]
    parameters: Parameters


@dataclass
class Broker:
    """Burt's structural-hole measures: low constraint and high effective size mark a broker."""

    entity: Entity
    constraint: float
    effective_size: float


@dataclass
class WeakPoints:
    """Single points of failure: nodes and links whose removal splits the network."""

    articulation_points: list[Entity]
    bridges: list[tuple[Entity, Entity]]
    parameters: Parameters


def _weight(graph: nx.Graph, name: str) -> str | None:
    return name if any(name in a for _, _, a in graph.edges(data=True)) else None


def centrality(
    graph: nx.Graph,
    *,
    ranked_by: CentralityMeasure = CentralityMeasure.DEGREE,
    seed: int = 0,
) -> CentralityTable:
    """Return degree, betweenness, eigenvector and PageRank centrality of every node, ranked.

    Weighted views are scored with their weights: strength and eigenvector use
    ``weight``, betweenness uses ``distance`` (a strong tie is a short path). Betweenness
    is exact up to :data:`BETWEENNESS_EXACT_LIMIT` nodes and estimated from
    :data:`BETWEENNESS_SAMPLE` sampled sources (drawn with ``seed``) above it; the sample
    size used is reported in ``parameters.betweenness_sample``. Ties rank by id.

    Parameters
    ----------
    graph
        A view, e.g. ``body_projection(project(store))``.
    ranked_by
        The score to sort by.
    seed
        Seed for the betweenness sample.

    Returns
    -------
    CentralityTable

    Examples
    --------
    >>> g = nx.star_graph(3)
    >>> nx.set_node_attributes(g, {n: {"id": f"b{n}", "type": "body", "label": f"B{n}",
    ...                                "code": None} for n in g})
    >>> table = centrality(g, ranked_by="betweenness")
    >>> [(r.entity.id, r.betweenness) for r in table.rows][:2]
    [('b0', 1.0), ('b1', 0.0)]
    """
    ranked_by = CentralityMeasure(ranked_by)
    undirected = as_undirected(graph)
    n = undirected.number_of_nodes()
    sample = BETWEENNESS_SAMPLE if n > BETWEENNESS_EXACT_LIMIT else None
    weight = _weight(undirected, "weight")
    strength = dict(undirected.degree(weight=weight))
    degree = nx.degree_centrality(undirected) if n > 1 else dict.fromkeys(undirected, 0.0)
    betweenness = nx.betweenness_centrality(
        undirected, k=sample, weight=_weight(undirected, "distance"), seed=seed
    )
    eigenvector = nx.eigenvector_centrality(undirected, weight=weight, max_iter=1000) if n else {}
    pagerank = nx.pagerank(undirected, weight=weight) if n else {}
    rows = [
        Centrality(
            entity=entity(graph, node),
            strength=strength[node],
            degree=degree[node],
            betweenness=betweenness[node],
            eigenvector=eigenvector[node],
            pagerank=pagerank[node],
        )
        for node in undirected
    ]
    rows.sort(key=lambda r: (-getattr(r, ranked_by.value), -r.strength, r.entity.id))
    return CentralityTable(
        ranked_by=ranked_by,
        rows=rows,
        parameters=parameters_of(graph, seed=seed if sample else None, betweenness_sample=sample),
    )


def brokers(graph: nx.Graph) -> list[Broker]:
    """Return Burt's constraint and effective size of every connected node, brokers first.

    Isolated nodes have neither measure and are left out. Sorted by constraint
    (ascending), then effective size (descending), then id.

    Examples
    --------
    >>> g = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "body", "label": n, "code": None}
    ...                            for n in g})
    >>> [(b.entity.id, round(b.constraint, 2), b.effective_size) for b in brokers(g)][:2]
    [('hub', 0.33, 3.0), ('a', 1.0, 1.0)]
    """
    undirected = as_undirected(graph)
    weight = _weight(undirected, "weight")
    connected = [n for n in undirected if undirected.degree(n) > 0]
    constraint = nx.constraint(undirected, nodes=connected, weight=weight)
    size = nx.effective_size(undirected, nodes=connected, weight=weight)
    rows = [
        Broker(entity(graph, n), constraint[n], size[n])
        for n in connected
        if not (math.isnan(constraint[n]) or math.isnan(size[n]))
    ]
    rows.sort(key=lambda r: (r.constraint, -r.effective_size, r.entity.id))
    return rows


def weak_points(graph: nx.Graph) -> WeakPoints:
    """Return the articulation points and bridges of the view, sorted by id.

    Removing an articulation point or a bridge leaves more connected components than
    before: everyone linked only through it loses the link.

    Examples
    --------
    >>> g = nx.path_graph(3)
    >>> nx.set_node_attributes(g, {n: {"id": f"n{n}", "type": "body", "label": "", "code": None}
    ...                            for n in g})
    >>> [e.id for e in weak_points(g).articulation_points]
    ['n1']
    """
    undirected = nx.Graph(as_undirected(graph))

    def key(node: object) -> str:
        return graph.nodes[node]["id"]

    bridges = [tuple(sorted(edge, key=key)) for edge in nx.bridges(undirected)]
    return WeakPoints(
        articulation_points=[
            entity(graph, n) for n in sorted(nx.articulation_points(undirected), key=key)
        ],
        bridges=[
            (entity(graph, u), entity(graph, v))
            for u, v in sorted(bridges, key=lambda e: (key(e[0]), key(e[1])))
        ],
        parameters=parameters_of(graph),
    )
