"""Shared plumbing of the ``policykg analyse`` commands: options, loading and output.

Tables and CSV show rows; JSON is the whole result, parameters included (tables show
them in the caption, CSV on stderr).
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

from graph.analysis.views import Parameters, Weighting, body_projection
from graph.errors import PolicyKGError
from graph.loading import load_graph
from graph.projection import Entity, project
from graph.settings import get_settings


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


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn a domain error into a red message and exit code 1."""
    try:
        yield
    except PolicyKGError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1) from exc


def full_graph() -> nx.MultiDiGraph:
    """The projected graph of the data named by the settings."""
    return project(load_graph(get_settings()))


def body_view(weighting: Weighting, roll_up: bool, inferred: bool, roles: list[str] | None):
    """The body co-involvement view with the command's weighting, roll-up and filters."""
    return body_projection(
        full_graph(), weighting=weighting, roll_up=roll_up, include_inferred=inferred, roles=roles
    )


def name(e: Entity) -> str:
    """An entity as a person reads it in a table: its code, else its id."""
    return e.code or e.id


def describe(params: Parameters) -> str:
    """The parameters a result was computed with, as ``key=value`` pairs."""
    shown = {k: v for k, v in asdict(params).items() if v is not None}
    return ", ".join(f"{k}={v}" for k, v in shown.items())


def emit(
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
        typer.echo(json.dumps(plain(result), indent=2, ensure_ascii=False))
        return
    cells = [[cell(get(row)) for _, get in columns] for row in rows]
    if fmt is Format.CSV:
        typer.echo(f"# {title}: {describe(params)}", err=True)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        writer.writerows(cells)
        return
    table = Table(title=title, caption=describe(params))
    for name, _ in columns:
        table.add_column(name)
    for row in cells:
        table.add_row(*row)
    Console().print(table)


def plain(result: object) -> object:
    """A result (or list of results) as JSON-ready dicts."""
    if isinstance(result, list):
        return [plain(item) for item in result]
    return asdict(result)


def cell(value: object) -> str:
    """A table or CSV cell: floats to four places."""
    return f"{value:.4f}" if isinstance(value, float) else str(value)
