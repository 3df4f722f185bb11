"""The load driver (scripts/benchmarks/load_driver.py, http_client.py): client processes
with one keep-alive connection each, and the summary of their reports."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from benchmarks.load_driver import percentile, run_clients, summarise


class _Handler(BaseHTTPRequestHandler):
    """200 for /ok, 404 otherwise; HTTP/1.1 keep-alive unless the class says otherwise."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        body = b'{"ok": true}'
        self.send_response(200 if self.path.startswith("/ok") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _ClosingHandler(_Handler):
    """HTTP/1.0: the server closes the connection after every answer."""

    protocol_version = "HTTP/1.0"


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def keep_alive() -> Iterator[str]:
    yield from _serve(_Handler)


@pytest.fixture
def closing() -> Iterator[str]:
    yield from _serve(_ClosingHandler)


def _report(
    latencies: list[float], started: float, ended: float, errors: int = 0
) -> dict[str, object]:
    return {
        "latencies": latencies,
        "errors": errors,
        "connections": 1,
        "started": started,
        "ended": ended,
    }


def test_percentile_is_nearest_rank() -> None:
    ordered = [float(x) for x in range(1, 101)]
    assert percentile(ordered, 0.99) == 99.0
    assert percentile(ordered, 0.5) == 50.0
    assert percentile(ordered, 1.0) == 100.0
    assert percentile([7.0], 0.99) == 7.0


def test_summary_pools_latencies_and_divides_requests_by_the_shared_window() -> None:
    latencies = [x / 1000 for x in range(1, 101)]  # 1..100 ms
    reports = [
        _report(latencies[:50], started=10.0, ended=12.0, errors=2),
        _report(latencies[50:], started=10.5, ended=14.0, errors=1),
    ]
    load = summarise("engine", "query", reports)
    assert load.clients == 2
    assert load.requests == 100
    assert load.errors == 3
    assert load.connections == 2
    assert load.p50_ms == pytest.approx(50.5)
    assert load.p99_ms == pytest.approx(99.0)
    assert load.req_per_s == pytest.approx(100 / 4.0)  # from 10.0 to 14.0


def test_summary_of_clients_that_sent_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no request"):
        summarise("engine", "query", [_report([], 0.0, 1.0)])


def test_each_client_process_keeps_one_connection_and_counts_non_200_as_errors(
    keep_alive: str,
) -> None:
    requests = [("GET", "/ok", {}), ("GET", "/missing", {})]
    load = run_clients("engine", "query", keep_alive, requests, clients=3, duration=0.3)
    assert load.clients == 3
    assert load.connections == 3
    assert load.requests >= 3
    # Each client alternates between the two requests: half its requests, give or take one.
    assert abs(2 * load.errors - load.requests) <= 3


def test_single_client_warms_up_untimed_and_sees_no_errors(keep_alive: str) -> None:
    load = run_clients(
        "engine", "query", keep_alive, [("GET", "/ok", {})], clients=1, duration=0.2, warmup=3
    )
    assert (load.clients, load.connections, load.errors) == (1, 1, 0)
    assert load.requests >= 1
    assert 0 < load.p50_ms <= load.p99_ms


def test_a_server_that_closes_connections_shows_as_more_connections_than_clients(
    closing: str,
) -> None:
    load = run_clients("engine", "query", closing, [("GET", "/ok", {})], clients=2, duration=0.2)
    assert load.errors == 0
    assert load.connections == load.requests  # a new connection for every request
