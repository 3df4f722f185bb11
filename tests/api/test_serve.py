"""``policykg serve`` is registered with its host and port options."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from cli.serve import register


def test_serve_command_offers_host_and_port_with_local_defaults() -> None:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command makes typer keep "serve" as a subcommand
        """Unused."""

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output
    assert "--port" in result.output and "8000" in result.output
