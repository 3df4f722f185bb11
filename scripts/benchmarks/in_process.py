"""Whole-graph work through the library, and what the safety machinery costs a request.

The safety machinery is the guard (``vet_query``) and the isolation of queries in worker
processes. Isolation is measured against work any SPARQL endpoint must do anyway: the
join through ``QueryRunner.serialize`` as SPARQL JSON, against the same join run by
pyoxigraph in this process *and* serialised to SPARQL JSON. Both run on in-memory data
(the runner's worker loads its own copy), timed alternately so drift affects both alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pyoxigraph as ox

from graph.analysis.influence import centrality
from graph.analysis.structure import communities
from graph.analysis.views import body_projection
from graph.export import export
from graph.projection import project
from graph.query_guard import vet_query
from graph.query_runner import QueryRunner
from graph.store import Store

from .results import InProcess
from .workload import SPARQL_JSON

REPEAT = 500
"""Repetitions behind each per-request median."""


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _median_ms(action: Callable[[], object], repeat: int = REPEAT) -> float:
    return statistics.median(_timed(action) for _ in range(repeat)) * 1000


def paired_medians_ms(
    first: Callable[[], object], second: Callable[[], object], repeat: int = REPEAT
) -> tuple[float, float]:
    """Medians in ms of ``first`` and ``second``, each run ``repeat`` times, alternately."""
    a, b = [], []
    for _ in range(repeat):
        a.append(_timed(first))
        b.append(_timed(second))
    return statistics.median(a) * 1000, statistics.median(b) * 1000


def in_process(store: Store, join: str) -> InProcess:
    """Whole-graph export and analysis times; the guard's and the workers' cost per request."""
    turtle = _timed(lambda: export(store, "turtle"))
    projection = _timed(lambda: project(store))  # the first projection of this store
    graphml = _timed(lambda: export(store, "graphml"))  # written from that projection
    view = body_projection(project(store))
    ranked = _timed(lambda: centrality(view))
    grouped = _timed(lambda: communities(view))
    fresh = iter(range(10**9))
    first = _median_ms(lambda: vet_query(f"{join}\n# {next(fresh)}"))
    repeat = _median_ms(lambda: vet_query(join))
    runner = QueryRunner(store, timeout=60, max_rows=100_000, workers=1, snapshot="memory")
    try:
        runner.serialize(join, media_type=SPARQL_JSON)  # starts the worker
        isolated, direct = paired_medians_ms(
            lambda: runner.serialize(join, media_type=SPARQL_JSON),
            lambda: store.query(join).serialize(format=ox.QueryResultsFormat.JSON),
        )
    finally:
        runner.close()
    return InProcess(
        export_turtle_s=turtle,
        export_graphml_s=graphml,
        projection_s=projection,
        centrality_s=ranked,
        communities_s=grouped,
        guard_first_ms=first,
        guard_repeat_ms=repeat,
        runner_ms=isolated,
        direct_ms=direct,
        isolation_ms=isolated - direct,
    )
