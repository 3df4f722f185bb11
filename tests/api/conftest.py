"""Fixtures: the API over the hand-built fixture graph, in-process and as a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from tests.servers import running_server

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "data" / "api"
QUERY_TIMEOUT = 2.0
MAX_ROWS = 200


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Fixture graph, a 2 s query limit and a 200-row cap."""
    return Settings(data_dir=FIXTURE_DATA, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS)


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """The app over the fixture graph, through ASGI."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A real uvicorn process serving the fixture graph; yields its base URL."""
    with running_server(FIXTURE_DATA, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS) as base:
        yield base
