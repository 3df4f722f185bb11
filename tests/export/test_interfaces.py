"""The export through its interfaces: GET /export, ``policykg export`` and the release task."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import typer
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.errors import install_error_handlers
from api.routes.export import router
from cli.export import register
from graph.export import FORMATS
from graph.settings import REPO_ROOT, Settings, get_settings
from graph.store import Store
from tests.export.conftest import SMALL


@pytest.fixture(scope="module")
def client(small: Store) -> TestClient:
    app = FastAPI()
    app.state.store = small
    app.state.settings = Settings()
    app.include_router(router)
    install_error_handlers(app)
    return TestClient(app)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_get_export_answers_with_the_media_type_and_a_file_name(
    client: TestClient, name: str
) -> None:
    fmt = FORMATS[name]
    response = client.get("/export", params={"format": name})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == fmt.media_type
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="policykg.{fmt.extension}"'
    assert response.content


def test_get_export_of_an_ego_network_names_the_scope_in_the_file_name(
    client: TestClient,
) -> None:
    response = client.get(
        "/export",
        params={"format": "ntriples", "focus": "ofsted", "depth": 1, "inferred": "false"},
    )
    assert response.status_code == 200
    assert "policykg-ofsted-depth1-stated.nt" in response.headers["content-disposition"]
    triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    assert "https://w3id.org/policykg/id/body/ofsted" in subjects
    assert "https://w3id.org/policykg/id/body/dfe" not in subjects


def test_get_export_with_types_filters_the_graph(client: TestClient) -> None:
    response = client.get("/export", params={"format": "nodelink", "types": "measure,body"})
    nodes = json.loads(response.content)["nodes"]
    assert {node["type"] for node in nodes} == {"measure", "body"}


def test_get_export_of_an_unknown_entity_is_404_and_unknown_format_422(
    client: TestClient,
) -> None:
    missing = client.get("/export", params={"format": "turtle", "focus": "nobody"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "unknown_entity"
    assert client.get("/export", params={"format": "docx"}).status_code == 422
    bad_types = client.get("/export", params={"format": "turtle", "types": "planet"})
    assert bad_types.status_code == 400


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(SMALL, folder)
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def cli() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    return app


def test_cli_export_writes_the_file_asked_for(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ofsted.graphml"
    result = CliRunner().invoke(
        cli(), ["export", "--format", "graphml", "--focus", "ofsted", "--depth", "1", "-o", out]
    )
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    assert set(graph) == {
        "https://w3id.org/policykg/id/body/ofsted",
        "https://w3id.org/policykg/id/measure/market-oversight",
    }


def test_cli_export_to_stdout_with_ontology(data_dir: Path) -> None:
    result = CliRunner().invoke(cli(), ["export", "--format", "turtle", "--with-ontology"])
    assert result.exit_code == 0, result.output
    assert "pkg:Measure a owl:Class" in result.stdout


def test_cli_export_of_an_unknown_entity_exits_2_with_a_message(data_dir: Path) -> None:
    result = CliRunner().invoke(cli(), ["export", "--format", "turtle", "--focus", "nobody"])
    assert result.exit_code == 2
    assert "nobody" in result.output


def test_release_task_writes_every_format_with_a_manifest_of_counts(
    data_dir: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "release_exports.py"), "--out", str(dist)],
        check=True,
        capture_output=True,
    )
    manifest = json.loads((dist / "manifest.json").read_text())
    assert {entry["format"] for entry in manifest["files"]} == set(FORMATS)
    for entry in manifest["files"]:
        content = (dist / entry["file"]).read_bytes()
        if entry["format"] in {"turtle", "ntriples", "nquads"}:
            rdf_format = {
                "turtle": ox.RdfFormat.TURTLE,
                "ntriples": ox.RdfFormat.N_TRIPLES,
                "nquads": ox.RdfFormat.N_QUADS,
            }[entry["format"]]
            assert len(list(ox.parse(content, format=rdf_format))) == entry["triples"]
            assert entry["triples"] == manifest["store_triples"]
        if entry["format"] == "graphml":
            graph = nx.read_graphml(io.BytesIO(content))
            assert (graph.number_of_nodes(), graph.number_of_edges()) == (
                entry["nodes"],
                entry["edges"],
            )
    names = [entry["file"] for entry in manifest["files"]]
    assert len(names) == len(set(names))
