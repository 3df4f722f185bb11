"""``policykg analyse`` commands on bodies and connections: centrality, communities, paths."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.analysis_output import (
    Column,
    Format,
    FormatOpt,
    InferredOpt,
    Of,
    RoleOpt,
    RollUpOpt,
    SeedOpt,
    WeightingOpt,
    body_view,
    emit,
    full_graph,
    name,
    reporting_errors,
)
from graph.analysis import connections, influence, structure
from graph.analysis.views import Weighting, dependency_view


def centrality(
    of: Annotated[Of, typer.Option(help="Rank bodies (co-involvement) or measures.")] = Of.BODIES,
    rank: Annotated[
        influence.CentralityMeasure, typer.Option(help="Score to rank by.")
    ] = influence.CentralityMeasure.DEGREE,
    top: Annotated[int, typer.Option(help="Rows shown (0: all).")] = 0,
    weighting: WeightingOpt = Weighting.SHARED,
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    role: RoleOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Degree, betweenness, eigenvector and PageRank centrality."""
    if of is Of.BODIES:
        view = body_view(weighting, roll_up, inferred, role)
    else:
        view = dependency_view(full_graph(), include_inferred=inferred)
    result = influence.centrality(view, ranked_by=rank)
    columns: list[Column] = [
        ("entity", lambda r: name(r.entity)),
        ("strength", lambda r: r.strength),
        ("degree", lambda r: r.degree),
        ("betweenness", lambda r: r.betweenness),
        ("eigenvector", lambda r: r.eigenvector),
        ("pagerank", lambda r: r.pagerank),
    ]
    rows = result.rows[:top] if top else result.rows
    emit(result, rows, columns, fmt, title=f"Centrality of {of}", params=result.parameters)


def brokers(
    weighting: WeightingOpt = Weighting.SHARED,
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    role: RoleOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Bodies that broker between others (Burt's constraint and effective size)."""
    view = body_view(weighting, roll_up, inferred, role)
    result = influence.brokers(view)
    columns: list[Column] = [
        ("body", lambda r: name(r.entity)),
        ("constraint", lambda r: r.constraint),
        ("effective size", lambda r: r.effective_size),
    ]
    emit(result, result, columns, fmt, title="Brokers", params=view.graph["parameters"])


def weak_points(
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    role: RoleOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Single points of failure: articulation bodies and bridge links."""
    result = influence.weak_points(body_view(Weighting.SHARED, roll_up, inferred, role))
    rows = [("articulation point", name(e)) for e in result.articulation_points]
    rows += [("bridge", f"{name(u)} — {name(v)}") for u, v in result.bridges]
    columns: list[Column] = [("kind", lambda r: r[0]), ("where", lambda r: r[1])]
    emit(result, rows, columns, fmt, title="Weak points", params=result.parameters)


def communities(
    seed: SeedOpt = 0,
    resolution: Annotated[float, typer.Option(help="Louvain resolution.")] = 1.0,
    weighting: WeightingOpt = Weighting.SHARED,
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    role: RoleOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Communities of bodies (Louvain, fixed seed)."""
    view = body_view(weighting, roll_up, inferred, role)
    result = structure.communities(view, seed=seed, resolution=resolution)
    columns: list[Column] = [
        ("#", lambda r: r[0]),
        ("label", lambda r: r[1].label),
        ("size", lambda r: len(r[1].members)),
        ("members", lambda r: ", ".join(name(e) for e in r[1].members)),
    ]
    rows = list(enumerate(result.communities, start=1))
    title = f"Communities (modularity {result.modularity:.3f})"
    emit(result, rows, columns, fmt, title=title, params=result.parameters)


def components(
    roll_up: RollUpOpt = False, inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE
) -> None:
    """Connected components of the body co-involvement network."""
    result = structure.components(body_view(Weighting.SHARED, roll_up, inferred, None))
    columns: list[Column] = [
        ("#", lambda r: r[0]),
        ("size", lambda r: len(r[1])),
        ("bodies", lambda r: ", ".join(name(e) for e in r[1])),
    ]
    rows = list(enumerate(result.components, start=1))
    emit(result, rows, columns, fmt, title="Components", params=result.parameters)


def k_core(
    k: Annotated[int | None, typer.Option(help="Core order (default: the innermost).")] = None,
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """The k-core of the body co-involvement network."""
    result = structure.k_core(body_view(Weighting.SHARED, roll_up, inferred, None), k=k)
    columns: list[Column] = [("body", lambda e: name(e)), ("label", lambda e: e.label)]
    emit(result, result.members, columns, fmt, title=f"{result.k}-core", params=result.parameters)


# -- connections ----------------------------------------------------------------------------


def path(
    source: Annotated[str, typer.Argument(help="Id or body code.")],
    target: Annotated[str, typer.Argument(help="Id or body code.")],
    through: Annotated[
        list[str] | None, typer.Option(help="Entity types a path may pass (repeat).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Most paths shown.")] = 5,
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Shortest paths between two entities, each hop explained."""
    with reporting_errors():
        result = connections.shortest_paths(
            full_graph(),
            source,
            target,
            through=through or connections.DEFAULT_THROUGH,
            include_inferred=inferred,
            limit=limit,
        )
    rows = [(i, hop) for i, p in enumerate(result.paths, start=1) for hop in p.hops]
    columns: list[Column] = [("path", lambda r: r[0]), ("hop", lambda r: r[1].text)]
    title = f"Paths {name(result.source)} → {name(result.target)}: " + (
        f"{result.length} hops" if result.length is not None else "not connected"
    )
    if fmt is Format.TABLE:
        for p in result.paths:
            typer.echo(p.text)
    emit(result, rows, columns, fmt, title=title, params=result.parameters)


def ego(
    centre: Annotated[str, typer.Argument(help="Id or body code.")],
    depth: Annotated[int, typer.Option(min=1, help="Hops from the centre.")] = 1,
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything within --depth hops of an entity."""
    with reporting_errors():
        result = connections.ego_network(
            full_graph(), centre, depth=depth, include_inferred=inferred
        )
    columns: list[Column] = [
        ("distance", lambda m: m.distance),
        ("type", lambda m: m.entity.type),
        ("entity", lambda m: name(m.entity)),
        ("label", lambda m: m.entity.label),
    ]
    title = f"Ego network of {name(result.centre)}"
    emit(result, result.members, columns, fmt, title=title, params=result.parameters)


def unconnected(
    roll_up: RollUpOpt = False, inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE
) -> None:
    """Pairs of bodies that never share a measure, and bodies in no measure."""
    result = connections.unconnectedbody_view(body_view(Weighting.SHARED, roll_up, inferred, None))
    rows = [(name(u), name(v)) for u, v in result.pairs]
    rows += [(name(e), "(no measure)") for e in result.uninvolved]
    columns: list[Column] = [("body", lambda r: r[0]), ("never with", lambda r: r[1])]
    emit(result, rows, columns, fmt, title="Bodies that never meet", params=result.parameters)


COMMANDS = {
    "centrality": centrality,
    "brokers": brokers,
    "weak-points": weak_points,
    "communities": communities,
    "components": components,
    "k-core": k_core,
    "path": path,
    "ego": ego,
    "unconnected": unconnected,
}
