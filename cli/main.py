"""The ``policykg`` command line: one typer app gathering each concern's commands."""

from __future__ import annotations

import typer

from cli import analyse, graph_commands, serve
from cli import export as export_cli

app = typer.Typer(
    name="policykg",
    help="PolicyKG: a knowledge graph of UK children's social care policy.",
    no_args_is_help=True,
    add_completion=False,
)
graph_commands.register(app)
analyse.register(app)
serve.register(app)
export_cli.register(app)

if __name__ == "__main__":
    app()
