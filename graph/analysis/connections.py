"""Connections: how two entities are linked, what surrounds one, and who never meets.

Paths and ego networks run on the full graph of :func:`graph.projection.project`, read
as undirected; each hop keeps the direction of the RDF statement behind it so it can be
explained ("NHSE ←delivery partner— pilot —pilot of→ framework —regulator→ Ofsted").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations, pairwise

import networkx as nx

from graph.analysis.views import Parameters, parameters_of
from graph.projection import Entity, display_name, entity, resolve

__all__ = [
    "DEFAULT_THROUGH",
    "Ego",
    "Hop",
    "Link",
    "Path",
    "Paths",
    "Unconnected",
    "ego_network",
    "shortest_paths",
    "unconnected_bodies",
]

DEFAULT_THROUGH = ("measure", "body")
"""Entity types a path may pass through unless told otherwise.

Documents and principles touch so many measures that paths through them say little.
"""


@dataclass
class Hop:
    """One step of a path; ``forward`` is false when the statement runs target -> source."""

    source: Entity
    target: Entity
    predicate: str
    label: str
    role: str | None
    inferred: bool
    forward: bool
    text: str


@dataclass
class Path:
    """A path as its hops and a one-line explanation."""

    hops: list[Hop]
    text: str


@dataclass
class Paths:
    """The shortest paths between two entities (none when they are not connected)."""

    source: Entity
    target: Entity
    length: int | None
    paths: list[Path]
    through: list[str]
    parameters: Parameters


@dataclass
class Link:
    """An edge of an ego network."""

    source: str
    target: str
    predicate: str
    label: str
    role: str | None
    inferred: bool


@dataclass
class EgoMember:
    """A node of an ego network and its distance (in hops) from the centre."""

    entity: Entity
    distance: int


@dataclass
class Ego:
    """Everything within ``parameters.depth`` hops of an entity, and the edges among it."""

    centre: Entity
    members: list[EgoMember]
    links: list[Link]
    parameters: Parameters


@dataclass
class Unconnected:
    """Bodies that share no measure: pairs of involved bodies, and bodies in no measure."""

    pairs: list[tuple[Entity, Entity]]
    uninvolved: list[Entity]
    parameters: Parameters


def _filtered(graph: nx.MultiDiGraph, include_inferred: bool, keep: Iterable[str] | None):
    nodes = set(keep) if keep is not None else None
    return nx.subgraph_view(
        graph,
        filter_node=(lambda n: n in nodes) if nodes is not None else nx.filters.no_filter,
        filter_edge=lambda u, v, k: include_inferred or not graph.edges[u, v, k]["inferred"],
    )


def _hop(graph: nx.MultiDiGraph, a: str, b: str) -> Hop:
    """The clearest statement linking a and b: stated before inferred, roles before others."""
    candidates = [(d, True) for d in graph.get_edge_data(a, b, default={}).values()]
    candidates += [(d, False) for d in graph.get_edge_data(b, a, default={}).values()]
    data, forward = min(
        candidates, key=lambda c: (c[0]["inferred"], c[0]["role"] is None, c[0]["predicate"])
    )
    return Hop(
        source=entity(graph, a),
        target=entity(graph, b),
        predicate=data["predicate"],
        label=data["label"],
        role=data["role"],
        inferred=data["inferred"],
        forward=forward,
        text=display_name(graph, a) + _arrow(data, forward) + display_name(graph, b),
    )


def _arrow(data: dict, forward: bool) -> str:
    label = data["label"] + (" (inferred)" if data["inferred"] else "")
    return f" —{label}→ " if forward else f" ←{label}— "


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    through: Iterable[str] = DEFAULT_THROUGH,
    include_inferred: bool = True,
    limit: int = 5,
) -> Paths:
    """Return up to ``limit`` shortest paths between two entities, each hop explained.

    Edges are followed in either direction. Paths run only through entities of the
    types in ``through`` (the two ends may be of any type). Paths are sorted by the ids
    along them, so the same data gives the same answer.

    Parameters
    ----------
    graph
        The full graph (:func:`graph.projection.project`).
    source, target
        Id, ``type/id``, IRI or body code of each end.
    through
        Entity types allowed between the ends.
    include_inferred
        Follow links the modellers inferred as well as stated ones.
    limit
        Most paths returned.

    Raises
    ------
    UnknownEntity
        When either end is unknown.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, t in [("m", "measure"), ("a", "body"), ("b", "body")]:
    ...     g.add_node(n, id=n, type=t, label=n.upper(), code=None)
    >>> _ = g.add_edge("m", "a", predicate="pkg:ledBy", label="lead", role="lead", inferred=False)
    >>> _ = g.add_edge("m", "b", predicate="pkg:affects", label="affected", role="affected",
    ...                inferred=False)
    >>> shortest_paths(g, "a", "b").paths[0].text
    'A ←lead— M —affected→ B'
    """
    start, end = resolve(graph, source), resolve(graph, target)
    types = sorted(set(through))
    keep = [n for n, t in graph.nodes(data="type") if t in types or n in (start, end)]
    view = _filtered(graph, include_inferred, keep).to_undirected(as_view=True)
    params = parameters_of(graph, view="graph", include_inferred=include_inferred)
    try:
        found = sorted(
            nx.all_shortest_paths(view, start, end),
            key=lambda p: [graph.nodes[n]["id"] for n in p],
        )[:limit]
    except nx.NetworkXNoPath:
        found = []
    paths = []
    for nodes in found:
        hops = [_hop(graph, a, b) for a, b in pairwise(nodes)]
        text = display_name(graph, nodes[0]) + "".join(
            h.text[len(display_name(graph, a)) :] for h, a in zip(hops, nodes, strict=False)
        )
        paths.append(Path(hops=hops, text=text))
    return Paths(
        source=entity(graph, start),
        target=entity(graph, end),
        length=len(found[0]) - 1 if found else None,
        paths=paths,
        through=types,
        parameters=params,
    )


def ego_network(
    graph: nx.MultiDiGraph, centre: str, *, depth: int = 1, include_inferred: bool = True
) -> Ego:
    """Return every entity within ``depth`` hops of ``centre`` and the links among them.

    Raises
    ------
    UnknownEntity
        When ``centre`` is unknown.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     g.add_node(n, id=n, type="body", label=n, code=None)
    >>> _ = g.add_edge("a", "b", predicate="p", label="p", role=None, inferred=False)
    >>> _ = g.add_edge("b", "c", predicate="p", label="p", role=None, inferred=False)
    >>> [(m.entity.id, m.distance) for m in ego_network(g, "a", depth=1).members]
    [('a', 0), ('b', 1)]
    """
    node = resolve(graph, centre)
    view = _filtered(graph, include_inferred, None)
    distances = nx.single_source_shortest_path_length(
        view.to_undirected(as_view=True), node, cutoff=depth
    )
    members = sorted(distances, key=lambda n: (distances[n], graph.nodes[n]["id"]))
    inner = view.subgraph(members)
    links = sorted(
        (
            Link(
                graph.nodes[u]["id"],
                graph.nodes[v]["id"],
                a["predicate"],
                a["label"],
                a["role"],
                a["inferred"],
            )
            for u, v, a in inner.edges(data=True)
        ),
        key=lambda link: (link.source, link.target, link.predicate),
    )
    return Ego(
        centre=entity(graph, node),
        members=[EgoMember(entity(graph, n), distances[n]) for n in members],
        links=links,
        parameters=parameters_of(
            graph, view="graph", include_inferred=include_inferred, depth=depth
        ),
    )


def unconnected_bodies(graph: nx.Graph) -> Unconnected:
    """Return the pairs of bodies that never share a measure in a body projection.

    Bodies involved in no measure are listed once in ``uninvolved`` rather than paired
    with every other body.

    Examples
    --------
    >>> g = nx.Graph([("a", "b")]); g.add_nodes_from(["c", "d"])
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "body", "label": n, "code": None}
    ...                            for n in g})
    >>> result = unconnected_bodies(g)
    >>> [(u.id, v.id) for u, v in result.pairs], [e.id for e in result.uninvolved]
    ([], ['c', 'd'])
    """

    def key(node: str) -> str:
        return graph.nodes[node]["id"]

    involved = sorted((n for n in graph if graph.degree(n) > 0), key=key)
    return Unconnected(
        pairs=[
            (entity(graph, u), entity(graph, v))
            for u, v in combinations(involved, 2)
            if not graph.has_edge(u, v)
        ],
        uninvolved=[entity(graph, n) for n in sorted(graph, key=key) if graph.degree(n) == 0],
        parameters=parameters_of(graph),
    )
