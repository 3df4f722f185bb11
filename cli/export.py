"""``policykg export``: write the graph, or a focused part of it, in one export format.

The command loads the graph named by the settings and calls
:func:`graph.export.export`, as ``GET /export`` does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.errors import PolicyKGError
from graph.export import FORMATS, FormatName, Scope, export
from graph.export.scope import split_types
from graph.loading import load_graph
from graph.settings import get_settings

err = Console(stderr=True)

_FORMAT_HELP = "; ".join(f"{name}: {f.description}" for name, f in FORMATS.items())


def export_command(
    fmt: Annotated[FormatName, typer.Option("--format", "-f", help=_FORMAT_HELP)],
    focus: Annotated[
        str | None, typer.Option(help="Keep the ego network of this entity (id, code or IRI).")
    ] = None,
    depth: Annotated[int, typer.Option(min=0, help="Links from --focus to keep.")] = 1,
    body: Annotated[
        str | None, typer.Option(help="Keep everything this body touches (id or code).")
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option("--types", help="Keep only these node types (repeat, or comma-separate)."),
    ] = None,
    inferred: Annotated[
        bool, typer.Option("--inferred/--no-inferred", help="Keep links the modellers inferred.")
    ] = True,
    with_ontology: Annotated[
        bool, typer.Option("--with-ontology", help="Add the ontology (RDF formats).")
    ] = False,
    construct: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="File of a SPARQL CONSTRUCT to export."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout when omitted.")
    ] = None,
) -> None:
    """Export the graph (or a part of it) as RDF, a graph file or tables."""
    try:
        scope = Scope(
            focus=focus,
            depth=depth,
            body=body,
            types=split_types(types),
            inferred=inferred,
            ontology=with_ontology,
            construct=construct.read_text(encoding="utf-8") if construct else None,
        )
        result = export(load_graph(get_settings()), fmt.value, scope)
    except PolicyKGError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    counts = (
        f"{result.triples} triples"
        if result.triples is not None
        else f"{result.nodes} nodes, {result.edges} edges"
    )
    if output is None:
        sys.stdout.buffer.write(result.content)
        sys.stdout.flush()
    else:
        output.write_bytes(result.content)
        err.print(f"wrote {output} ({result.format.name}, {counts})")


def register(app: typer.Typer) -> None:
    """Add the ``export`` command to ``app``."""
    app.command(name="export")(export_command)
