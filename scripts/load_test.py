"""Bounded load test: normal requests while a stream of pathological queries is being cut.

Starts the API in a uvicorn process on a free loopback port (the repository's data, a 2 s
query time limit by default), then runs two phases and stops by itself:

1. **unloaded**: ``--clients`` threads send a mix of normal requests (resource endpoints,
   small SPARQL queries, canned queries, linked data);
2. **under attack**: the same clients, while ``--attackers`` threads send pathological
   requests without pause (cartesian products and unbounded property paths that run until
   the time limit cuts them, SERVICE, updates, deep nesting, oversized bodies).

It prints requests served, outcomes by kind, and p50/p99 latency of the normal requests
in each phase; then checks the targets: no unexpected answer or transport error, the same
server process throughout with the graph unchanged, and the p99 of normal requests under
attack within ``--p99-factor`` times its unloaded value. Exit status 0 when every target
is met, 1 otherwise (saying by how much). Loopback only; every loop is bounded in time
and count.

Usage: ``.venv/bin/python scripts/load_test.py [--seconds 45] [--clients 4] [--attackers 1]``
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from graph.settings import DEFAULT_QUERY_WORKERS, REPO_ROOT

MAX_REQUESTS_PER_THREAD = 20_000
"""A bound on every request loop, beside its deadline."""

PKG = "PREFIX pkg: <https://w3id.org/policykg/ontology#> "
NORMAL: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/measures", {"q": "profit caps"}),
    ("GET", "/measures/set-profit-caps-backstop", {}),
    ("GET", "/measures/set-profit-caps-backstop/bodies", {}),
    ("GET", "/bodies/ofsted/measures", {}),
    ("GET", "/search", {"q": "local authorities"}),
    ("GET", "/sparql", {"query": PKG + "SELECT ?b WHERE { ?m pkg:involves ?b } LIMIT 20"}),
    ("GET", "/sparql", {"query": PKG + "ASK { ?m a pkg:Measure }"}),
    ("GET", "/queries/measures-of-body", {"body": "ofsted"}),
    ("GET", "/id/body/ofsted", {}),
    ("GET", "/health", {}),
]
"""Requests an analyst or a client library makes; each must answer 200."""

_CARTESIAN = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(6)) + " }"
)
_PATHS = "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x>|!<urn:x>)* ?b . ?c (^<urn:x>|!<urn:x>)* ?d }"
PATHOLOGICAL: list[tuple[str, dict[str, str] | bytes, set[tuple[int, str]]]] = [
    ("cartesian product", {"query": _CARTESIAN}, {(503, "query_timeout")}),
    ("unbounded property paths", {"query": _PATHS}, {(503, "query_timeout")}),
    (
        "SERVICE to loopback",
        {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
        {(403, "operation_forbidden")},
    ),
    ("update", {"update": "DROP ALL"}, {(403, "operation_forbidden")}),
    (
        "deep nesting",
        {"query": "SELECT * WHERE " + "{" * 3000 + "}" * 3000},
        {(400, "query_rejected")},
    ),
    ("2 MB body", b"ASK { " + b"?s ?p ?o . " * 200_000 + b"}", {(413, "body_too_large")}),
]
"""Pathological requests and the answers they are designed to get."""


@dataclass
class Tally:
    """Latencies of normal requests and outcomes of every request, shared by threads."""

    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: str, *, expected: bool, seconds: float | None = None) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            if not expected:
                self.unexpected[outcome] += 1
            if seconds is not None:
                self.latencies.append(seconds)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    with _server(args.timeout, args.workers) as (base, process):
        before = httpx.get(base + "/health", timeout=30).json()
        phase = (args.seconds - (time.monotonic() - started)) / 3
        unloaded = _phase(base, args.clients, 0, phase)
        attacked = _phase(base, args.clients, args.attackers, 2 * phase)
        after = httpx.get(base + "/health", timeout=30).json()
        same_process = process.poll() is None
    elapsed = time.monotonic() - started
    return _report(unloaded, attacked, before, after, same_process, elapsed, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=45.0, help="Total run time, about.")
    parser.add_argument("--clients", type=int, default=4, help="Threads sending normal requests.")
    parser.add_argument("--attackers", type=int, default=1, help="Threads sending attacks.")
    parser.add_argument("--timeout", type=float, default=2.0, help="The server's query limit.")
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_QUERY_WORKERS, help="The server's query workers."
    )
    parser.add_argument("--p99-factor", type=float, default=5.0, help="Allowed p99 growth.")
    return parser


@contextmanager
def _server(timeout: float, workers: int) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The API over the repository's data, in its own process on a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "POLICYKG_QUERY_TIMEOUT": str(timeout),
        "POLICYKG_QUERY_WORKERS": str(workers),
    }
    command = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "error"],
        cwd=REPO_ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, base)
        httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=120)  # workers ready
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(process: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if httpx.get(base + "/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not come up within 60 s")


def _phase(base: str, clients: int, attackers: int, seconds: float) -> Tally:
    """Run ``clients`` normal and ``attackers`` pathological threads for ``seconds``."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_normal_client, args=(base, tally, deadline, n))
        for n in range(clients)
    ] + [
        threading.Thread(target=_attacker, args=(base, tally, deadline, n))
        for n in range(attackers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def _normal_client(base: str, tally: Tally, deadline: float, offset: int) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        for n in range(MAX_REQUESTS_PER_THREAD):
            if time.monotonic() >= deadline:
                return
            method, path, params = NORMAL[(n + offset) % len(NORMAL)]

            def send(
                method: str = method, path: str = path, params: dict = params
            ) -> httpx.Response:
                return client.request(method, path, params=params)

            _timed(tally, send, normal=True)


def _attacker(base: str, tally: Tally, deadline: float, offset: int) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        for n in range(MAX_REQUESTS_PER_THREAD):
            if time.monotonic() >= deadline:
                return
            name, payload, designed = PATHOLOGICAL[(n + offset) % len(PATHOLOGICAL)]

            def send(payload: dict[str, str] | bytes = payload) -> httpx.Response:
                if isinstance(payload, bytes):
                    headers = {"content-type": "application/sparql-query"}
                    return client.post("/sparql", content=payload, headers=headers)
                return client.post("/sparql", data=payload)

            _timed(tally, send, normal=False, name=name, designed=designed)


def _timed(
    tally: Tally,
    send: Callable[[], httpx.Response],
    *,
    normal: bool,
    name: str = "normal",
    designed: set[tuple[int, str]] | None = None,
) -> None:
    started = time.monotonic()
    try:
        response = send()
    except httpx.TransportError as exc:
        tally.record(f"{name}: transport error {type(exc).__name__}", expected=False)
        return
    seconds = time.monotonic() - started
    if normal:
        ok = response.status_code == 200
        outcome = "normal: 200" if ok else f"normal: {response.status_code} {_code(response)}"
        tally.record(outcome, expected=ok, seconds=seconds if ok else None)
        return
    got = (response.status_code, _code(response))
    tally.record(f"{name}: {got[0]} {got[1]}", expected=got in (designed or set()))


def _code(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return ""


def _percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _report(
    unloaded: Tally,
    attacked: Tally,
    before: dict[str, object],
    after: dict[str, object],
    same_process: bool,
    elapsed: float,
    args: argparse.Namespace,
) -> int:
    print(
        f"PolicyKG load test: {args.clients} clients, {args.attackers} attacker(s), "
        f"query limit {args.timeout:g} s, {args.workers} workers, {elapsed:.0f} s in all\n"
    )
    print(f"{'phase':<14}{'requests':>10}{'normal ok':>11}{'p50 ms':>9}{'p99 ms':>9}")
    for label, tally in (("unloaded", unloaded), ("under attack", attacked)):
        served = sum(tally.outcomes.values())
        p50, p99 = (_percentile(tally.latencies, q) * 1000 for q in (50, 99))
        print(f"{label:<14}{served:>10}{len(tally.latencies):>11}{p50:>9.1f}{p99:>9.1f}")
    print("\noutcomes under attack")
    for outcome, count in sorted(attacked.outcomes.items()):
        flag = "  UNEXPECTED" if outcome in attacked.unexpected else ""
        print(f"  {outcome:<52}{count:>7}{flag}")

    unexpected = sum(unloaded.unexpected.values()) + sum(attacked.unexpected.values())
    ratio = _percentile(attacked.latencies, 99) / _percentile(unloaded.latencies, 99)
    unchanged = (before["triples"], before["data_version"]) == (
        after["triples"],
        after["data_version"],
    )
    checks = [
        (unexpected == 0, f"unexpected answers or transport errors: {unexpected} (target 0)"),
        (same_process, "server process: " + ("the same throughout" if same_process else "GONE")),
        (unchanged, f"graph: {before['triples']} triples before, {after['triples']} after"),
        (
            ratio <= args.p99_factor,
            f"normal p99 under attack / unloaded: {ratio:.2f}x (target <= {args.p99_factor:g}x"
            + ("" if ratio <= args.p99_factor else f", misses by {ratio / args.p99_factor:.2f}x")
            + ")",
        ),
    ]
    print()
    for passed, line in checks:
        print(("PASS  " if passed else "FAIL  ") + line)
    return 0 if all(passed for passed, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
