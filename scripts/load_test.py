"""Bounded load test: normal requests while a stream of pathological queries is being cut.

Starts the API in a uvicorn process on a free loopback port (the repository's data, a 2 s
query time limit by default), then runs two phases and stops by itself:

1. **unloaded**: ``--clients`` threads send a mix of normal requests (resource endpoints,
   small SPARQL queries, canned queries, linked data);
2. **under attack**: the same clients, while ``--attackers`` threads send pathological
   requests without pause (cartesian products and unbounded property paths that run until
   the time limit cuts them, SERVICE, updates, deep nesting, oversized bodies).

Normal clients connect from 127.0.0.1 and attackers from other loopback addresses, so the
server tells them apart (api/admission.py): by default every attacker connects from
127.0.0.2 and is one client, penalised as one once its first query runs past the limit;
``--attacker-addresses N`` spreads them over 127.0.0.2 to 127.0.0.(N+1), each a client of
its own. A penalised client's further concurrent queries get ``429 too_many_queries``, an
expected answer for an attacker; ``--penalty 0`` switches the penalty off for comparison.

It prints requests served, outcomes by kind, and p50/p99 latency of the normal requests
in each phase; then checks the targets: no unexpected answer or transport error, the same
server process throughout with the graph unchanged, and the p99 of normal requests under
attack within ``--p99-factor`` times its unloaded value. Exit status 0 when every target
is met, 1 otherwise (saying by how much). Loopback only; every loop is bounded in time
and count.

Usage: ``.venv/bin/python scripts/load_test.py [--seconds 45] [--clients 4] [--attackers 1]
[--attacker-addresses 1] [--penalty SECONDS]``
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

NORMAL_ADDRESS = "127.0.0.1"
"""Where normal clients connect from; attackers use 127.0.0.2 onwards."""

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
_RUNAWAY_ANSWERS = {
    (503, "query_timeout"),
    (503, "query_timeout (workers busy)"),
    (429, "too_many_queries"),
}
"""Cut at the time limit, refused for a full pool, or refused to a penalised client."""
PATHOLOGICAL: list[tuple[str, dict[str, str] | bytes, set[tuple[int, str]]]] = [
    ("cartesian product", {"query": _CARTESIAN}, _RUNAWAY_ANSWERS),
    ("unbounded property paths", {"query": _PATHS}, _RUNAWAY_ANSWERS),
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
    """Latencies of normal requests and outcomes of every request, shared by threads.

    ``unexpected_at`` holds when each unexpected answer came, in seconds into the phase.
    """

    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)
    unexpected_at: list[float] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: str, *, expected: bool, seconds: float | None = None) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            if not expected:
                self.unexpected[outcome] += 1
                self.unexpected_at.append(time.monotonic() - self.started)
            if seconds is not None:
                self.latencies.append(seconds)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.monotonic()
    with _server(args.timeout, args.workers, args.penalty) as (base, process):
        before = httpx.get(base + "/health", timeout=30).json()
        phase = (args.seconds - (time.monotonic() - started)) / 3
        unloaded = _phase(base, args.clients, 0, phase, 1)
        attacked = _phase(base, args.clients, args.attackers, 2 * phase, args.attacker_addresses)
        after = httpx.get(base + "/health", timeout=30).json()
        same_process = process.poll() is None
    elapsed = time.monotonic() - started
    return _report(unloaded, attacked, before, after, same_process, elapsed, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=45.0, help="Total run time, about.")
    parser.add_argument("--clients", type=int, default=4, help="Threads sending normal requests.")
    parser.add_argument("--attackers", type=int, default=1, help="Threads sending attacks.")
    parser.add_argument(
        "--attacker-addresses",
        type=int,
        default=1,
        choices=range(1, 200),
        metavar="N",
        help="Loopback addresses the attackers connect from (each a client of its own).",
    )
    parser.add_argument(
        "--penalty",
        type=float,
        default=None,
        help="The server's query_penalty_seconds (0: off); its default when omitted.",
    )
    parser.add_argument("--timeout", type=float, default=2.0, help="The server's query limit.")
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_QUERY_WORKERS, help="The server's query workers."
    )
    parser.add_argument("--p99-factor", type=float, default=5.0, help="Allowed p99 growth.")
    return parser


@contextmanager
def _server(
    timeout: float, workers: int, penalty: float | None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The API over the repository's data, in its own process on a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "POLICYKG_QUERY_TIMEOUT": str(timeout),
        "POLICYKG_QUERY_WORKERS": str(workers),
    }
    if penalty is not None:
        env["POLICYKG_QUERY_PENALTY_SECONDS"] = str(penalty)
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


def _phase(base: str, clients: int, attackers: int, seconds: float, addresses: int) -> Tally:
    """Run ``clients`` normal and ``attackers`` pathological threads for ``seconds``.

    Attacker ``n`` connects from the ``n % addresses``-th attacker address.
    """
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_normal_client, args=(base, tally, deadline, n))
        for n in range(clients)
    ] + [
        threading.Thread(
            target=_attacker, args=(base, tally, deadline, n, f"127.0.0.{2 + n % addresses}")
        )
        for n in range(attackers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def _client(base: str, address: str) -> httpx.Client:
    """A client whose connections come from the loopback ``address``."""
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=base, timeout=60, transport=transport)


def _normal_client(base: str, tally: Tally, deadline: float, offset: int) -> None:
    with _client(base, NORMAL_ADDRESS) as client:
        for n in range(MAX_REQUESTS_PER_THREAD):
            if time.monotonic() >= deadline:
                return
            method, path, params = NORMAL[(n + offset) % len(NORMAL)]

            def send(
                method: str = method, path: str = path, params: dict = params
            ) -> httpx.Response:
                return client.request(method, path, params=params)

            _timed(tally, send, normal=True)


def _attacker(base: str, tally: Tally, deadline: float, offset: int, address: str) -> None:
    with _client(base, address) as client:
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
    """The error code; a time-out because every worker stayed busy is told apart."""
    try:
        error = response.json()["error"]
        code = str(error["code"])
    except (ValueError, KeyError, TypeError):
        return ""
    if code == "query_timeout" and "busy" in str(error.get("message", "")):
        return code + " (workers busy)"
    return code


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
    penalty = "server default" if args.penalty is None else f"{args.penalty:g} s"
    print(
        f"PolicyKG load test: {args.clients} clients, {args.attackers} attacker(s) from "
        f"{min(args.attacker_addresses, args.attackers)} address(es), query limit "
        f"{args.timeout:g} s, {args.workers} workers, penalty {penalty}, "
        f"{elapsed:.0f} s in all\n"
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
    # runaway queries sent together before their client is penalised hold the workers for
    # one time limit, and queries queued behind them give up one limit after they came
    burst = sum(1 for at in attacked.unexpected_at if at <= 2 * args.timeout)
    ratio = _percentile(attacked.latencies, 99) / _percentile(unloaded.latencies, 99)
    unchanged = (before["triples"], before["data_version"]) == (
        after["triples"],
        after["data_version"],
    )
    checks = [
        (
            unexpected == 0,
            f"unexpected answers or transport errors: {unexpected} (target 0)"
            + (f"; {burst} in the attack's first {2 * args.timeout:g} s" if unexpected else ""),
        ),
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
