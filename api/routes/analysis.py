"""``GET /analysis/...``: the network analyses of :mod:`graph.analysis` as JSON.

Each route picks a view through a typed dependency and calls one library function; the
response models are the library's result dataclasses, so the OpenAPI schema and the CLI's
``--format json`` describe the same objects. Routes are plain ``def``: graph algorithms are
CPU-bound and run in the worker pool. :class:`~graph.errors.UnknownEntity` and
:class:`~graph.analysis.dependencies.DependencyCycle` propagate to the app's error handler.
"""

from __future__ import annotations

from typing import Annotated

import networkx as nx
from fastapi import APIRouter, Depends, Query

from api.deps import StoreDep
from graph.analysis import connections, dependencies, influence, structure
from graph.analysis.views import Weighting, body_projection, dependency_view, tripartite_view
from graph.projection import Entity, project

router = APIRouter(prefix="/analysis", tags=["analysis"])

Inferred = Annotated[bool, Query(description="Include links the modellers inferred.")]

MAX_RESOLUTION = 1000.0
"""Largest Louvain resolution accepted; near float's limit the modularity overflows to NaN."""


def full_graph(store: StoreDep) -> nx.MultiDiGraph:
    """The projected graph of the serving store (cached per data version)."""
    return project(store)


GraphDep = Annotated[nx.MultiDiGraph, Depends(full_graph)]


def dependencies_view(graph: GraphDep, include_inferred: Inferred = True) -> nx.DiGraph:
    """The measure dependency view, as the query asks."""
    return dependency_view(graph, include_inferred=include_inferred)


def bodies_view(
    graph: GraphDep,
    weighting: Annotated[Weighting, Query(description="Body-body weighting.")] = (Weighting.SHARED),
    roll_up: Annotated[bool, Query(description="Merge sub-units into their parents.")] = False,
    include_inferred: Inferred = True,
    role: Annotated[list[str] | None, Query(description="Only these roles.")] = None,
) -> nx.Graph:
    """The body co-involvement view, as the query asks."""
    return body_projection(
        graph, weighting=weighting, roll_up=roll_up, include_inferred=include_inferred, roles=role
    )


DependencyDep = Annotated[nx.DiGraph, Depends(dependencies_view)]
BodiesDep = Annotated[nx.Graph, Depends(bodies_view)]


# -- dependencies --------------------------------------------------------------------------


@router.get("/order", response_model=dependencies.ImplementationOrder)
def order(view: DependencyDep) -> dependencies.ImplementationOrder:
    """Measures in implementation order, and in stages that can proceed in parallel."""
    return dependencies.implementation_order(view)


@router.get("/critical-path", response_model=dependencies.Chain)
def critical_path(view: DependencyDep) -> dependencies.Chain:
    """The longest chain of dependencies."""
    return dependencies.critical_path(view)


@router.get("/impact/{measure}", response_model=dependencies.Reach)
def impact(view: DependencyDep, measure: str) -> dependencies.Reach:
    """Everything downstream of a measure."""
    return dependencies.impact(view, measure)


@router.get("/prerequisites/{measure}", response_model=dependencies.Reach)
def prerequisites(view: DependencyDep, measure: str) -> dependencies.Reach:
    """Everything upstream of a measure."""
    return dependencies.prerequisites(view, measure)


@router.get("/backstops", response_model=list[dependencies.Backstop])
def backstops(view: DependencyDep) -> list[dependencies.Backstop]:
    """Backstop measures and what they back."""
    return dependencies.backstops(view)


@router.get("/cycles", response_model=list[list[str]])
def cycles(store: StoreDep) -> list[list[str]]:
    """Dependency cycles (data errors): measure ids, each depending on the next."""
    return dependencies.find_dependency_cycles(store)


@router.get("/coverage", response_model=list[Entity])
def coverage(graph: GraphDep, include_inferred: Inferred = True) -> list[Entity]:
    """Measures no principle reaches."""
    view = tripartite_view(graph, include_inferred=include_inferred)
    return structure.measures_without_principle(view)


# -- influence and structure ----------------------------------------------------------------


@router.get("/centrality", response_model=influence.CentralityTable)
def centrality(
    view: BodiesDep,
    ranked_by: influence.CentralityMeasure = influence.CentralityMeasure.DEGREE,
) -> influence.CentralityTable:
    """Centrality of bodies in the co-involvement network."""
    return influence.centrality(view, ranked_by=ranked_by)


@router.get("/centrality/measures", response_model=influence.CentralityTable)
def measure_centrality(
    view: DependencyDep,
    ranked_by: influence.CentralityMeasure = influence.CentralityMeasure.DEGREE,
) -> influence.CentralityTable:
    """Centrality of measures in the dependency network."""
    return influence.centrality(view, ranked_by=ranked_by)


@router.get("/brokers", response_model=list[influence.Broker])
def brokers(view: BodiesDep) -> list[influence.Broker]:
    """Bodies ranked as brokers (Burt's constraint, effective size)."""
    return influence.brokers(view)


@router.get("/weak-points", response_model=influence.WeakPoints)
def weak_points(view: BodiesDep) -> influence.WeakPoints:
    """Articulation bodies and bridge links."""
    return influence.weak_points(view)


@router.get("/communities", response_model=structure.Communities)
def communities(
    view: BodiesDep,
    seed: int = 0,
    resolution: Annotated[
        float, Query(gt=0, le=MAX_RESOLUTION, description="Louvain resolution.")
    ] = 1.0,
) -> structure.Communities:
    """Louvain communities of bodies (reproducible for a seed)."""
    return structure.communities(view, seed=seed, resolution=resolution)


@router.get("/components", response_model=structure.Components)
def components(view: BodiesDep) -> structure.Components:
    """Connected components of the body network."""
    return structure.components(view)


@router.get("/k-core", response_model=structure.Core)
def k_core(view: BodiesDep, k: Annotated[int | None, Query(ge=0)] = None) -> structure.Core:
    """The k-core of the body network (the innermost by default)."""
    return structure.k_core(view, k=k)


# -- connections ----------------------------------------------------------------------------


@router.get("/path", response_model=connections.Paths)
def path(
    graph: GraphDep,
    source: Annotated[str, Query(alias="from", description="Id or body code.")],
    target: Annotated[str, Query(alias="to", description="Id or body code.")],
    through: Annotated[list[str] | None, Query(description="Entity types allowed.")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 5,
    include_inferred: Inferred = True,
) -> connections.Paths:
    """Shortest paths between two entities, each hop explained."""
    return connections.shortest_paths(
        graph,
        source,
        target,
        through=through or connections.DEFAULT_THROUGH,
        include_inferred=include_inferred,
        limit=limit,
    )


@router.get("/ego/{centre}", response_model=connections.Ego)
def ego(
    graph: GraphDep,
    centre: str,
    depth: Annotated[int, Query(ge=1, le=5)] = 1,
    include_inferred: Inferred = True,
) -> connections.Ego:
    """Everything within ``depth`` hops of an entity."""
    return connections.ego_network(graph, centre, depth=depth, include_inferred=include_inferred)


@router.get("/unconnected", response_model=connections.Unconnected)
def unconnected(view: BodiesDep) -> connections.Unconnected:
    """Pairs of bodies that never share a measure."""
    return connections.unconnected_bodies(view)
