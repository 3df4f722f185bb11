"""``policykg analyse`` commands on the measure dependency graph: order, impact, backstops."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.analysis_output import (
    Column,
    Format,
    FormatOpt,
    InferredOpt,
    emit,
    full_graph,
    reporting_errors,
)
from graph.analysis import dependencies, structure
from graph.analysis.views import dependency_view, tripartite_view
from graph.loading import load_graph
from graph.settings import get_settings


def order(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """Implementation order: every measure after its prerequisites, with its stage."""
    with reporting_errors():
        result = dependencies.implementation_order(
            dependency_view(full_graph(), include_inferred=inferred)
        )
    stage = {e.id: i for i, s in enumerate(result.stages, start=1) for e in s}
    columns: list[Column] = [
        ("#", lambda r: r[0]),
        ("stage", lambda r: stage[r[1].id]),
        ("measure", lambda r: r[1].id),
        ("label", lambda r: r[1].label),
    ]
    rows = list(enumerate(result.order, start=1))
    emit(result, rows, columns, fmt, title="Implementation order", params=result.parameters)


def critical_path(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """The longest chain of dependencies."""
    with reporting_errors():
        result = dependencies.critical_path(
            dependency_view(full_graph(), include_inferred=inferred)
        )
    kinds = ["", *result.kinds]
    columns: list[Column] = [
        ("step", lambda r: r[0] + 1),
        ("after", lambda r: kinds[r[0]]),
        ("measure", lambda r: r[1].id),
        ("label", lambda r: r[1].label),
    ]
    rows = list(enumerate(result.measures))
    emit(result, rows, columns, fmt, title="Critical path", params=result.parameters)


def _reach(which: str, measure: str, inferred: bool, fmt: Format) -> None:
    find = dependencies.impact if which == "impact" else dependencies.prerequisites
    with reporting_errors():
        result = find(dependency_view(full_graph(), include_inferred=inferred), measure)
    columns: list[Column] = [
        ("distance", lambda r: r.distance),
        ("measure", lambda r: r.measure.id),
        ("label", lambda r: r.measure.label),
    ]
    title = f"{which.capitalize()} of {result.measure.id} ({result.direction})"
    emit(result, result.measures, columns, fmt, title=title, params=result.parameters)


def impact(
    measure: Annotated[str, typer.Argument(help="Measure id.")],
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything downstream of a measure: what waits on it or acts if it fails."""
    _reach("impact", measure, inferred, fmt)


def prerequisites(
    measure: Annotated[str, typer.Argument(help="Measure id.")],
    inferred: InferredOpt = True,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Everything upstream of a measure: what must be in place first."""
    _reach("prerequisites", measure, inferred, fmt)


def backstops(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """Backstop measures and the measures they are a fallback for."""
    view = dependency_view(full_graph(), include_inferred=inferred)
    result = dependencies.backstops(view)
    columns: list[Column] = [
        ("backstop", lambda r: r.measure.id),
        ("backs", lambda r: ", ".join(e.id for e in r.backs)),
    ]
    params = view.graph["parameters"]
    emit(result, result, columns, fmt, title="Backstops", params=params)


def cycles() -> None:
    """Dependency cycles (data errors); exits 1 when there are any."""
    found = dependencies.find_dependency_cycles(load_graph(get_settings()))
    for cycle in found:
        typer.echo(" -> ".join([*cycle, cycle[0]]))
    if found:
        raise typer.Exit(code=1)
    typer.echo("no dependency cycles")


def coverage(inferred: InferredOpt = True, fmt: FormatOpt = Format.TABLE) -> None:
    """Measures no principle reaches (directly or through what they depend on)."""
    view = tripartite_view(full_graph(), include_inferred=inferred)
    result = structure.measures_without_principle(view)
    columns: list[Column] = [("measure", lambda e: e.id), ("label", lambda e: e.label)]
    params = view.graph["parameters"]
    emit(result, result, columns, fmt, title="Measures no principle reaches", params=params)


# -- influence and structure ----------------------------------------------------------------

COMMANDS = {
    "order": order,
    "critical-path": critical_path,
    "impact": impact,
    "prerequisites": prerequisites,
    "backstops": backstops,
    "cycles": cycles,
    "coverage": coverage,
}
