"""The benchmark's report (scripts/benchmarks/report.py, ratios.py, targets.py) from fixed
results: the tables, the ratios between engines, and the verdicts on the targets."""

from __future__ import annotations

import doctest
import json

import pytest
from benchmarks import engines, load_driver, memory, targets
from benchmarks.engines import auto_snapshot
from benchmarks.ratios import ratios
from benchmarks.report import markdown, to_json
from benchmarks.results import (
    AGGREGATE,
    JOIN,
    OXI_DISK,
    OXI_MEMORY,
    PKG_DISK,
    PKG_MEMORY,
    RDFLIB,
    REST_QUERIES,
    InProcess,
    Load,
    SizeResult,
    Startup,
)
from benchmarks.targets import Verdict

# p50 with 1 client, p50 with 8 clients, req/s with 8 clients
FIGURES = {
    (PKG_MEMORY, JOIN): (1.5, 6.0, 1000.0),
    (PKG_DISK, JOIN): (3.0, 12.0, 500.0),
    (OXI_MEMORY, JOIN): (1.0, 3.0, 4000.0),
    (OXI_DISK, JOIN): (1.2, 4.0, 3000.0),
    (RDFLIB, JOIN): (3.0, 12.0, 400.0),
    (PKG_MEMORY, AGGREGATE): (10.0, 40.0, 200.0),
    (PKG_DISK, AGGREGATE): (50.0, 200.0, 40.0),
    (OXI_MEMORY, AGGREGATE): (10.0, 40.0, 200.0),
    (OXI_DISK, AGGREGATE): (40.0, 160.0, 50.0),
    (RDFLIB, AGGREGATE): (250.0, 1000.0, 8.0),
    (PKG_MEMORY, REST_QUERIES[0]): (4.0, 8.0, 900.0),
    (PKG_MEMORY, REST_QUERIES[1]): (6.0, 12.0, 600.0),
}


def _result(size: str = "seed", triples: int = 3_260) -> SizeResult:
    result = SizeResult(size, triples, auto_snapshot(triples))
    for engine, ready, pss in (
        (PKG_MEMORY, 1.0, 700.0),
        (PKG_DISK, 1.2, 300.0),
        (OXI_MEMORY, 0.1, 50.0),
        (OXI_DISK, 0.1, 20.0),
        (RDFLIB, 0.6, 70.0),
    ):
        startup = Startup(engine, 0.5, ready, peak_rss_mb=2 * pss, peak_pss_mb=pss)
        result.startups.append(startup)
    for (engine, query), (single, crowd, throughput) in FIGURES.items():
        rows = None if query in REST_QUERIES else 1
        result.loads += [
            Load(engine, query, 1, 100, 0, single, 2 * single, 1000 / single, 1, rows),
            Load(engine, query, 8, 800, 0, crowd, 2 * crowd, throughput, 8, rows),
        ]
    result.in_process = InProcess(
        export_turtle_s=0.2,
        export_graphml_s=0.1,
        projection_s=0.05,
        centrality_s=0.1,
        communities_s=0.01,
        guard_first_ms=0.011,
        guard_repeat_ms=0.010,
        runner_ms=0.25,
        direct_ms=0.1,
        isolation_ms=0.15,
    )
    return result


def _lines(result: SizeResult, group: str) -> list[str]:
    return [v.line() for v in dict(targets.targets(result))[group]]


def test_ratios_divide_policykg_by_each_engine_on_the_same_query() -> None:
    join = ratios(_result(), PKG_MEMORY, JOIN)
    assert join.single_vs_oxigraph_memory == pytest.approx(1.5)
    assert join.crowd_vs_oxigraph_memory == pytest.approx(2.0)
    assert join.crowd_vs_oxigraph_disk == pytest.approx(1.5)
    assert join.single_speedup_vs_rdflib == pytest.approx(2.0)
    assert join.throughput_vs_rdflib == pytest.approx(2.5)
    scan = ratios(_result(), PKG_DISK, AGGREGATE)
    assert scan.single_vs_oxigraph_memory == pytest.approx(5.0)
    assert scan.single_speedup_vs_rdflib == pytest.approx(5.0)


def test_a_ratio_against_an_engine_that_was_not_measured_is_none() -> None:
    result = _result()
    result.loads = [x for x in result.loads if x.engine != RDFLIB]
    join = ratios(result, PKG_MEMORY, JOIN)
    assert join.throughput_vs_rdflib is None
    assert join.single_speedup_vs_rdflib is None
    assert join.single_vs_oxigraph_memory == pytest.approx(1.5)


def test_verdict_says_met_or_missed_and_the_multiple_of_the_target() -> None:
    assert Verdict("x", "s", 6.0, 2.0, at_most=True).line() == (
        "x ≤ 2x (s): 6.00x — MISSED, 3.00x the target"
    )
    assert Verdict("x", "s", 2.5, 2.0, at_most=False).line() == (
        "x ≥ 2x (s): 2.50x — met, 1.25x the target"
    )
    assert Verdict("m", "s", 900.0, 600.0, at_most=True, unit=" MB").line() == (
        "m ≤ 600 MB (s): 900 MB — MISSED, 1.50x the target"
    )
    assert Verdict("b", "s", 2.0, 2.0, at_most=True).met


def test_targets_per_variant_use_ratios_in_the_right_direction() -> None:
    lines = _lines(_result(), PKG_MEMORY)
    assert "cold start (ready) ≤ 1.5 s (PERFORMANCE.md): 1.00 s — met, 0.67x the target" in lines
    prefix = "sparql join: req/s ÷ rdflib-endpoint's, 8 clients"
    assert f"{prefix} ≥ 20x (issue 7): 2.50x — MISSED, 0.12x the target" in lines
    assert f"{prefix} ≥ 2x (PERFORMANCE.md, point queries): 2.50x — met, 1.25x the target" in lines
    single = "sparql join: p50 ÷ in-memory `oxigraph serve`'s, 1 client ≤ 1.5x"
    assert f"{single} (PERFORMANCE.md, point queries): 1.50x — met, 1.00x the target" in lines
    crowd = "sparql join: p50 ÷ in-memory `oxigraph serve`'s, 8 clients ≤ 1.5x"
    assert f"{crowd} (PERFORMANCE.md, point queries): 2.00x — MISSED, 1.33x the target" in lines
    speedup = "sparql aggregate: rdflib-endpoint's p50 ÷ PolicyKG's, 1 client ≥ 20x"
    assert f"{speedup} (PERFORMANCE.md, scans): 25.00x — met, 1.25x the target" in lines


def test_safety_machinery_is_the_repeated_guard_plus_isolation() -> None:
    (line,) = _lines(_result(), "both variants")
    assert line.startswith("safety machinery per request")
    assert ": 0.160 ms — met, 0.80x the target" in line
    assert "isolation 0.150 ms" in line


def test_million_targets_appear_only_at_a_million_triples() -> None:
    assert not any("10^6" in x for x in _lines(_result(), PKG_MEMORY))
    big = _result("1000000", 1_354_349)
    memory_lines = _lines(big, PKG_MEMORY)
    assert "ready at 10^6 ≤ 5 s (PERFORMANCE.md): 1.00 s — met, 0.20x the target" in memory_lines
    assert (
        "peak PSS serving 10^6 ≤ 600 MB (PERFORMANCE.md): 700 MB — MISSED, 1.17x the target"
        in memory_lines
    )
    assert (
        "peak PSS serving 10^6 ≤ 1536 MB (issue: 1.5 GB): 700 MB — met, 0.46x the target"
        in memory_lines
    )
    rest = [x for x in memory_lines if x.startswith("GET ")]
    assert len(rest) == 4  # two routes, 8 clients and 1 client
    assert (
        "GET /bodies/{id}/measures at 10^6: p50, 8 clients ≤ 5 ms (issue): 12.00 ms — MISSED, "
        "2.40x the target" in rest
    )
    disk_lines = _lines(big, PKG_DISK)
    assert not any(x.startswith("GET ") for x in disk_lines)  # REST measured once
    assert any("600 MB (PERFORMANCE.md): 300 MB — met" in x for x in disk_lines)
    assert any(x.startswith("load of 10^6 in process ≤ 10 s") for x in _lines(big, "both variants"))


def test_auto_snapshot_is_disk_from_the_threshold() -> None:
    assert auto_snapshot(99, threshold=100) == "memory"
    assert auto_snapshot(100, threshold=100) == "disk"


def test_markdown_explains_its_columns_and_has_one_row_per_engine_and_query() -> None:
    result = _result()
    result.failures.append(f"{PKG_DISK}: RuntimeError: server exited with 1")
    report = markdown([result], duration=2)
    assert "peak PSS (MB)" in report
    assert "*Peak PSS* is the largest sum of proportional set size" in report
    assert "sum of VmHWM" in report
    assert "**1 client** sends requests back to back for 2 s" in report
    assert "the default `POLICYKG_WORKER_SNAPSHOT=auto` picks **memory**" in report
    assert f"- {PKG_DISK}: RuntimeError: server exited with 1" in report
    rows = [x for x in report.splitlines() if x.startswith(f"| {PKG_MEMORY} | sparql join |")]
    assert rows == [
        f"| {PKG_MEMORY} | sparql join | 1 | 1.50 | 3.00 | 100 | 0 | 6.00 | 12.00 | 1000 | 800 "
        "| 0 | 8 |",
        f"| {PKG_MEMORY} | sparql join | 1.50x | 2.00x | 1.50x | 2.00x | 2.50x |",
    ]
    in_process = "| PolicyKG | 0.20 | 0.05 | 0.10 | 0.10 | 0.01 | 0.011 | 0.010 | 0.250 | 0.100 |"
    assert in_process in report
    assert report.count("MISSED") + report.count("— met") == sum(
        len(v) for _, v in targets.targets(result)
    )


def test_json_twin_holds_every_measure() -> None:
    (size,) = json.loads(to_json([_result()]))
    assert size["auto_snapshot"] == "memory"
    assert {s["engine"] for s in size["startups"]} == {
        PKG_MEMORY,
        PKG_DISK,
        OXI_MEMORY,
        OXI_DISK,
        RDFLIB,
    }
    assert {"peak_rss_mb", "peak_pss_mb", "worker_files"} <= set(size["startups"][0])
    assert {x["clients"] for x in size["loads"]} == {1, 8}
    assert size["in_process"]["isolation_ms"] == 0.15


@pytest.mark.parametrize("module", [engines, load_driver, memory, targets])
def test_docstring_examples_run(module: object) -> None:
    failures, _ = doctest.testmod(module)  # type: ignore[arg-type]
    assert failures == 0
