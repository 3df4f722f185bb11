"""The focused views of the projected graph that analysis runs on.

Each view is derived from :func:`graph.projection.project`'s graph, frozen and cached per
full graph and parameters (so per data version), and records the :class:`Parameters` it
was built with in ``view.graph["parameters"]``; analysis results report them.

- :func:`dependency_view`: the measure dependency DAG, prerequisite -> dependant;
- :func:`involvement_view`: the measure-body bipartite graph;
- :func:`body_projection`: the body-body co-involvement graph, weighted;
- :func:`tripartite_view`: principle -> measure -> body.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

import networkx as nx
from networkx.algorithms import bipartite

__all__ = [
    "Parameters",
    "Weighting",
    "as_undirected",
    "body_projection",
    "dependency_view",
    "involvement_view",
    "parameters_of",
    "tripartite_view",
]


class Weighting(StrEnum):
    """How the body-body projection weighs a pair of bodies."""

    SHARED = "shared"
    """Number of measures both bodies are involved in."""
    NEWMAN = "newman"
    """Newman's collaboration weighting: each shared measure counts 1/(bodies on it - 1)."""
    JACCARD = "jaccard"
    """Shared measures over the measures of either body."""


@dataclass(frozen=True)
class Parameters:
    """The choices a result depends on; every analysis result carries one."""

    view: str
    include_inferred: bool = True
    weighting: Weighting | None = None
    roll_up: bool | None = None
    roles: tuple[str, ...] | None = None
    seed: int | None = None
    resolution: float | None = None
    betweenness_sample: int | None = None
    depth: int | None = None


_VIEWS: weakref.WeakKeyDictionary[nx.Graph, dict[Parameters, nx.Graph]] = (
    weakref.WeakKeyDictionary()
)


def _cached(graph: nx.Graph, params: Parameters, build: Callable[[], nx.Graph]) -> nx.Graph:
    views = _VIEWS.setdefault(graph, {})
    if params not in views:
        view = build()
        view.graph["parameters"] = params
        views[params] = nx.freeze(view)
    return views[params]


def _copy_nodes(target: nx.Graph, graph: nx.Graph, types: Iterable[str]) -> None:
    wanted = set(types)
    target.add_nodes_from((n, a) for n, a in graph.nodes(data=True) if a["type"] in wanted)


def dependency_view(graph: nx.MultiDiGraph, *, include_inferred: bool = True) -> nx.DiGraph:
    """Return the measure dependency graph, edges pointing from prerequisite to dependant.

    An edge ``u -> v`` means v depends on u (``v pkg:dependsOn u`` or a sub-property), so a
    topological order is an implementation order, descendants are a measure's impact and
    ancestors its prerequisites. Edges carry ``predicate``, ``kind`` (``depends-on``,
    ``backstop-for``, ``informed-by``, ``pilot-of``), ``label`` and ``inferred``; where a
    pair has several, the stated and more specific one is kept. The graph should be a DAG;
    see :func:`graph.analysis.dependencies.find_cycles`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("m1", type="measure"); g.add_node("m2", type="measure")
    >>> g.add_edge("m2", "m1", predicate="pkg:backstopFor", label="backstop for", inferred=False)
    0
    >>> list(dependency_view(g).edges(data="kind"))
    [('m1', 'm2', 'backstop-for')]
    """
    params = Parameters(view="dependencies", include_inferred=include_inferred)

    def build() -> nx.DiGraph:
        view = nx.DiGraph()
        _copy_nodes(view, graph, ["measure"])
        for s, o, attrs in graph.edges(data=True):
            kind = _DEPENDENCY_KINDS.get(attrs["predicate"])
            if kind is None or s not in view or o not in view:
                continue
            if attrs["inferred"] and not include_inferred:
                continue
            rank = (attrs["inferred"], kind == "depends-on")
            old = view.get_edge_data(o, s)
            if old is None or rank < (old["inferred"], old["kind"] == "depends-on"):
                view.add_edge(o, s, kind=kind, **attrs)
        return view

    return _cached(graph, params, build)


_DEPENDENCY_KINDS = {
    "pkg:dependsOn": "depends-on",
    "pkg:backstopFor": "backstop-for",
    "pkg:informedBy": "informed-by",
    "pkg:pilotOf": "pilot-of",
}


def _parents(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Map each body to its top-most parent along ``org:subOrganizationOf``."""
    direct = {
        s: o
        for s, o, p in graph.edges(data="predicate")
        if p == "org:subOrganizationOf" and graph.nodes[o]["type"] == "body"
    }

    def top(body: str, seen: frozenset[str] = frozenset()) -> str:
        parent = direct.get(body)
        return body if parent is None or parent in seen else top(parent, seen | {body})

    return {body: top(body) for body in direct}


def involvement_view(
    graph: nx.MultiDiGraph,
    *,
    include_inferred: bool = True,
    roll_up: bool = False,
    roles: Iterable[str] | None = None,
) -> nx.Graph:
    """Return the bipartite measure-body graph (``bipartite`` is 0 for measures, 1 for bodies).

    Each edge carries ``roles`` (sorted role notations) and ``inferred`` (true when every
    link behind it is inferred). With ``roll_up`` a sub-unit (``org:subOrganizationOf``)
    is merged into its top-most parent, as SE-RCC into RCC; ``roles`` keeps only links with
    those roles. Bodies involved in no measure are kept, unconnected.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, t in [("m", "measure"), ("b", "body"), ("u", "body")]:
    ...     g.add_node(n, type=t)
    >>> g.add_edge("m", "u", predicate="pkg:ledBy", role="lead", inferred=False)
    0
    >>> g.add_edge("u", "b", predicate="org:subOrganizationOf", role=None, inferred=False)
    0
    >>> sorted(involvement_view(g, roll_up=True).edges())
    [('m', 'b')]
    """
    role_set = tuple(sorted(roles)) if roles else None
    params = Parameters(
        view="involvement", include_inferred=include_inferred, roll_up=roll_up, roles=role_set
    )

    def build() -> nx.Graph:
        view = nx.Graph()
        parent = _parents(graph) if roll_up else {}
        for n, a in graph.nodes(data=True):
            if a["type"] in {"measure", "body"} and n not in parent:
                view.add_node(n, **a, bipartite=0 if a["type"] == "measure" else 1)
        for s, o, a in graph.edges(data=True):
            if graph.nodes[s]["type"] != "measure" or graph.nodes[o]["type"] != "body":
                continue
            if (a["inferred"] and not include_inferred) or (role_set and a["role"] not in role_set):
                continue
            body = parent.get(o, o)
            old = view.get_edge_data(s, body, {"roles": (), "inferred": True})
            view.add_edge(
                s,
                body,
                roles=tuple(sorted({*old["roles"], a["role"] or "involved"})),
                inferred=old["inferred"] and a["inferred"],
            )
        return view

    return _cached(graph, params, build)


def body_projection(
    graph: nx.MultiDiGraph,
    *,
    weighting: Weighting = Weighting.SHARED,
    include_inferred: bool = True,
    roll_up: bool = False,
    roles: Iterable[str] | None = None,
) -> nx.Graph:
    """Return the body-body co-involvement graph: bodies linked when they share a measure.

    The projection of :func:`involvement_view` onto bodies. Edges carry ``weight``
    (per ``weighting``, see :class:`Weighting`), ``distance`` (``1 / weight``, for path
    measures where a strong tie is a short one) and ``measures`` (the shared measures'
    ids, sorted). Both ``weighting`` and ``roll_up`` change results, so they are
    recorded in ``graph["parameters"]``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, t in [("m1", "measure"), ("m2", "measure"), ("a", "body"), ("b", "body")]:
    ...     g.add_node(n, type=t, id=n)
    >>> for m, b in [("m1", "a"), ("m1", "b"), ("m2", "a"), ("m2", "b")]:
    ...     _ = g.add_edge(m, b, predicate="pkg:ledBy", role="lead", inferred=False)
    >>> body_projection(g)["a"]["b"]["weight"]
    2
    >>> body_projection(g, weighting=Weighting.JACCARD)["a"]["b"]["weight"]
    1.0
    """
    weighting = Weighting(weighting)
    involvement = involvement_view(
        graph, include_inferred=include_inferred, roll_up=roll_up, roles=roles
    )
    params = Parameters(
        view="bodies",
        include_inferred=include_inferred,
        weighting=weighting,
        roll_up=roll_up,
        roles=involvement.graph["parameters"].roles,
    )

    def build() -> nx.Graph:
        bodies = [n for n, a in involvement.nodes(data=True) if a["bipartite"] == 1]
        project_with = {
            Weighting.SHARED: bipartite.weighted_projected_graph,
            Weighting.NEWMAN: bipartite.collaboration_weighted_projected_graph,
            Weighting.JACCARD: bipartite.overlap_weighted_projected_graph,
        }[weighting]
        view = project_with(involvement, bodies)
        for u, v, a in view.edges(data=True):
            shared = set(involvement[u]) & set(involvement[v])
            a["measures"] = tuple(sorted(involvement.nodes[m]["id"] for m in shared))
            a["distance"] = 1 / a["weight"]
        return view

    return _cached(graph, params, build)


def tripartite_view(graph: nx.MultiDiGraph, *, include_inferred: bool = True) -> nx.DiGraph:
    """Return the principle -> measure -> body graph (``layer`` 0, 1, 2).

    Principle -> measure edges come from ``pkg:servesPrinciple``; measure -> measure edges
    from dependencies (prerequisite -> dependant, as in :func:`dependency_view`), so a
    measure that builds on one serving a principle is reached from that principle;
    measure -> body edges from involvement, carrying ``roles``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, t in [("p", "principle"), ("m", "measure"), ("b", "body")]:
    ...     g.add_node(n, type=t)
    >>> _ = g.add_edge("m", "p", predicate="pkg:servesPrinciple", role=None, inferred=False)
    >>> _ = g.add_edge("m", "b", predicate="pkg:ledBy", role="lead", inferred=False)
    >>> list(nx.topological_sort(tripartite_view(g)))
    ['p', 'm', 'b']
    """
    params = Parameters(view="tripartite", include_inferred=include_inferred)

    def build() -> nx.DiGraph:
        view = nx.DiGraph()
        layers = {"principle": 0, "measure": 1, "body": 2}
        for n, a in graph.nodes(data=True):
            if a["type"] in layers:
                view.add_node(n, **a, layer=layers[a["type"]])
        for s, o, a in graph.edges(data=True):
            stated = include_inferred or not a["inferred"]
            if a["predicate"] == "pkg:servesPrinciple" and o in view and s in view and stated:
                view.add_edge(o, s, predicate=a["predicate"], inferred=a["inferred"])
        dependencies = dependency_view(graph, include_inferred=include_inferred)
        view.add_edges_from(dependencies.edges(data=True))
        involvement = involvement_view(graph, include_inferred=include_inferred)
        for m, b, a in involvement.edges(data=True):
            view.add_edge(*((m, b) if involvement.nodes[m]["bipartite"] == 0 else (b, m)), **a)
        return view

    return _cached(graph, params, build)


def parameters_of(graph: nx.Graph, **changes: object) -> Parameters:
    """Return the :class:`Parameters` a view was built with, with ``changes`` applied.

    >>> parameters_of(nx.Graph(), seed=7).seed
    7
    """
    return replace(graph.graph.get("parameters", Parameters(view="graph")), **changes)


def as_undirected(graph: nx.Graph) -> nx.Graph:
    """Return ``graph`` read as undirected (a view, not a copy).

    >>> as_undirected(nx.DiGraph([(1, 2)])).has_edge(2, 1)
    True
    """
    return graph.to_undirected(as_view=True) if graph.is_directed() else graph
