"""Clients against one server for a bounded time: one alone, then ``CLIENTS`` at once.

Each client is its own OS process (``http_client``, standard library only, one keep-alive
connection), so concurrent clients do not queue on one interpreter lock in the benchmark
process. Every engine and query gets the same two runs, one after the other:

- a single client sending requests back to back: its p50 is the latency a lone user
  sees, the measure PERFORMANCE.md's figures are medians of;
- ``CLIENTS`` clients at once, each cycling through the requests from its own offset:
  latency under load and throughput.
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpx

from .http_client import Request
from .results import AGGREGATE, JOIN, REST_QUERIES, Load
from .workload import AGGREGATE as AGGREGATE_QUERY
from .workload import SPARQL_JSON, Workload

CLIENTS = 8
WARMUP = 3
"""Untimed requests the single client sends first, at most one per distinct request (the
concurrent run follows it, on a warm server)."""
REQUEST_TIMEOUT = 600.0
CLIENT_PROGRAM = Path(__file__).with_name("http_client.py")


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending, non-empty sequence.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    return ordered[max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))]


def summarise(engine: str, query: str, reports: Sequence[dict[str, Any]]) -> Load:
    """One ``Load`` from the clients' reports: percentiles over every request, and
    throughput over the window from the first client's start to the last one's end."""
    latencies = sorted(x for r in reports for x in r["latencies"])
    if not latencies:
        raise ValueError(f"{engine}, {query}: the clients sent no request")
    elapsed = max(r["ended"] for r in reports) - min(r["started"] for r in reports)
    return Load(
        engine=engine,
        query=query,
        clients=len(reports),
        requests=len(latencies),
        errors=sum(r["errors"] for r in reports),
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        req_per_s=len(latencies) / elapsed if elapsed > 0 else 0.0,
        connections=sum(r["connections"] for r in reports),
    )


def run_clients(
    engine: str,
    query: str,
    base: str,
    requests: Sequence[Request],
    *,
    clients: int,
    duration: float,
    warmup: int = 0,
) -> Load:
    """Start ``clients`` client processes against ``base``, start them together, and
    summarise their reports.

    Raises
    ------
    RuntimeError
        When a client process ends without reporting (it could not connect, say).
    """
    url = urlsplit(base)
    procs = [
        subprocess.Popen(
            [sys.executable, "-I", str(CLIENT_PROGRAM)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(clients)
    ]
    try:
        for offset, proc in enumerate(procs):
            job = {
                "host": url.hostname,
                "port": url.port,
                "requests": list(requests),
                "offset": offset,
                "warmup": warmup,
                "duration": duration,
                "timeout": REQUEST_TIMEOUT,
            }
            _tell(proc, json.dumps(job))
        for proc in procs:
            _hear(proc)  # ready
        for proc in procs:
            _tell(proc, "go")
        reports = [_hear(proc) for proc in procs]
    finally:
        for proc in procs:
            _end(proc)
    return summarise(engine, query, reports)


def _tell(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()


def _hear(proc: subprocess.Popen[str]) -> dict[str, Any]:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"a benchmark client exited with {proc.wait()} before reporting")
    return json.loads(line)


def _end(proc: subprocess.Popen[str]) -> None:
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def measure(
    engine: str, query: str, base: str, requests: Sequence[Request], duration: float
) -> list[Load]:
    """The same requests by one client, then by ``CLIENTS`` at once, ``duration`` s each."""
    warmup = min(WARMUP, len(requests))
    return [
        run_clients(engine, query, base, requests, clients=1, duration=duration, warmup=warmup),
        run_clients(engine, query, base, requests, clients=CLIENTS, duration=duration),
    ]


def _sparql_get(url: str, query: str) -> Request:
    return (
        "GET",
        f"{urlsplit(url).path or '/'}?{urlencode({'query': query})}",
        {"Accept": SPARQL_JSON},
    )


def _rows(url: str, query: str) -> int:
    response = httpx.get(url, params={"query": query}, headers={"Accept": SPARQL_JSON}, timeout=600)
    response.raise_for_status()
    return len(response.json()["results"]["bindings"])


def sparql_loads(engine: str, url: str, joins: list[str], duration: float) -> list[Load]:
    """The join (cycling through ``joins``) and the aggregate against a SPARQL endpoint."""
    loads = []
    for name, queries in ((JOIN, joins), (AGGREGATE, [AGGREGATE_QUERY])):
        rows = _rows(url, queries[0])
        measured = measure(engine, name, url, [_sparql_get(url, q) for q in queries], duration)
        for load in measured:
            load.rows = rows
        loads += measured
    return loads


def rest_loads(engine: str, base: str, workload: Workload, duration: float) -> list[Load]:
    """PolicyKG's REST lookups: a measure's bodies, and a body's measures."""
    by_measure, by_body = REST_QUERIES
    json_accept = {"Accept": "application/json"}
    measures = [("GET", f"/measures/{quote(m)}/bodies", json_accept) for m in workload.measures]
    bodies = [("GET", f"/bodies/{quote(c)}/measures", json_accept) for c in workload.codes]
    return [
        *measure(engine, by_measure, base, measures, duration),
        *measure(engine, by_body, base, bodies, duration),
    ]
