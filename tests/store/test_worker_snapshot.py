"""How query workers hold an in-memory store's data: their own copies, or one shared on disk.

Both must answer exactly as the store does in process, stop runaway queries the same way,
and leave nothing behind in the temporary folder once the runner is closed.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from graph import query_worker
from graph.errors import QueryTimeout, WorkersBusy
from graph.query_runner import QueryRunner, Snapshot
from graph.store import Store

CSV = "text/csv"
BODIES_PER_MEASURE = (
    "PREFIX pkg: <https://w3id.org/policykg/ontology#>\n"
    "SELECT ?m (COUNT(DISTINCT ?b) AS ?n) WHERE { ?m pkg:hasResponsibility/pkg:responsibleBody ?b }"
    " GROUP BY ?m ORDER BY ?m"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty temporary folder that the runner's snapshots go to."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _runner(store: Store, snapshot: Snapshot, **options: float) -> QueryRunner:
    return QueryRunner(
        store,
        timeout=options.get("timeout", 30.0),
        max_rows=1000,
        workers=2,
        snapshot=snapshot,
        auto_triples=int(options.get("auto_triples", 10**9)),
    )


@pytest.fixture(params=["memory", "disk"])
def runner(request: pytest.FixtureRequest, store: Store, scratch: Path) -> Iterator[QueryRunner]:
    runner = _runner(store, request.param)
    yield runner
    runner.close()


def _in_process_csv(store: Store, query: str) -> bytes:
    result = store.query(query)  # type: ignore[attr-defined]
    assert isinstance(result, ox.QuerySolutions)
    return result.serialize(format=ox.QueryResultsFormat.CSV)


def test_workers_answer_exactly_as_the_store_does(runner: QueryRunner, store: Store) -> None:
    answer = runner.serialize(BODIES_PER_MEASURE, media_type=CSV)
    assert answer.body == _in_process_csv(store, BODIES_PER_MEASURE)
    measures = store.select(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#>\n"
        "SELECT DISTINCT ?m WHERE { ?m pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?b }"
    )
    assert answer.body.count(b"\n") == 1 + len(measures) > 10
    assert runner.snapshot_kind == runner.snapshot


def test_a_runaway_query_is_stopped_and_its_worker_replaced(store: Store, scratch: Path) -> None:
    runner = _runner(store, "disk", timeout=1.0)
    try:
        runner.serialize("ASK {}", media_type="application/sparql-results+json")
        started = time.monotonic()
        with pytest.raises(QueryTimeout) as timed_out:
            runner.serialize(CARTESIAN, media_type=CSV)
        assert time.monotonic() - started < 1.0 + 5.0
        ran_for = timed_out.value.ran_for
        assert ran_for is not None and 0.9 <= ran_for <= time.monotonic() - started
        for _ in range(4):  # more queries than workers: the killed one's replacement serves too
            answer = runner.serialize(BODIES_PER_MEASURE, media_type=CSV)
            assert answer.body == _in_process_csv(store, BODIES_PER_MEASURE)
    finally:
        runner.close()


@pytest.mark.parametrize(("auto_triples", "expected"), [(0, "disk"), (10**9, "memory")])
def test_auto_picks_disk_from_the_threshold_up(
    store: Store, scratch: Path, auto_triples: int, expected: str
) -> None:
    runner = _runner(store, "auto", auto_triples=auto_triples)
    try:
        runner.serialize("ASK {}", media_type="application/sparql-results+json")
        assert runner.snapshot_kind == expected
    finally:
        runner.close()
    at_threshold = _runner(store, "auto", auto_triples=store.triple_count())
    try:
        at_threshold.serialize("ASK {}", media_type="application/sparql-results+json")
        assert at_threshold.snapshot_kind == "disk"
    finally:
        at_threshold.close()


@pytest.mark.parametrize("snapshot", ["memory", "disk"])
def test_closing_the_runner_removes_its_snapshot(
    store: Store, scratch: Path, snapshot: Snapshot
) -> None:
    runner = _runner(store, snapshot)
    runner.serialize("ASK {}", media_type="application/sparql-results+json")
    assert any(scratch.iterdir())
    runner.close()
    assert not any(scratch.iterdir())


def test_a_disk_snapshot_built_in_chunks_keeps_blank_nodes_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = ox.Store()
    source.load(
        b"<http://ex/a> <http://ex/p> _:x , [ <http://ex/q> 3 ] . _:x <http://ex/q> 1 , 2 .\n"
        b'<http://ex/a> <http://ex/r> "_: in a literal" . <http://ex/b> <http://ex/r> "z" .\n',
        format=ox.RdfFormat.TURTLE,
    )
    dump = tmp_path / "dump.nq"
    source.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    monkeypatch.setattr(query_worker, "BUILD_CHUNK_LINES", 1)
    query_worker.build(str(dump), str(tmp_path / "store"))
    built = ox.Store.read_only(str(tmp_path / "store"))
    as_rdflib = [
        rdflib.Graph().parse(
            data=s.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt"
        )
        for s in (source, built)
    ]
    assert len(as_rdflib[0]) == 7
    assert isomorphic(*as_rdflib)


def test_a_query_before_any_worker_is_ready_says_they_are_loading(
    store: Store, scratch: Path
) -> None:
    runner = _runner(store, "disk", timeout=0.001)
    try:
        with pytest.raises(WorkersBusy, match="still loading the data"):
            runner.serialize("ASK {}", media_type="application/sparql-results+json")
    finally:
        runner.close()


def test_snapshots_go_to_the_folder_asked_for(store: Store, scratch: Path) -> None:
    chosen = scratch / "on-disk"
    chosen.mkdir()
    runner = QueryRunner(
        store, timeout=30, max_rows=10, workers=1, snapshot="disk", snapshot_dir=chosen
    )
    try:
        runner.serialize("ASK {}", media_type="application/sparql-results+json")
        assert [p.name.startswith("policykg-snapshot-") for p in chosen.iterdir()] == [True]
        assert {p.name for p in scratch.iterdir()} == {"on-disk"}
    finally:
        runner.close()
    assert not any(chosen.iterdir())
