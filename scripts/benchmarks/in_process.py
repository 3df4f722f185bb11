"""Whole-graph work through the library, and what the safety machinery costs a request."""

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


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _median_ms(action: Callable[[], object], repeat: int = 200) -> float:
    return statistics.median(_timed(action) for _ in range(repeat)) * 1000


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
    runner = QueryRunner(store, timeout=60, max_rows=100_000, workers=1)
    try:
        media = SPARQL_JSON
        runner.serialize(join, media_type=media)
        isolated = _median_ms(lambda: runner.serialize(join, media_type=media))
        direct = _median_ms(lambda: store.query(join).serialize(format=ox.QueryResultsFormat.JSON))
    finally:
        runner.close()
    return InProcess(turtle, graphml, projection, ranked, grouped, first, repeat, isolated - direct)
