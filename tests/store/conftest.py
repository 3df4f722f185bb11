"""Fixtures: a real ``oxigraph serve`` on loopback, and the API over other engines.

The server is the ``oxigraph`` command of the ``oxigraph`` package on PyPI, started in
memory on a free 127.0.0.1 port; the fixture graph is loaded into it through its update
endpoint by PolicyKG's own loader (``sparql:URL update=URL``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from tests.servers import free_port

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "data" / "api"
QUERY_TIMEOUT = 2.0
MAX_ROWS = 200


def oxigraph_command() -> str:
    """The ``oxigraph`` server command installed beside this interpreter (or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[str]:
    """A real, empty, in-memory ``oxigraph serve`` on loopback; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_command(), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/query", params={"query": "ASK {}"}).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            try:
                process.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        else:
            raise RuntimeError("oxigraph serve did not come up")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def api_settings(store: str) -> Settings:
    """The API test settings (fixture graph, 2 s limit, 200-row cap) over ``store``."""
    return Settings(
        data_dir=FIXTURE_DATA, store=store, query_timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS
    )


@pytest.fixture(scope="module")
def remote_client(oxigraph_server: str) -> Iterator[TestClient]:
    """The API over the oxigraph server, after loading the fixture graph into it."""
    spec = f"sparql:{oxigraph_server}/query update={oxigraph_server}/update"
    with TestClient(create_app(api_settings(spec))) as client:
        yield client


@pytest.fixture(scope="module")
def memory_client() -> Iterator[TestClient]:
    """The API over the default in-memory store, to compare answers with."""
    with TestClient(create_app(api_settings("memory"))) as client:
        yield client
