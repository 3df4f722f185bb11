"""Reloading the data is atomic: bad data is refused with file/line or focus node, and
the previous graph keeps serving."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import REPO_ROOT, Settings

REAL_DATA = REPO_ROOT / "data"
GRAPH_FIXTURES = Path(__file__).resolve().parents[1] / "data" / "graph"
LOOPBACK = ("127.0.0.1", 51000)

EXTRA_BODY = """
@prefix pkg: <https://w3id.org/policykg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/policykg/id/body/reload-test-body> a pkg:Body ;
    rdfs:label "Reload test body" ; skos:notation "RELOADED" .
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the real data (which conforms to the shapes)."""
    target = tmp_path / "data"
    target.mkdir()
    for path in REAL_DATA.glob("*.ttl"):
        shutil.copy(path, target / path.name)
    return target


def app_client(data_dir: Path, *, enabled: bool, client=LOOPBACK) -> TestClient:
    settings = Settings(data_dir=data_dir, admin_reload=enabled, query_timeout=5)
    return TestClient(create_app(settings), client=client)


@pytest.fixture
def client(data_dir: Path) -> Iterator[TestClient]:
    with app_client(data_dir, enabled=True) as test_client:
        yield test_client


def test_reload_is_off_by_default(data_dir: Path) -> None:
    with app_client(data_dir, enabled=False) as test_client:
        response = test_client.post("/admin/reload")
    assert response.status_code == 404


def test_reload_is_refused_to_clients_off_loopback(data_dir: Path) -> None:
    with app_client(data_dir, enabled=True, client=("203.0.113.9", 4000)) as test_client:
        response = test_client.post("/admin/reload")
    assert response.status_code == 404


def test_reload_serves_the_new_data_with_a_new_version(client: TestClient, data_dir: Path) -> None:
    before = client.get("/health").json()
    (data_dir / "extra.ttl").write_text(EXTRA_BODY)
    response = client.post("/admin/reload")
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["previous_version"] == before["data_version"] != result["data_version"]
    assert client.get("/health").json()["triples"] == before["triples"] + 3 == result["triples"]
    assert client.get("/bodies/RELOADED").json()["code"] == "RELOADED"
    assert client.get("/health").json()["worker_snapshot"] == "memory"  # ready before the swap
    query = "ASK { ?b <http://www.w3.org/2004/02/skos/core#notation> 'RELOADED' }"
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True


def test_a_file_with_a_syntax_error_is_refused_and_the_old_graph_keeps_serving(
    client: TestClient, data_dir: Path
) -> None:
    before = _served(client)
    shutil.copy(GRAPH_FIXTURES / "broken.ttl", data_dir / "broken.ttl")
    response = client.post("/admin/reload")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_data"
    assert "broken.ttl:7" in response.json()["error"]["message"]
    assert _served(client) == before
    assert client.get("/measures").status_code == 200


def test_a_shape_violation_is_refused_naming_the_focus_node(
    client: TestClient, data_dir: Path
) -> None:
    before = _served(client)
    shutil.copy(GRAPH_FIXTURES / "violating.ttl", data_dir / "violating.ttl")
    response = client.post("/admin/reload")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "shape_violations"
    assert "measure/no-principle" in error["message"]
    assert _served(client) == before


def test_reload_command_reloads_a_running_server_and_reports_a_refusal(data_dir: Path) -> None:
    from typer.testing import CliRunner

    from cli.main import app
    from tests.servers import running_server

    runner = CliRunner()
    with running_server(data_dir, admin_reload="true") as base:
        (data_dir / "extra.ttl").write_text(EXTRA_BODY)
        done = runner.invoke(app, ["reload", "--server", base])
        assert done.exit_code == 0, done.output
        assert "reloaded: data version" in done.output
        shutil.copy(GRAPH_FIXTURES / "broken.ttl", data_dir / "broken.ttl")
        refused = runner.invoke(app, ["reload", "--server", base])
        assert refused.exit_code == 1
        assert "broken.ttl:7" in refused.output
        assert "still serving" in refused.output


def _served(client: TestClient) -> tuple[int, str]:
    """What /health says of the data served: its size and version."""
    health = client.get("/health").json()
    return health["triples"], health["data_version"]
