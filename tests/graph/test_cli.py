"""The `policykg` graph commands, run through typer's runner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from graph.settings import get_settings

runner = CliRunner()
FIXTURES = Path(__file__).parent.parent / "data"


def invoke_on(data_dir: Path, monkeypatch, files: list[Path], *args: str):
    """Run the CLI with POLICYKG_DATA_DIR pointing at a folder holding copies of ``files``."""
    for path in files:
        (data_dir / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("POLICYKG_DATA_DIR", str(data_dir))
    get_settings.cache_clear()
    try:
        return runner.invoke(app, list(args))
    finally:
        get_settings.cache_clear()


def test_validate_reports_zero_violations_and_exits_zero() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output


def test_validate_exits_one_and_names_the_focus_node_on_a_violation(
    tmp_path: Path, monkeypatch
) -> None:
    result = invoke_on(tmp_path, monkeypatch, [FIXTURES / "graph" / "violating.ttl"], "validate")
    assert result.exit_code == 1
    assert "measure/no-principle" in result.output
    assert "at least one principle" in result.output


def test_a_broken_data_file_is_refused_with_file_and_line(tmp_path: Path, monkeypatch) -> None:
    result = invoke_on(tmp_path, monkeypatch, [FIXTURES / "graph" / "broken.ttl"], "stats")
    assert result.exit_code == 2
    assert "broken.ttl:7" in result.output


def test_stats_as_json_counts_measures_principles_and_bodies() -> None:
    result = runner.invoke(app, ["stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["classes"]["Measure"] == 35
    assert stats["classes"]["Principle"] == 4
    assert stats["measures_per_body"]["Ofsted"] == 4


def test_query_prints_csv_with_a_header_row() -> None:
    sparql = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?code WHERE { ?b skos:notation ?code } ORDER BY ?code"
    )
    result = runner.invoke(app, ["query", sparql, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["code"]
    assert ["Ofsted"] in rows


def test_query_reads_a_file_given_with_at(tmp_path: Path) -> None:
    query = tmp_path / "count.rq"
    query.write_text(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#> "
        "SELECT (COUNT(?m) AS ?n) WHERE { ?m a pkg:Measure }"
    )
    result = runner.invoke(app, ["query", f"@{query}", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"][0]["n"]["value"] == "35"


def test_a_malformed_query_exits_two_with_the_parser_message() -> None:
    result = runner.invoke(app, ["query", "SELEKT ?x WHERE { ?x ?p ?o }"])
    assert result.exit_code == 2
    assert "query error" in result.output


def test_validate_reports_a_dependency_cycle_as_a_violation(tmp_path: Path, monkeypatch) -> None:
    files = [FIXTURES / "analysis" / "programme.ttl", FIXTURES / "analysis" / "cycle.ttl"]
    result = invoke_on(tmp_path, monkeypatch, files, "validate")
    assert result.exit_code == 1
    assert "Dependency cycle" in result.output
