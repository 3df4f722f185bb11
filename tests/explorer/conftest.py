"""Fixtures for the explorer's browser tests: a real uvicorn server and Debian's Chromium.

The server is the app from :func:`api.app.create_app`, with the explorer router and the
``/static`` mount added when the factory does not include them yet, behind a
Content-Security-Policy without ``'unsafe-inline'`` so an inline script or style would
show up as a console error.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from playwright.sync_api import Browser, ConsoleMessage, Page
from starlette.routing import NoMatchFound
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.app import create_app
from api.routes import explorer
from graph.settings import REPO_ROOT, Settings
from graph.store import Store

ARTIFACTS = REPO_ROOT / "test-artifacts" / "explorer"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class ContentSecurityPolicy:
    """Add a strict ``Content-Security-Policy`` header to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", CSP.encode()),
                ]
            await send(message)

        await self.app(scope, receive, with_header if scope["type"] == "http" else send)


def explorer_app(settings: Settings, store: Store) -> FastAPI:
    """The service's app, plus the explorer and ``/static`` if the factory lacks them."""
    app = create_app(settings, store=store)
    try:
        app.url_path_for("explorer_page")
    except NoMatchFound:
        app.include_router(explorer.router)
    try:
        app.url_path_for("static", path="explorer/explorer.js")
    except NoMatchFound:
        app.mount("/static", StaticFiles(directory=explorer.STATIC_DIR), name="static")
    app.add_middleware(ContentSecurityPolicy)
    return app


@pytest.fixture(scope="session")
def base_url(settings: Settings, store: Store) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, serving the explorer."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    # Listening before uvicorn starts lets early connections wait in the backlog.
    sock.listen(64)
    port = sock.getsockname()[1]
    config = uvicorn.Config(explorer_app(settings, store), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()
    sock.close()


@dataclass
class ExplorerPage:
    """A browser page with the console errors it logged."""

    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)

    def open(self, fragment: str = "") -> Page:
        """Load the explorer (with a URL fragment) and wait until the graph is drawn."""
        self.page.goto(f"{self.base_url}/{fragment}")
        self.page.wait_for_selector("body[data-ready='true']")
        return self.page

    def visible_nodes(self) -> int:
        """How many nodes the graph draws now (the page keeps the count on ``#cy``)."""
        return int(self.page.get_attribute("#cy", "data-visible-nodes") or "-1")

    def cy(self, expression: str) -> Any:
        """Evaluate ``expression`` in the page with ``cy``, the Cytoscape.js instance, bound."""
        return self.page.evaluate(
            f"(() => {{ const cy = window.policykg.cy; return {expression}; }})()"
        )

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.fixture
def explorer_page(browser: Browser, base_url: str) -> Iterator[ExplorerPage]:
    """A fresh 1280x800 page; the test fails if the page logged any console error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    wrapped = ExplorerPage(page, base_url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            wrapped.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: wrapped.errors.append(str(error)))
    yield wrapped
    context.close()
    assert wrapped.errors == [], f"console errors: {wrapped.errors}"
