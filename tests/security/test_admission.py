"""Per-client admission control: a client whose query ran past the time limit is held to
one query at a time for a while; others, and clients refused for a full pool, are not.

The promises are about clients told apart by their addresses, so these tests run real
uvicorn servers and connect from different loopback addresses (127.0.0.2, 127.0.0.3, ...:
Linux routes all of 127/8 to the loopback interface). The bounds on the client table are
checked on :class:`api.admission.Admission` itself with a clock the test moves.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

import httpx
import pytest

from api.admission import Admission, TooManyQueries, client_key
from graph.errors import QueryRejected, QueryTimeout, WorkersBusy
from tests.api.conftest import FIXTURE_DATA
from tests.servers import running_server

QUERY_TIMEOUT = 2.0
PENALTY = 3.0
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
)
QUICK = "ASK { ?s ?p ?o }"
BULK_TRIPLES = 300_000
CANNED = "/queries/legislative-measures"


@dataclass
class Runaway:
    """A runaway query sent in the background; ``answer`` and ``answered_at`` once it ends."""

    thread: threading.Thread
    answer: httpx.Response | None = None
    answered_at: float = 0.0


def _client(base: str, address: str) -> httpx.Client:
    """An HTTP client whose connections come from ``address``."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=base, timeout=60, transport=transport)


def _quick(base: str, address: str, headers: dict[str, str] | None = None) -> httpx.Response:
    with _client(base, address) as client:
        return client.get("/sparql", params={"query": QUICK}, headers=headers)


def _canned(base: str, address: str) -> httpx.Response:
    with _client(base, address) as client:
        return client.get(CANNED)


@contextmanager
def runaways(base: str, *addresses: str) -> Iterator[list[Runaway]]:
    """Send one runaway query from each address; yield once all of them are running.

    On leaving, wait for every one to be answered (at the time limit).
    """
    clients = [_client(base, address) for address in addresses]
    started = [Runaway(threading.Thread(target=lambda: None)) for _ in addresses]

    def send(runaway: Runaway, client: httpx.Client) -> None:
        runaway.answer = client.post("/sparql", data={"query": RUNAWAY})
        runaway.answered_at = time.monotonic()

    for runaway, client in zip(started, clients, strict=True):
        runaway.thread = threading.Thread(target=send, args=(runaway, client))
        runaway.thread.start()
    try:
        with httpx.Client(base_url=base, timeout=60) as health:
            for _ in range(10_000):
                if health.get("/health").json()["running_queries"] >= len(addresses):
                    break
            else:
                pytest.fail("the runaway queries never started")
        yield started
    finally:
        for runaway, client in zip(started, clients, strict=True):
            runaway.thread.join()
            client.close()


def _assert_timed_out(runaway: Runaway) -> None:
    assert runaway.answer is not None
    assert runaway.answer.status_code == 503
    assert runaway.answer.json()["error"]["code"] == "query_timeout"


def _assert_too_many(response: httpx.Response) -> str:
    """Check a 429 in the project's error shape with a usable ``Retry-After``; the message."""
    assert response.status_code == 429
    assert 1 <= int(response.headers["retry-after"]) <= QUERY_TIMEOUT
    error = response.json()["error"]
    assert error["status"] == 429
    assert error["code"] == "too_many_queries"
    return error["message"]


@pytest.fixture(scope="module")
def penalty_server() -> Iterator[str]:
    """A real server with a 2 s query limit, a 3 s penalty and 4 workers."""
    with running_server(
        FIXTURE_DATA, query_timeout=QUERY_TIMEOUT, query_penalty_seconds=PENALTY
    ) as base:
        _wait_for_workers(base, 4)
        yield base


def test_client_whose_query_ran_away_may_run_one_query_at_a_time_until_penalty_ends(
    penalty_server: str,
) -> None:
    base, attacker, other = penalty_server, "127.0.0.2", "127.0.0.3"
    with runaways(base, attacker) as (first,):
        pass
    _assert_timed_out(first)
    assert httpx.get(base + "/health").json()["penalised_clients"] >= 1

    with runaways(base, attacker, other) as (second, others):
        refused_sparql = _quick(base, attacker)
        refused_canned = _canned(base, attacker)
        refused_forwarded = _quick(base, attacker, headers={"x-forwarded-for": "203.0.113.9"})
        other_quick = _quick(base, other)
        other_canned = _canned(base, other)
    _assert_timed_out(second)
    _assert_timed_out(others)

    message = _assert_too_many(refused_sparql)
    assert "ran past the 2 s time limit" in message
    assert "one query at a time" in message
    assert "one of its queries is running now" in message
    _assert_too_many(refused_canned)
    _assert_too_many(refused_forwarded)  # X-Forwarded-For from a client is not trusted
    assert other_quick.status_code == 200
    assert other_canned.status_code == 200

    alone = _quick(base, attacker)
    assert alone.status_code == 200
    assert alone.json()["boolean"] is True

    # the penalty started before the server sent the 503, so it is over by then
    assert second.answered_at
    time.sleep(max(0.0, second.answered_at + PENALTY - time.monotonic()))
    with runaways(base, attacker):
        again = _quick(base, attacker)
    assert again.status_code == 200


def test_client_that_never_timed_out_runs_queries_concurrently_by_default(
    penalty_server: str,
) -> None:
    client = "127.0.0.4"
    with runaways(base := penalty_server, client):
        sparql = _quick(base, client)
        canned = _canned(base, client)
    assert sparql.status_code == 200
    assert canned.status_code == 200


@pytest.fixture(scope="module")
def small_pool_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server with two workers, so two runaway queries fill the pool, and no
    preemption, so they hold it for the whole limit.

    Its data is the fixture graph plus :data:`BULK_TRIPLES` filler triples, so that a
    worker killed at the time limit takes a good fraction of a second to be replaced.
    """
    data = tmp_path_factory.mktemp("bulk")
    for path in FIXTURE_DATA.glob("*.ttl"):
        shutil.copy(path, data)
    filler = (f'<urn:filler:{n}> <urn:filler:p> "{n}" .\n' for n in range(BULK_TRIPLES))
    (data / "filler.ttl").write_text("".join(filler), encoding="utf-8")
    with running_server(
        data, query_timeout=QUERY_TIMEOUT, query_workers=2, query_preemption=False
    ) as base:
        _wait_for_workers(base, 2)
        yield base


def _wait_for_workers(base: str, count: int) -> None:
    """Return once ``count`` quick queries sent at once are all answered: workers start (and
    replace killed ones) in the background, and a query waits for one only its time limit."""
    addresses = [f"127.0.1.{n + 1}" for n in range(count)]
    for _ in range(20):
        with ThreadPoolExecutor(count) as pool:
            answers = list(pool.map(lambda address: _quick(base, address), addresses))
        if all(answer.status_code == 200 for answer in answers):
            return
    pytest.fail("the query workers did not come up")


def test_query_refused_because_every_worker_is_busy_does_not_penalise(
    small_pool_server: str,
) -> None:
    base, hogs, waiter = small_pool_server, ("127.0.0.5", "127.0.0.6"), "127.0.0.7"
    # The waiter asks as soon as the hogs run (tens of milliseconds after them) and waits
    # its whole limit: the hogs' workers are killed at theirs, and their replacements load
    # the bulk data for far longer than that
    with _client(base, waiter) as client, runaways(base, *hogs):
        busy = client.get("/sparql", params={"query": QUICK})
    assert busy.status_code == 503
    assert busy.json()["error"]["code"] == "query_timeout"
    assert "busy" in busy.json()["error"]["message"]

    _wait_for_workers(base, 2)
    with runaways(base, waiter):
        concurrent = _quick(base, waiter)
    assert concurrent.status_code == 200


@pytest.fixture(scope="module")
def capped_server() -> Iterator[str]:
    """A real server allowing one query in flight per client, with no penalty."""
    with running_server(
        FIXTURE_DATA,
        query_timeout=QUERY_TIMEOUT,
        max_queries_per_client=1,
        query_penalty_seconds=0,
    ) as base:
        _wait_for_workers(base, 2)
        yield base


def test_hard_cap_refuses_queries_over_the_per_client_limit(capped_server: str) -> None:
    base, client, other = capped_server, "127.0.0.8", "127.0.0.9"
    with runaways(base, client):
        refused = _quick(base, client)
        refused_canned = _canned(base, client)
        other_answer = _quick(base, other)
    assert "as many queries at once as one client may (1)" in _assert_too_many(refused)
    _assert_too_many(refused_canned)
    assert other_answer.status_code == 200
    assert _quick(base, client).status_code == 200


# -- the client table, with a clock the test moves ------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _time_out(
    admission: Admission,
    client: str,
    error: type[QueryTimeout] = QueryTimeout,
    ran_for: float | None = None,
) -> None:
    timeout = error("the query ran past the time limit")
    timeout.ran_for = ran_for
    with pytest.raises(error), admission.admit(client):
        raise timeout


def _refused(admission: Admission, client: str, second: str | None = None) -> bool:
    """Whether ``client`` is refused a second query (as ``second``) while one is in flight."""
    try:
        with admission.admit(client), admission.admit(second or client):
            return False
    except TooManyQueries:
        return True


def test_client_table_stays_bounded_when_addresses_cycle() -> None:
    clock = Clock()
    admission = Admission(
        penalty_seconds=60, max_per_client=0, query_timeout=2, workers=4, capacity=100, clock=clock
    )
    for n in range(10_000):
        _time_out(admission, f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
        clock.now += 0.001
    assert admission.tracked == 100
    assert admission.penalised == 100
    assert _refused(admission, "10.0.39.15")  # the last one penalised is still remembered
    assert not _refused(admission, "10.0.0.0")  # the first ones were dropped

    clock.now += 60
    assert admission.tracked == 0


def test_client_table_forgets_clients_when_queries_end_and_penalties_expire() -> None:
    clock = Clock()
    admission = Admission(
        penalty_seconds=5, max_per_client=0, query_timeout=2, workers=4, clock=clock
    )
    with admission.admit("192.0.2.1"), admission.admit("192.0.2.2"):
        assert admission.tracked == 2
    assert admission.tracked == 0

    _time_out(admission, "192.0.2.1")
    clock.now += 4.9
    assert _refused(admission, "192.0.2.1")
    _time_out(admission, "192.0.2.1")  # a new runaway query renews the penalty
    clock.now += 4.9
    assert _refused(admission, "192.0.2.1")
    clock.now += 0.2
    assert not _refused(admission, "192.0.2.1")
    assert admission.tracked == 0


def test_only_a_query_of_its_own_that_ran_away_penalises_a_client() -> None:
    admission = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=4)
    _time_out(admission, "192.0.2.1", WorkersBusy)
    with pytest.raises(QueryRejected), admission.admit("192.0.2.1"):
        raise QueryRejected("the query engine failed on this query")
    assert admission.penalised == 0
    assert not _refused(admission, "192.0.2.1")


def test_time_out_of_a_query_that_had_to_wait_for_a_worker_does_not_penalise() -> None:
    admission = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=2)
    with admission.admit("192.0.2.1"), admission.admit("192.0.2.2"):
        _time_out(admission, "192.0.2.3")
    assert admission.penalised == 0
    with admission.admit("192.0.2.1"):
        _time_out(admission, "192.0.2.3")
    assert admission.penalised == 1
    assert _refused(admission, "192.0.2.3")


def test_time_out_penalises_by_how_long_the_query_ran_when_the_runner_says() -> None:
    admission = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=2)
    _time_out(admission, "192.0.2.1", ran_for=0.9)  # waited 1.1 s of its 2 s for a worker
    assert admission.penalised == 0
    with admission.admit("192.0.2.7"), admission.admit("192.0.2.8"):  # queued, but it ran 1 s
        _time_out(admission, "192.0.2.2", ran_for=1.0)
    assert admission.penalised == 1
    assert _refused(admission, "192.0.2.2")


def _admitted(admission: Admission, client: str, *others: str) -> bool:
    """Whether ``client`` is admitted while each of ``others`` has one query in flight."""
    with ExitStack() as stack:
        for other in others:
            stack.enter_context(admission.admit(other))
        try:
            with admission.admit(client):
                return True
        except TooManyQueries:
            return False


def test_penalised_client_never_takes_the_last_free_worker() -> None:
    admission = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=4)
    _time_out(admission, "192.0.2.9")
    assert _admitted(admission, "192.0.2.9", "192.0.2.1", "192.0.2.2")
    assert not _admitted(admission, "192.0.2.9", "192.0.2.1", "192.0.2.2", "192.0.2.3")
    assert _admitted(admission, "192.0.2.4", "192.0.2.1", "192.0.2.2", "192.0.2.3")

    single = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=1)
    _time_out(single, "192.0.2.9")
    assert _admitted(single, "192.0.2.9")
    assert not _admitted(single, "192.0.2.9", "192.0.2.1")


def test_zero_penalty_switches_the_penalty_off() -> None:
    admission = Admission(penalty_seconds=0, max_per_client=0, query_timeout=2, workers=4)
    _time_out(admission, "192.0.2.1")
    assert admission.penalised == 0
    assert not _refused(admission, "192.0.2.1")


def test_ipv6_clients_are_counted_by_their_64_bit_network() -> None:
    admission = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=4)
    _time_out(admission, client_key("2001:db8:1:2::1"))
    assert _refused(admission, client_key("2001:db8:1:2::99"), client_key("2001:db8:1:2:f::7"))
    assert not _refused(admission, client_key("2001:db8:1:3::1"))
