"""A query waiting for a worker stops the longest-running query past half the time limit.

Runaway queries would otherwise hold every worker for the whole limit and time out the
queries waiting behind them; a query running alone keeps its whole limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from graph.errors import QueryTimeout
from graph.query_runner import PREEMPT_AFTER, QueryRunner
from graph.store import Store

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = "ASK { ?s ?p ?o }"
JSON = "application/sparql-results+json"
LIMIT = 4.0


@pytest.fixture
def runner(store: Store) -> Iterator[QueryRunner]:
    runner = QueryRunner(store, timeout=LIMIT, max_rows=10, workers=1, snapshot="disk")
    runner.wait_ready()
    yield runner
    runner.close()


def test_a_waiting_query_gets_the_worker_of_a_query_past_half_the_limit(
    runner: QueryRunner,
) -> None:
    outcome: dict[str, BaseException] = {}

    def runaway() -> None:
        try:
            runner.serialize(CARTESIAN, media_type=JSON)
        except QueryTimeout as exc:
            outcome["runaway"] = exc

    thread = threading.Thread(target=runaway)
    thread.start()
    while runner.running < 1:
        time.sleep(0.01)
    waited_from = time.monotonic()
    answer = runner.serialize(ASK, media_type=JSON)  # only one worker, held by the runaway
    waited = time.monotonic() - waited_from
    thread.join()

    assert answer.body == b'{"head":{},"boolean":true}'
    assert waited < LIMIT  # without preemption it would have failed at the limit
    stopped = outcome["runaway"]
    assert "stopped to make room" in str(stopped)
    assert stopped.ran_for is not None
    assert LIMIT * PREEMPT_AFTER <= stopped.ran_for < LIMIT


def test_a_query_running_alone_keeps_its_whole_limit(runner: QueryRunner) -> None:
    with pytest.raises(QueryTimeout) as timed_out:
        runner.serialize(CARTESIAN, media_type=JSON)
    assert "stopped to make room" not in str(timed_out.value)
    assert timed_out.value.ran_for is not None and timed_out.value.ran_for >= LIMIT * 0.95
