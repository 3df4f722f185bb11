"""The app factory: one FastAPI app built from one settings object.

``create_app(settings)`` loads the graph, starts the query workers on startup and
stops them on shutdown; tests build apps with their own settings.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.admission import Admission
from api.errors import error_response, install_error_handlers
from api.routes import (
    admin,
    analysis,
    bodies,
    documents,
    explorer,
    export,
    health,
    legislation,
    linked_data,
    measures,
    principles,
    queries,
    search,
    sparql,
)
from api.security import SecurityHeaders
from api.serving import make_runner
from graph.canned import load_canned
from graph.loading import load_graph
from graph.settings import Settings, get_settings
from graph.store import Store

ROUTERS = (
    measures, bodies, principles, legislation, documents, search, health,
    sparql, queries, linked_data, analysis, export, explorer, admin,
)  # fmt: skip


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the PolicyKG API.

    Parameters
    ----------
    settings
        Data paths, limits and CORS; read from ``POLICYKG_*`` when omitted.
    store
        A loaded store to serve instead of loading ``settings``' data folder.

    Raises
    ------
    InvalidData
        When a data file does not parse.
    """
    settings = settings or get_settings()
    store = store if store is not None else load_graph(settings)

    app = FastAPI(
        title="PolicyKG",
        summary="A knowledge graph of UK children's social care policy.",
        version="0.1.0",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.store, app.state.runner = store, make_runner(store, settings)
    app.state.canned = load_canned(settings.queries_dir)
    app.state.admission = Admission.from_settings(settings)
    for module in ROUTERS:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=explorer.STATIC_DIR), name="static")
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET"])
    app.add_middleware(SecurityHeaders)
    app.openapi = partial(_openapi, app)  # type: ignore[method-assign]
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the query workers with the server and stop them with it."""
    app.state.runner.start()
    yield
    app.state.runner.close()


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema plus one documented path per canned query."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, summary=app.summary, routes=app.routes
        )
        schema["paths"].update(queries.openapi_paths(app.state.canned))
        app.openapi_schema = schema
    return app.openapi_schema


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"request body is larger than the limit of {self.max_bytes} bytes"
        await error_response(413, "body_too_large", message)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass
