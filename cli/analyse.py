"""``policykg analyse``: the network analyses of :mod:`graph.analysis` as tables, JSON or CSV.

Each command loads the graph named by the settings, calls one library function and prints
its result; the API's ``/analysis`` routes call the same functions. Tables and CSV show
rows; JSON is the whole result, parameters included (tables show them in the caption,
CSV on stderr).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from typing import Annotated, Any

import networkx as nx
import typer
from rich.console import Console
from rich.table import Table

from graph.analysis import connections, dependencies, influence, structure
from graph.analysis.views import (
    Parameters,
    Weighting,
    body_projection,
    dependency_view,
    tripartite_view,
)
from graph.errors import PolicyKGError
from graph.loading import load_graph
from graph.projection import Entity, project
from graph.settings import get_settings

analyse_app = typer.Typer(
    name="analyse",
    help="Network analysis: dependencies, influence, structure and connections.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``analyse`` sub-command group to ``app``."""
    app.add_typer(analyse_app, name="analyse")


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class Of(StrEnum):
    BODIES = "bodies"
    MEASURES = "measures"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
WeightingOpt = Annotated[
    Weighting, typer.Option(help="Body-body weighting: shared measures, newman or jaccard.")
]
RollUpOpt = Annotated[
    bool, typer.Option("--roll-up", help="Merge sub-units (SE-RCC, VSH) into their parents.")
]
InferredOpt = Annotated[
    bool, typer.Option("--inferred/--stated-only", help="Include links the modellers inferred.")
]
RoleOpt = Annotated[
    list[str] | None, typer.Option("--role", help="Only involvement in these roles (repeat).")
]
SeedOpt = Annotated[int, typer.Option(help="Random seed, for reproducible results.")]

Column = tuple[str, Callable[[Any], object]]


# -- plumbing ------------------------------------------------------------------------------


@contextmanager
def _reporting_errors() -> Iterator[None]:
    try:
        yield
    except PolicyKGError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1) from exc


def _graph() -> nx.MultiDiGraph:
    return project(load_graph(get_settings()))


def _bodies(weighting: Weighting, roll_up: bool, inferred: bool, roles: list[str] | None):
    return body_projection(
        _graph(), weighting=weighting, roll_up=roll_up, include_inferred=inferred, roles=roles
    )


def _name(e: Entity) -> str:
    return e.code or e.id


def _describe(params: Parameters) -> str:
    shown = {k: v for k, v in asdict(params).items() if v is not None}
    return ", ".join(f"{k}={v}" for k, v in shown.items())


def _emit(
    result: object,
    rows: Sequence[object],
    columns: Sequence[Column],
    fmt: Format,
    *,
    title: str,
    params: Parameters,
) -> None:
    """Print ``result`` whole as JSON, or ``rows`` under ``columns`` as a table or CSV."""
    if fmt is Format.JSON:
        typer.echo(json.dumps(_plain(result), indent=2, ensure_ascii=False))
        return
    cells = [[_cell(get(row)) for _, get in columns] for row in rows]
    if fmt is Format.CSV:
        typer.echo(f"# {title}: {_describe(params)}", err=True)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        writer.writerows(cells)
        return
    table = Table(title=title, caption=_describe(params))
    for name, _ in columns:
        table.add_column(name)
    for row in cells:
        table.add_row(*row)
    Console().print(table)


def _plain(result: object) -> object:
    if isinstance(result, list):
        return [_plain(item) for item in result]
    return asdict(result)


def _cell(value: object) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


# -- dependencies --------------------------------------------------------------------------


@analyse_app.command()
def order(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """Implementation order: every measure after its prerequisites, with its stage."""
    with _reporting_errors():
        result = dependencies.implementation_order(
            dependency_view(_graph(), include_inferred=inferred)
        )
    stage = {e.id: i for i, s in enumerate(result.stages, start=1) for e in s}
    columns: list[Column] = [
        ("#", lambda r: r[0]),
        ("stage", lambda r: stage[r[1].id]),
        ("measure", lambda r: r[1].id),
        ("label", lambda r: r[1].label),
    ]
    rows = list(enumerate(result.order, start=1))
    _emit(result, rows, columns, fmt, title="Implementation order", params=result.parameters)


@analyse_app.command("critical-path")
def critical_path(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """The longest chain of dependencies."""
    with _reporting_errors():
        result = dependencies.critical_path(dependency_view(_graph(), include_inferred=inferred))
    kinds = ["", *result.kinds]
    columns: list[Column] = [
        ("step", lambda r: r[0] + 1),
        ("after", lambda r: kinds[r[0]]),
        ("measure", lambda r: r[1].id),
        ("label", lambda r: r[1].label),
    ]
    rows = list(enumerate(result.measures))
    _emit(result, rows, columns, fmt, title="Critical path", params=result.parameters)


def _reach(which: str, measure: str, inferred: bool, fmt: Format) -> None:
    find = dependencies.impact if which == "impact" else dependencies.prerequisites
    with _reporting_errors():
        result = find(dependency_view(_graph(), include_inferred=inferred), measure)
    columns: list[Column] = [
        ("distance", lambda r: r.distance),
        ("measure", lambda r: r.measure.id),
        ("label", lambda r: r.measure.label),
    ]
    title = f"{which.capitalize()} of {result.measure.id} ({result.direction})"
    _emit(result, result.measures, columns, fmt, title=title, params=result.parameters)


@analyse_app.command()
def impact(
    measure: Annotated[str, typer.Argument(help="Measure id.")],
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything downstream of a measure: what waits on it or acts if it fails."""
    _reach("impact", measure, inferred, fmt)


@analyse_app.command()
def prerequisites(
    measure: Annotated[str, typer.Argument(help="Measure id.")],
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything upstream of a measure: what must be in place first."""
    _reach("prerequisites", measure, inferred, fmt)


@analyse_app.command()
def backstops(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """Backstop measures and the measures they are a fallback for."""
    view = dependency_view(_graph(), include_inferred=inferred)
    result = dependencies.backstops(view)
    columns: list[Column] = [
        ("backstop", lambda r: r.measure.id),
        ("backs", lambda r: ", ".join(e.id for e in r.backs)),
    ]
    params = view.graph["parameters"]
    _emit(result, result, columns, fmt, title="Backstops", params=params)


@analyse_app.command()
def cycles() -> None:
    """Dependency cycles (data errors); exits 1 when there are any."""
    found = dependencies.find_dependency_cycles(load_graph(get_settings()))
    for cycle in found:
        typer.echo(" -> ".join([*cycle, cycle[0]]))
    if found:
        raise typer.Exit(code=1)
    typer.echo("no dependency cycles")


@analyse_app.command()
def coverage(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """Measures no principle reaches (directly or through what they depend on)."""
    view = tripartite_view(_graph(), include_inferred=inferred)
    result = structure.measures_without_principle(view)
    columns: list[Column] = [("measure", lambda e: e.id), ("label", lambda e: e.label)]
    params = view.graph["parameters"]
    _emit(result, result, columns, fmt, title="Measures no principle reaches", params=params)


# -- influence and structure ----------------------------------------------------------------


@analyse_app.command()
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
        view = _bodies(weighting, roll_up, inferred, role)
    else:
        view = dependency_view(_graph(), include_inferred=inferred)
    result = influence.centrality(view, ranked_by=rank)
    columns: list[Column] = [
        ("entity", lambda r: _name(r.entity)),
        ("strength", lambda r: r.strength),
        ("degree", lambda r: r.degree),
        ("betweenness", lambda r: r.betweenness),
        ("eigenvector", lambda r: r.eigenvector),
        ("pagerank", lambda r: r.pagerank),
    ]
    rows = result.rows[:top] if top else result.rows
    _emit(result, rows, columns, fmt, title=f"Centrality of {of}", params=result.parameters)


@analyse_app.command()
def brokers(
    weighting: WeightingOpt = Weighting.SHARED,
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    role: RoleOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Bodies that broker between others (Burt's constraint and effective size)."""
    view = _bodies(weighting, roll_up, inferred, role)
    result = influence.brokers(view)
    columns: list[Column] = [
        ("body", lambda r: _name(r.entity)),
        ("constraint", lambda r: r.constraint),
        ("effective size", lambda r: r.effective_size),
    ]
    _emit(result, result, columns, fmt, title="Brokers", params=view.graph["parameters"])


@analyse_app.command("weak-points")
def weak_points(
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    role: RoleOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Single points of failure: articulation bodies and bridge links."""
    result = influence.weak_points(_bodies(Weighting.SHARED, roll_up, inferred, role))
    rows = [("articulation point", _name(e)) for e in result.articulation_points]
    rows += [("bridge", f"{_name(u)} — {_name(v)}") for u, v in result.bridges]
    columns: list[Column] = [("kind", lambda r: r[0]), ("where", lambda r: r[1])]
    _emit(result, rows, columns, fmt, title="Weak points", params=result.parameters)


@analyse_app.command()
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
    view = _bodies(weighting, roll_up, inferred, role)
    result = structure.communities(view, seed=seed, resolution=resolution)
    columns: list[Column] = [
        ("#", lambda r: r[0]),
        ("label", lambda r: r[1].label),
        ("size", lambda r: len(r[1].members)),
        ("members", lambda r: ", ".join(_name(e) for e in r[1].members)),
    ]
    rows = list(enumerate(result.communities, start=1))
    title = f"Communities (modularity {result.modularity:.3f})"
    _emit(result, rows, columns, fmt, title=title, params=result.parameters)


@analyse_app.command()
def components(
    roll_up: RollUpOpt = False, inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE
) -> None:
    """Connected components of the body co-involvement network."""
    result = structure.components(_bodies(Weighting.SHARED, roll_up, inferred, None))
    columns: list[Column] = [
        ("#", lambda r: r[0]),
        ("size", lambda r: len(r[1])),
        ("bodies", lambda r: ", ".join(_name(e) for e in r[1])),
    ]
    rows = list(enumerate(result.components, start=1))
    _emit(result, rows, columns, fmt, title="Components", params=result.parameters)


@analyse_app.command("k-core")
def k_core(
    k: Annotated[int | None, typer.Option(help="Core order (default: the innermost).")] = None,
    roll_up: RollUpOpt = False,
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """The k-core of the body co-involvement network."""
    result = structure.k_core(_bodies(Weighting.SHARED, roll_up, inferred, None), k=k)
    columns: list[Column] = [("body", lambda e: _name(e)), ("label", lambda e: e.label)]
    _emit(result, result.members, columns, fmt, title=f"{result.k}-core", params=result.parameters)


# -- connections ----------------------------------------------------------------------------


@analyse_app.command()
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
    with _reporting_errors():
        result = connections.shortest_paths(
            _graph(),
            source,
            target,
            through=through or connections.DEFAULT_THROUGH,
            include_inferred=inferred,
            limit=limit,
        )
    rows = [(i, hop) for i, p in enumerate(result.paths, start=1) for hop in p.hops]
    columns: list[Column] = [("path", lambda r: r[0]), ("hop", lambda r: r[1].text)]
    title = f"Paths {_name(result.source)} → {_name(result.target)}: " + (
        f"{result.length} hops" if result.length is not None else "not connected"
    )
    if fmt is Format.TABLE:
        for p in result.paths:
            typer.echo(p.text)
    _emit(result, rows, columns, fmt, title=title, params=result.parameters)


@analyse_app.command()
def ego(
    centre: Annotated[str, typer.Argument(help="Id or body code.")],
    depth: Annotated[int, typer.Option(min=1, help="Hops from the centre.")] = 1,
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything within --depth hops of an entity."""
    with _reporting_errors():
        result = connections.ego_network(_graph(), centre, depth=depth, include_inferred=inferred)
    columns: list[Column] = [
        ("distance", lambda m: m.distance),
        ("type", lambda m: m.entity.type),
        ("entity", lambda m: _name(m.entity)),
        ("label", lambda m: m.entity.label),
    ]
    title = f"Ego network of {_name(result.centre)}"
    _emit(result, result.members, columns, fmt, title=title, params=result.parameters)


@analyse_app.command()
def unconnected(
    roll_up: RollUpOpt = False, inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE
) -> None:
    """Pairs of bodies that never share a measure, and bodies in no measure."""
    result = connections.unconnected_bodies(_bodies(Weighting.SHARED, roll_up, inferred, None))
    rows = [(_name(u), _name(v)) for u, v in result.pairs]
    rows += [(_name(e), "(no measure)") for e in result.uninvolved]
    columns: list[Column] = [("body", lambda r: r[0]), ("never with", lambda r: r[1])]
    _emit(result, rows, columns, fmt, title="Bodies that never meet", params=result.parameters)
