"""CLI commands over the graph itself: validate, stats, query, anchor."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table

from graph.analysis.dependencies import find_dependency_cycles
from graph.anchors import anchors_ntriples, compute_anchors
from graph.errors import PolicyKGError, QueryRejected
from graph.loading import load_graph
from graph.settings import REPO_ROOT, get_settings
from graph.stats import graph_stats
from graph.validation import validate_store

console = Console()
err = Console(stderr=True)


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


def _load():
    try:
        return load_graph(get_settings())
    except PolicyKGError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def validate() -> None:
    """Check the data against the SHACL shapes and the dependency rules; exit 1 on violations."""
    store = _load()
    report = validate_store(store, get_settings(), cycle_finder=find_dependency_cycles)
    for issue in report.issues:
        colour = "red" if issue.severity == "Violation" else "yellow"
        err.print(f"[{colour}]{issue.severity}[/{colour}] {issue.focus} {issue.path or ''}")
        err.print(f"    {issue.message}")
    console.print(
        f"{report.violation_count} violations, {report.warning_count} warnings "
        f"in {store.triple_count()} triples (data version {store.data_version})"
    )
    if not report.conforms:
        raise typer.Exit(1)


def stats(
    fmt: Annotated[TableFormat, typer.Option("--format", help="table or json")] = TableFormat.table,
) -> None:
    """Counts per class, measures per body and per principle."""
    result = graph_stats(_load())
    if fmt is TableFormat.json:
        console.print_json(json.dumps(result.as_dict()))
        return
    console.print(f"{result.triples} triples, data version {result.data_version}")
    for title, counts in (
        ("Entities per class", result.classes),
        ("Measures per body", result.measures_per_body),
        ("Measures per principle", result.measures_per_principle),
    ):
        table = Table(title=title)
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, count in counts.items():
            table.add_row(name, str(count))
        console.print(table)


_RESULT_FORMATS = {
    TableFormat.json: ox.QueryResultsFormat.JSON,
    TableFormat.csv: ox.QueryResultsFormat.CSV,
    TableFormat.tsv: ox.QueryResultsFormat.TSV,
}


def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @file.rq to read one.")],
    fmt: Annotated[TableFormat, typer.Option("--format", help="table, json, csv or tsv")] = (
        TableFormat.table
    ),
) -> None:
    """Run a SPARQL query against the graph (read-only) and print the result."""
    text = Path(sparql[1:]).read_text(encoding="utf-8") if sparql.startswith("@") else sparql
    store = _load()
    try:
        result = store.query(text)
    except QueryRejected as exc:
        err.print(f"[red]query error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if isinstance(result, ox.QueryTriples):
        sys.stdout.write(result.serialize(format=ox.RdfFormat.TURTLE).decode())
        return
    if fmt is not TableFormat.table:
        sys.stdout.write(result.serialize(format=_RESULT_FORMATS[fmt]).decode())
        return
    if isinstance(result, ox.QueryBoolean):
        console.print(str(bool(result)).lower())
        return
    names = [v.value for v in result.variables]
    table = Table(*names)
    count = 0
    for solution in result:
        table.add_row(*(_cell(solution[n]) for n in names))
        count += 1
    console.print(table)
    console.print(f"{count} rows")


def _cell(term: object) -> str:
    return "" if term is None else getattr(term, "value", str(term))


def anchor(
    output: Annotated[Path, typer.Option("-o", help="File to write.")] = REPO_ROOT
    / "data"
    / "anchors.ttl",
) -> None:
    """Recompute the Web Annotation anchors of every source sentence into data/anchors.ttl."""
    store = _load()
    try:
        anchors = compute_anchors(store, REPO_ROOT)
    except PolicyKGError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    output.write_text(anchors_ntriples(anchors), encoding="utf-8")
    console.print(f"{len(anchors)} anchors written to {output}")


def register(app: typer.Typer) -> None:
    """Add the graph commands to the ``policykg`` app."""
    for command in (validate, stats, query, anchor):
        app.command()(command)
