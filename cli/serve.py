"""`policykg serve` runs the API; `policykg reload` asks a running server to reload."""

from __future__ import annotations

import httpx
import typer
import uvicorn
from rich.console import Console

from api.app import create_app
from graph.settings import get_settings

err = Console(stderr=True)


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the graph: resource endpoints, /sparql, /queries, linked data and the explorer."""
    uvicorn.run(create_app(get_settings()), host=host, port=port)


def reload(
    server: str = typer.Option("http://127.0.0.1:8000", help="Base URL of the running server."),
) -> None:
    """Make a running server (started with POLICYKG_ADMIN_RELOAD=true) reload its data.

    The server validates the new data first; on failure it keeps serving the old graph
    and this command prints why (file and line, or focus nodes) and exits 1.
    """
    try:
        response = httpx.post(f"{server.rstrip('/')}/admin/reload", timeout=120)
    except httpx.HTTPError as exc:
        err.print(f"[red]error:[/red] cannot reach {server}: {exc}")
        raise typer.Exit(2) from exc
    if response.status_code == 404:
        err.print("[red]error:[/red] reloading is disabled (set POLICYKG_ADMIN_RELOAD=true)")
        raise typer.Exit(2)
    body = response.json()
    if response.status_code != 200:
        err.print(f"[red]refused:[/red] {body['error']['message']}")
        err.print("The previous graph is still serving.")
        raise typer.Exit(1)
    typer.echo(
        f"reloaded: data version {body['previous_version']} -> {body['data_version']}, "
        f"{body['triples']} triples"
    )


def register(app: typer.Typer) -> None:
    """Add the ``serve`` and ``reload`` commands to ``app``."""
    app.command("serve")(serve)
    app.command("reload")(reload)
