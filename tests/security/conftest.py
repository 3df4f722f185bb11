"""Fixtures for the security tests: the app over a fixture graph, in-process and as real
uvicorn processes (the promises about time limits and connections are about the wire).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from api.app import create_app
from graph.settings import Settings
from tests.api.conftest import FIXTURE_DATA
from tests.servers import running_server

HOSTILE_DATA = Path(__file__).resolve().parents[1] / "data" / "security"
"""A fixture graph whose labels, quotes and source sentences are HTML and script."""

QUERY_TIMEOUT = 2.0
MAX_ROWS = 200


@pytest.fixture(scope="session")
def fixture_settings() -> Settings:
    """The API fixture graph with a 2 s query limit and a 200-row cap."""
    return Settings(data_dir=FIXTURE_DATA, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS)


@pytest.fixture(scope="module")
def app(fixture_settings: Settings) -> Iterator[FastAPI]:
    """The app over the API fixture graph; its query workers are stopped afterwards."""
    application = create_app(fixture_settings)
    yield application
    application.state.runner.close()


@pytest.fixture(scope="session")
def attack_server() -> Iterator[str]:
    """A real server over the API fixture graph with a 2 s query limit."""
    with running_server(FIXTURE_DATA, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS) as base:
        yield base


@pytest.fixture(scope="session")
def hostile_server() -> Iterator[str]:
    """A real server over the hostile fixture graph."""
    with running_server(HOSTILE_DATA, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS) as base:
        yield base
