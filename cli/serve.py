"""``policykg serve``: run the API with uvicorn."""

from __future__ import annotations

import typer
import uvicorn

from api.app import create_app
from graph.settings import get_settings


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the graph: resource endpoints, /sparql, /queries and linked data."""
    uvicorn.run(create_app(get_settings()), host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command("serve")(serve)
