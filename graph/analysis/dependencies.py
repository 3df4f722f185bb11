"""Dependency analysis on the measure dependency graph: order, chains, impact, backstops, cycles.

Every function takes the graph of :func:`graph.analysis.views.dependency_view`, whose edge
``u -> v`` means v depends on u (u is a prerequisite of v), and returns plain data.
A cycle is a data error: :func:`find_dependency_cycles` is what ``policykg validate`` runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from graph.analysis.views import Parameters, dependency_view, parameters_of
from graph.errors import PolicyKGError
from graph.projection import Entity, entity, project, resolve
from graph.store import Store

__all__ = [
    "Backstop",
    "Chain",
    "DependencyCycle",
    "ImplementationOrder",
    "Reach",
    "backstops",
    "critical_path",
    "find_cycles",
    "find_dependency_cycles",
    "impact",
    "implementation_order",
    "prerequisites",
]


class DependencyCycle(PolicyKGError, ValueError):
    """Measures depend on each other in a circle, so no implementation order exists."""

    def __init__(self, cycles: list[list[str]]) -> None:
        self.cycles = cycles
        shown = "; ".join(" -> ".join([*c, c[0]]) for c in cycles)
        super().__init__(f"dependency cycle (each depends on the next): {shown}")


@dataclass
class ImplementationOrder:
    """Measures in an order that puts every prerequisite first, and the same in stages."""

    order: list[Entity]
    stages: list[list[Entity]]
    parameters: Parameters


@dataclass
class Chain:
    """The longest chain of dependencies (the critical path), prerequisite first."""

    measures: list[Entity]
    kinds: list[str]
    parameters: Parameters


@dataclass
class Reached:
    """A measure reached from another, ``distance`` dependency steps away."""

    measure: Entity
    distance: int


@dataclass
class Reach:
    """Everything downstream (impact) or upstream (prerequisites) of one measure."""

    measure: Entity
    direction: str
    measures: list[Reached]
    parameters: Parameters


@dataclass
class Backstop:
    """A backstop measure and the measures it is a fallback for."""

    measure: Entity
    backs: list[Entity]
    parameters: Parameters


def _key(graph: nx.DiGraph):
    return lambda node: graph.nodes[node]["id"]


def find_cycles(graph: nx.DiGraph) -> list[list[str]]:
    """Return every elementary dependency cycle as measure ids, each depending on the next.

    Each cycle starts at its alphabetically first id; cycles are sorted.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> nx.set_node_attributes(g, {n: n for n in g}, "id")
    >>> find_cycles(g)
    [['a', 'c', 'b']]
    """
    cycles = []
    for cycle in nx.simple_cycles(graph):
        ids = [graph.nodes[n]["id"] for n in reversed(cycle)]
        start = ids.index(min(ids))
        cycles.append(ids[start:] + ids[:start])
    return sorted(cycles)


def find_dependency_cycles(store: Store) -> list[list[str]]:
    """Return the dependency cycles of the data in ``store`` (empty when there are none).

    Stated and inferred dependencies both count: either kind of cycle is a data error.

    Examples
    --------
    >>> from graph.loading import load_files
    >>> from graph.settings import REPO_ROOT
    >>> find_dependency_cycles(load_files([REPO_ROOT / "ontology/policy.ttl"]))
    []
    """
    return find_cycles(dependency_view(project(store), include_inferred=True))


def _require_dag(graph: nx.DiGraph) -> None:
    if not nx.is_directed_acyclic_graph(graph):
        raise DependencyCycle(find_cycles(graph))


def implementation_order(graph: nx.DiGraph) -> ImplementationOrder:
    """Return the measures with every prerequisite before the measures that depend on it.

    ``order`` is the lexicographically smallest such order by id, so it is reproducible;
    ``stages`` groups measures whose prerequisites are all in earlier stages (each stage
    can proceed in parallel), ids sorted within a stage.

    Raises
    ------
    DependencyCycle
        When the dependencies form a cycle.

    Examples
    --------
    >>> g = nx.DiGraph([("b", "c"), ("a", "c")])
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "measure", "label": n, "code": None}
    ...                            for n in g})
    >>> [m.id for m in implementation_order(g).order]
    ['a', 'b', 'c']
    """
    _require_dag(graph)
    order = nx.lexicographical_topological_sort(graph, key=_key(graph))
    stages = [sorted(s, key=_key(graph)) for s in nx.topological_generations(graph)]
    return ImplementationOrder(
        order=[entity(graph, n) for n in order],
        stages=[[entity(graph, n) for n in stage] for stage in stages],
        parameters=parameters_of(graph),
    )


def critical_path(graph: nx.DiGraph) -> Chain:
    """Return the longest dependency chain; ties go to the chain met first in id order.

    Raises
    ------
    DependencyCycle
        When the dependencies form a cycle.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("x", "c")], kind="depends-on")
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "measure", "label": n, "code": None}
    ...                            for n in g})
    >>> nx.set_edge_attributes(g, "depends-on", "kind")
    >>> [m.id for m in critical_path(g).measures]
    ['a', 'b', 'c']
    """
    _require_dag(graph)
    order = list(nx.lexicographical_topological_sort(graph, key=_key(graph)))
    path = nx.dag_longest_path(graph, weight=None, topo_order=order) if order else []
    return Chain(
        measures=[entity(graph, n) for n in path],
        kinds=[graph.edges[u, v]["kind"] for u, v in pairwise(path)],
        parameters=parameters_of(graph),
    )


def impact(graph: nx.DiGraph, measure: str) -> Reach:
    """Return every measure downstream of ``measure``: what it enables, transitively.

    If ``measure`` stalls, these are the measures that wait for it or act on it.

    Parameters
    ----------
    graph
        A dependency view.
    measure
        Id, ``measure/id`` or IRI of the measure.

    Raises
    ------
    UnknownEntity
        When no measure has that id.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "measure", "label": n, "code": None}
    ...                            for n in g})
    >>> [(r.measure.id, r.distance) for r in impact(g, "a").measures]
    [('b', 1), ('c', 2)]
    """
    return _reach(graph, measure, "downstream")


def prerequisites(graph: nx.DiGraph, measure: str) -> Reach:
    """Return every measure upstream of ``measure``: what must be in place first, transitively.

    Raises
    ------
    UnknownEntity
        When no measure has that id.

    Examples
    --------
    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "measure", "label": n, "code": None}
    ...                            for n in g})
    >>> [(r.measure.id, r.distance) for r in prerequisites(g, "c").measures]
    [('b', 1), ('a', 2)]
    """
    return _reach(graph, measure, "upstream")


def _reach(graph: nx.DiGraph, measure: str, direction: str) -> Reach:
    node = resolve(graph, measure, entity_type="measure")
    walk = graph if direction == "downstream" else graph.reverse(copy=False)
    distances = nx.single_source_shortest_path_length(walk, node)
    reached = sorted((d, graph.nodes[n]["id"], n) for n, d in distances.items() if n != node)
    return Reach(
        measure=entity(graph, node),
        direction=direction,
        measures=[Reached(entity(graph, n), d) for d, _, n in reached],
        parameters=parameters_of(graph),
    )


def backstops(graph: nx.DiGraph) -> list[Backstop]:
    """Return each backstop measure with the measures it is a fallback for, by id.

    Examples
    --------
    >>> g = nx.DiGraph()
    >>> g.add_edge("policy", "cap", kind="backstop-for")
    >>> nx.set_node_attributes(g, {n: {"id": n, "type": "measure", "label": n, "code": None}
    ...                            for n in g})
    >>> [(b.measure.id, [m.id for m in b.backs]) for b in backstops(g)]
    [('cap', ['policy'])]
    """
    backs: dict[str, list[str]] = {}
    for upstream, backstop, kind in graph.edges(data="kind"):
        if kind == "backstop-for":
            backs.setdefault(backstop, []).append(upstream)
    key = _key(graph)
    return [
        Backstop(
            measure=entity(graph, b),
            backs=[entity(graph, m) for m in sorted(backs[b], key=key)],
            parameters=parameters_of(graph),
        )
        for b in sorted(backs, key=key)
    ]
