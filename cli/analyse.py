"""``policykg analyse``: the network analyses of :mod:`graph.analysis` as tables, JSON or CSV.

Each command loads the graph named by the settings, calls one library function and prints
its result; the API's ``/analysis`` routes call the same functions.
"""

from __future__ import annotations

import typer

from cli import analyse_dependencies, analyse_network

analyse_app = typer.Typer(
    name="analyse",
    help="Network analysis: dependencies, influence, structure and connections.",
    no_args_is_help=True,
)
for _name, _command in {**analyse_dependencies.COMMANDS, **analyse_network.COMMANDS}.items():
    analyse_app.command(_name)(_command)


def register(app: typer.Typer) -> None:
    """Add the ``analyse`` sub-command group to ``app``."""
    app.add_typer(analyse_app, name="analyse")
