"""Fixtures: the API over the hand-built fixture graph, in-process and as a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import REPO_ROOT, Settings

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(**env: str) -> Iterator[str]:
    """Run a real uvicorn process with extra ``POLICYKG_*`` environment; yield its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=REPO_ROOT,
        env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """A real uvicorn process serving the fixture graph; yields its base URL."""
    with running_server(
        POLICYKG_DATA_DIR=str(FIXTURE_DATA),
        POLICYKG_QUERY_TIMEOUT=str(QUERY_TIMEOUT),
        POLICYKG_MAX_ROWS=str(MAX_ROWS),
    ) as base:
        yield base


def _wait_until_up(process: subprocess.Popen[bytes], base: str) -> None:
    for _ in range(600):
        try:
            if httpx.get(base + "/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"uvicorn exited with {process.returncode}")
    raise RuntimeError("uvicorn did not come up")
