"""Structure: communities, connected components, k-cores and principle coverage.

Functions take a view from :mod:`graph.analysis.views` and return plain data that
reports the view's parameters. Directed views are read as undirected.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.analysis.views import Parameters, as_undirected, parameters_of
from graph.projection import Entity, display_name, entity

__all__ = [
    "Communities",
    "Community",
    "Components",
    "Core",
    "communities",
    "components",
    "k_core",
    "measures_without_principle",
]

LABEL_MEMBERS = 3
"""How many of a community's most central members name it."""


@dataclass
class Community:
    """A community: its members, most central (within the community) first, and a label."""

    label: str
    members: list[Entity]


@dataclass
class Communities:
    """A Louvain partition of a view and its modularity."""

    communities: list[Community]
    modularity: float
    parameters: Parameters


@dataclass
class Components:
    """Connected components, largest first."""

    components: list[list[Entity]]
    parameters: Parameters


@dataclass
class Core:
    """The k-core: the largest subgraph in which every node has at least ``k`` neighbours."""

    k: int
    members: list[Entity]
    core_numbers: dict[str, int]
    parameters: Parameters


def communities(graph: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> Communities:
    """Partition the view into communities with Louvain, reproducibly.

    The same ``seed`` gives the same partition. Each community is labelled by its
    :data:`LABEL_MEMBERS` members of highest weighted degree inside the community (code
    where the entity has one); communities are listed largest first.

    Parameters
    ----------
    graph
        A view; edge ``weight`` is used when present.
    seed
        Seed of the Louvain method's random node order.
    resolution
        Above 1 favours smaller communities, below 1 larger ones.

    Examples
    --------
    >>> g = nx.barbell_graph(3, 0)
    >>> nx.set_node_attributes(g, {n: {"id": f"b{n}", "type": "body", "label": f"B{n}",
    ...                                "code": None} for n in g})
    >>> [[m.id for m in c.members] for c in communities(g).communities]
    [['b0', 'b1', 'b2'], ['b3', 'b4', 'b5']]
    """
    undirected = as_undirected(graph)
    weight = "weight" if any("weight" in a for *_, a in undirected.edges(data=True)) else None
    parts = nx.community.louvain_communities(
        undirected, weight=weight, resolution=resolution, seed=seed
    )
    found = []
    for part in parts:
        inner = undirected.subgraph(part)
        members = sorted(
            part, key=lambda n: (-inner.degree(n, weight=weight), graph.nodes[n]["id"])
        )
        label = " / ".join(display_name(graph, n) for n in members[:LABEL_MEMBERS])
        found.append(Community(label=label, members=[entity(graph, n) for n in members]))
    found.sort(key=lambda c: (-len(c.members), c.members[0].id if c.members else ""))
    modularity = (
        nx.community.modularity(undirected, parts, weight=weight, resolution=resolution)
        if undirected.number_of_edges()
        else 0.0
    )
    return Communities(
        communities=found,
        modularity=modularity,
        parameters=parameters_of(graph, seed=seed, resolution=resolution),
    )


def components(graph: nx.Graph) -> Components:
    """Return the connected components, largest first, members by id.

    Examples
    --------
    >>> g = nx.Graph([("a", "b")]); g.add_node("c")
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "body", "label": n, "code": None}
    ...                            for n in g})
    >>> [[e.id for e in c] for c in components(g).components]
    [['a', 'b'], ['c']]
    """
    undirected = as_undirected(graph)
    found = [
        sorted((entity(graph, n) for n in part), key=lambda e: e.id)
        for part in nx.connected_components(undirected)
    ]
    found.sort(key=lambda c: (-len(c), c[0].id))
    return Components(components=found, parameters=parameters_of(graph))


def k_core(graph: nx.Graph, *, k: int | None = None) -> Core:
    """Return the ``k``-core (the innermost core when ``k`` is ``None``) and every core number.

    Examples
    --------
    >>> g = nx.complete_graph(4); g.add_edge(3, 4)
    >>> nx.set_node_attributes(g, {n: {"id": f"n{n}", "type": "body", "label": "", "code": None}
    ...                            for n in g})
    >>> core = k_core(g)
    >>> core.k, [e.id for e in core.members]
    (3, ['n0', 'n1', 'n2', 'n3'])
    """
    undirected = nx.Graph(as_undirected(graph))
    undirected.remove_edges_from(list(nx.selfloop_edges(undirected)))
    numbers = nx.core_number(undirected)
    k = max(numbers.values(), default=0) if k is None else k
    members = sorted((entity(graph, n) for n, c in numbers.items() if c >= k), key=lambda e: e.id)
    return Core(
        k=k,
        members=members,
        core_numbers={graph.nodes[n]["id"]: c for n, c in sorted(numbers.items())},
        parameters=parameters_of(graph),
    )


def measures_without_principle(graph: nx.DiGraph) -> list[Entity]:
    """Return the measures no principle reaches in a tripartite view, by id.

    A measure is reached when it serves a principle or depends, transitively, on a
    measure that does (see :func:`graph.analysis.views.tripartite_view`).

    Examples
    --------
    >>> g = nx.DiGraph([("p", "m1"), ("m1", "m2")]); g.add_node("m3")
    >>> types = {"p": "principle", "m1": "measure", "m2": "measure", "m3": "measure"}
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": t, "label": n, "code": None}
    ...                            for n, t in types.items()})
    >>> [e.id for e in measures_without_principle(g)]
    ['m3']
    """
    principles = [n for n, t in graph.nodes(data="type") if t == "principle"]
    reached = set().union(*(nx.descendants(graph, p) for p in principles))
    missing = [n for n, t in graph.nodes(data="type") if t == "measure" and n not in reached]
    return sorted((entity(graph, n) for n in missing), key=lambda e: e.id)
