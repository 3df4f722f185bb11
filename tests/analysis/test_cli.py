"""``policykg analyse`` through typer's runner, on a data folder holding the fixture."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
import typer
from typer.testing import CliRunner

from cli.analyse import register
from graph.settings import get_settings
from tests.analysis.conftest import FIXTURES


@pytest.fixture
def run(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "programme.ttl", tmp_path)
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, ["analyse", *args])
    get_settings.cache_clear()


def test_impact_lists_the_backstop(run):
    result = run("impact", "rcc-legislation")
    assert result.exit_code == 0, result.output
    assert "rcc-backstop" in result.output
    assert "include_inferred=True" in result.output


def test_path_prints_the_explanation(run):
    result = run("path", "NHSE", "Ofsted")
    assert result.exit_code == 0, result.output
    assert "NHSE ←delivery partner— Pilot of the complex needs provision —pilot of→" in (
        result.output
    )


def test_json_output_is_the_library_result(run):
    result = run("order", "--format", "json")
    body = json.loads(result.stdout)
    assert body["order"][-1]["id"] == "unique-child-identifier"
    assert body["parameters"]["view"] == "dependencies"


def test_csv_output_has_a_header_and_one_row_per_body(run):
    result = run("centrality", "--format", "csv", "--roll-up")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["entity"] == "DfE"
    assert "SE-RCC" not in {r["entity"] for r in rows}


def test_ego_and_communities_run(run):
    assert run("ego", "Ofsted", "--depth", "2").exit_code == 0
    assert run("communities", "--seed", "1").exit_code == 0


def test_unknown_entity_exits_with_a_message(run):
    result = run("impact", "no-such-measure")
    assert result.exit_code == 1
    assert "no-such-measure" in result.output


def test_cycles_exit_one_when_the_data_has_one(run, tmp_path):
    assert run("cycles").exit_code == 0
    shutil.copy(FIXTURES / "cycle.ttl", tmp_path)
    result = run("cycles")
    assert result.exit_code == 1
    assert "rcc-backstop -> rcc-legislation -> rcc-pathfinders -> rcc-backstop" in result.output
