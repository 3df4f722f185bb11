"""One benchmark client, run as its own process: sequential requests for a bounded time.

Standard library only (``http.client``, one keep-alive connection), started with
``python -I``: a client is cheap to start and shares no interpreter, hence no GIL, with
the other clients or the benchmark, so the client side does not inflate the latencies it
measures. ``load_driver`` runs it and speaks to it with one JSON line each way:

1. job, parent to client: ``host``, ``port``, ``requests`` (``[method, target, headers]``
   triples, cycled from index ``offset``), ``warmup`` (requests sent before timing),
   ``duration`` (seconds) and ``timeout`` (seconds a request may take);
2. ``{"ready": true}``, client to parent, once connected and warmed up;
3. ``go``, parent to every client, so that they start together;
4. the report, client to parent: ``latencies`` (seconds, one per request), ``errors``
   (responses other than 200, and failed exchanges), ``connections`` opened, and the
   ``started`` and ``ended`` instants on ``time.monotonic()``, which on Linux is one
   system-wide clock, so the parent can find the window the clients shared.

A request that starts before the deadline is always completed, so a query slower than
``duration`` still gives one latency.
"""

from __future__ import annotations

import http.client
import json
import sys
import time
from collections.abc import Callable
from typing import Any

Request = tuple[str, str, dict[str, str]]
"""Method, target (path and query string), headers."""


class _CountingConnection(http.client.HTTPConnection):
    """An HTTP/1.1 keep-alive connection that counts how often it (re)connects.

    ``http.client`` reopens the connection by itself after a server closed it, so a
    count above one says the server did not keep the connection alive.
    """

    opened = 0

    def connect(self) -> None:
        self.opened += 1
        super().connect()


def _exchange(connection: http.client.HTTPConnection, request: Request) -> bool:
    """Send one request and read its whole response; True for a 200."""
    method, target, headers = request
    try:
        connection.request(method, target, headers=headers)
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        connection.close()  # the next request opens a new connection
        return False
    return response.status == 200


def run(
    job: dict[str, Any], *, ready: Callable[[], None], go: Callable[[], bool]
) -> dict[str, Any]:
    """Connect, warm up, call ``ready()``, wait for ``go()``, then send requests until
    ``duration`` has passed; return the report (see the module docstring)."""
    requests: list[Request] = [(m, t, dict(h)) for m, t, h in job["requests"]]
    connection = _CountingConnection(job["host"], job["port"], timeout=job["timeout"])
    connection.connect()
    index = job["offset"]
    for _ in range(job["warmup"]):
        _exchange(connection, requests[index % len(requests)])
        index += 1
    ready()
    if not go():
        return {}
    latencies: list[float] = []
    errors = 0
    started = time.monotonic()
    deadline = started + job["duration"]
    while time.monotonic() < deadline:
        before = time.perf_counter()
        ok = _exchange(connection, requests[index % len(requests)])
        latencies.append(time.perf_counter() - before)
        errors += not ok
        index += 1
    ended = time.monotonic()
    connection.close()
    return {
        "latencies": latencies,
        "errors": errors,
        "connections": connection.opened,
        "started": started,
        "ended": ended,
    }


def _say(message: object) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    """Read the job from stdin, answer over stdout (the protocol in the module docstring)."""
    job = json.loads(sys.stdin.readline())
    report = run(
        job,
        ready=lambda: _say({"ready": True}),
        go=lambda: sys.stdin.readline().strip() == "go",
    )
    _say(report)


if __name__ == "__main__":
    main()
