"""Concurrent clients against one server for a fixed time: latency percentiles and throughput."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable

import httpx

from .results import Load
from .workload import AGGREGATE, SPARQL_JSON

CLIENTS = 8

Request = Callable[[httpx.Client], httpx.Response]


def hammer(engine: str, name: str, requests: list[Request], duration: float) -> Load:
    """Run CLIENTS threads, each cycling through ``requests``, for ``duration`` seconds."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    with httpx.Client(timeout=120) as warm:
        for request in requests[:3]:
            request(warm)
    stop_at = time.perf_counter() + duration

    def client(offset: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        with httpx.Client(timeout=120) as http:
            i = offset
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                response = requests[i % len(requests)](http)
                mine.append(time.perf_counter() - start)
                bad += response.status_code != 200
                i += 1
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Load(
        engine,
        name,
        len(latencies),
        errors,
        statistics.median(latencies) * 1000,
        p99 * 1000,
        len(latencies) / elapsed,
    )


def _sparql_get(url: str, query: str) -> Request:
    return lambda http: http.get(url, params={"query": query}, headers={"Accept": SPARQL_JSON})


def _rows(url: str, query: str) -> int:
    response = httpx.get(url, params={"query": query}, headers={"Accept": SPARQL_JSON}, timeout=600)
    response.raise_for_status()
    return len(response.json()["results"]["bindings"])


def sparql_loads(engine: str, url: str, joins: list[str], duration: float) -> list[Load]:
    """The join (cycling through ``joins``) and the aggregate against a SPARQL endpoint."""
    join = hammer(engine, "sparql join", [_sparql_get(url, q) for q in joins], duration)
    join.rows = _rows(url, joins[0])
    aggregate = hammer(engine, "sparql aggregate", [_sparql_get(url, AGGREGATE)], duration)
    aggregate.rows = _rows(url, AGGREGATE)
    return [join, aggregate]
