"""Per-client admission to the query workers: a penalty box for clients whose queries run away.

The worker pool (:mod:`graph.query_runner`) runs a few queries at once, and a runaway
query holds its worker for the whole time limit. A handful of clients sending runaway
queries without pause could hold every worker, over and over, and stall everyone's SPARQL
and canned queries. So a client whose query ran past the time limit is *penalised* for
``query_penalty_seconds``: meanwhile it may have one query in flight through the pool, and
only while a worker is left free for others (fewer than ``workers - 1`` queries in flight;
with one worker, while it is idle). Any other query of a penalised client is refused at
once with :class:`TooManyQueries` (429). So one client sending many runaway queries holds
at most one worker, and many penalised clients together never hold the last one. Every new
runaway query renews the penalty. Clients whose queries finish in time are never limited,
unless the operator sets the hard cap ``max_queries_per_client``.

:class:`graph.errors.WorkersBusy` (every worker stayed busy for the whole limit, so the
query never started) is not the asking client's fault and does not penalise. Nor does a
time-out of a query that ran for less than half the limit: the limit counts the wait for a
worker too, so such a query may have been cut after running only a moment because others
held the pool. The runner says how long a query ran (``QueryTimeout.ran_for``); where it
cannot (a remote store), a query admitted while every worker was taken is spared instead.
This spares innocent clients and gives attackers little: a runaway query that got a worker
early runs to the limit and penalises its client.

A client is its address as the ASGI server reports it (``request.client.host``); behind a
reverse proxy that is the proxy's address unless the server is told to trust the proxy's
``X-Forwarded-For`` (SECURITY.md says how). An IPv6 client is its /64 network, the block a
single subscriber is routinely given, so cycling addresses inside it does not escape.

This is an HTTP concern: the library and the CLI run queries without it.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Annotated

from fastapi import Depends, Request

from graph.errors import PolicyKGError, QueryTimeout, WorkersBusy
from graph.settings import Settings

__all__ = ["MAX_TRACKED_CLIENTS", "Admission", "QuerySlot", "TooManyQueries", "client_key"]

MAX_TRACKED_CLIENTS = 10_000
"""Penalised clients remembered at most; past it, the penalty that would end soonest is
dropped. Each entry is a short string and a float, so the table stays under a few MB even
when an attacker cycles addresses. Clients with queries in flight are tracked besides,
and there are at most as many of those as requests the server runs at once."""

IPV6_CLIENT_PREFIX = 64
"""The IPv6 network length that counts as one client."""

_MAX_KEY_LENGTH = 100
"""Longest non-IP client name kept (a proxy may forward a name such as ``unknown``)."""


class TooManyQueries(PolicyKGError):
    """A client already has as many queries in flight as it may have; ``retry_after`` is in s."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Admission:
    """Counts each client's queries in flight and refuses those over its allowance.

    Parameters
    ----------
    penalty_seconds
        How long a client whose query ran past the time limit may run only one query at a
        time; 0 switches the penalty off.
    max_per_client
        Queries any client may have in flight at once; 0 for no limit.
    query_timeout
        The workers' time limit: a running query ends within it, which bounds the wait
        advised in ``Retry-After``.
    workers
        Queries the pool runs at once; a query admitted with this many in flight waits.
    capacity
        Penalised clients remembered at most (see :data:`MAX_TRACKED_CLIENTS`).
    clock
        Monotonic seconds; tests may pass their own.

    Examples
    --------
    >>> admission = Admission(penalty_seconds=60, max_per_client=0, query_timeout=2, workers=4)
    >>> try:
    ...     with admission.admit("192.0.2.1"):
    ...         raise QueryTimeout("the query ran past the 2 s time limit")
    ... except QueryTimeout:
    ...     pass
    >>> admission.penalised
    1
    >>> try:
    ...     with admission.admit("192.0.2.1"), admission.admit("192.0.2.1"):
    ...         pass
    ... except TooManyQueries as exc:
    ...     print(f"Retry-After: {exc.retry_after}; {exc}")  # doctest: +NORMALIZE_WHITESPACE
    Retry-After: 2; a query from 192.0.2.1 ran past the 2 s time limit, so for 60 s more it
    may run one query at a time, while workers are left free for others; one of its queries
    is running now; send the next when it has finished
    """

    def __init__(
        self,
        *,
        penalty_seconds: float,
        max_per_client: int,
        query_timeout: float,
        workers: int,
        capacity: int = MAX_TRACKED_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.penalty_seconds = penalty_seconds
        self.max_per_client = max_per_client
        self.query_timeout = query_timeout
        self.workers = workers
        self.capacity = capacity
        self._penalised_room = max(1, workers - 1)  # below this many in flight, may start
        self._clock = clock
        self._lock = threading.Lock()  # sync routes run in a thread pool
        self._in_flight: dict[str, int] = {}
        self._total = 0
        # client -> end of its penalty; every penalty lasts penalty_seconds from a monotonic
        # clock read under the lock, so insertion order is expiry order (soonest first)
        self._penalties: OrderedDict[str, float] = OrderedDict()

    @classmethod
    def from_settings(cls, settings: Settings) -> Admission:
        """The admission control the settings ask for."""
        return cls(
            penalty_seconds=settings.query_penalty_seconds,
            max_per_client=settings.max_queries_per_client,
            query_timeout=settings.query_timeout,
            workers=settings.query_workers,
        )

    @property
    def penalised(self) -> int:
        """Number of clients penalised now."""
        with self._lock:
            self._expire(self._clock())
            return len(self._penalties)

    @property
    def tracked(self) -> int:
        """Number of clients the table holds now (penalised or with queries in flight)."""
        with self._lock:
            self._expire(self._clock())
            return len(self._penalties.keys() | self._in_flight.keys())

    @contextmanager
    def admit(self, client: str) -> Iterator[None]:
        """Hold one of ``client``'s query slots while the body runs a query.

        A :class:`~graph.errors.QueryTimeout` out of the body penalises ``client``, unless
        it is :class:`~graph.errors.WorkersBusy` or the query ran for less than half the
        limit (see the module); the exception goes on.

        Raises
        ------
        TooManyQueries
            At once, when ``client`` is penalised and has a query in flight or would take
            one of the last free workers, or when it has ``max_per_client`` queries in
            flight.
        """
        queued = self._enter(client)
        try:
            yield
        except WorkersBusy:
            raise
        except QueryTimeout as exc:
            ran_for = exc.ran_for
            ran_away = (not queued) if ran_for is None else ran_for >= self.query_timeout / 2
            if ran_away:
                self._penalise(client)
            raise
        finally:
            self._leave(client)

    def _enter(self, client: str) -> bool:
        """Count a query of ``client`` in; whether it will wait for a worker."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            running = self._in_flight.get(client, 0)
            penalty_end = self._penalties.get(client)
            if penalty_end is not None and (running or self._total >= self._penalised_room):
                now_busy = (
                    "one of its queries is running now; send the next when it has finished"
                    if running
                    else "the workers are busy now; retry later"
                )
                raise TooManyQueries(
                    f"a query from {client} ran past the {self.query_timeout:g} s time limit, "
                    f"so for {math.ceil(penalty_end - now)} s more it may run one query at a "
                    f"time, while workers are left free for others; {now_busy}",
                    retry_after=_whole_seconds(min(penalty_end - now, self.query_timeout)),
                )
            if self.max_per_client and running >= self.max_per_client:
                raise TooManyQueries(
                    f"{client} already runs as many queries at once as one client may "
                    f"({self.max_per_client}); send the next when one has finished",
                    retry_after=_whole_seconds(self.query_timeout),
                )
            self._in_flight[client] = running + 1
            self._total += 1
            return self._total > self.workers

    def _leave(self, client: str) -> None:
        with self._lock:
            self._total -= 1
            running = self._in_flight.pop(client) - 1
            if running:
                self._in_flight[client] = running

    def _penalise(self, client: str) -> None:
        if self.penalty_seconds <= 0:
            return
        with self._lock:
            self._penalties[client] = self._clock() + self.penalty_seconds
            self._penalties.move_to_end(client)
            while len(self._penalties) > self.capacity:
                self._penalties.popitem(last=False)

    def _expire(self, now: float) -> None:
        while self._penalties and next(iter(self._penalties.values())) <= now:
            self._penalties.popitem(last=False)


def _whole_seconds(seconds: float) -> int:
    """A ``Retry-After`` value: whole seconds, at least 1."""
    return max(1, math.ceil(seconds))


def client_key(host: str | None) -> str:
    """The client a request comes from, by its address: IPv4, or the IPv6 /64 network.

    >>> client_key("203.0.113.7")
    '203.0.113.7'
    >>> client_key("2001:db8:1:2:a:b:c:d")
    '2001:db8:1:2::/64'
    >>> client_key("::ffff:203.0.113.7")
    '203.0.113.7'
    >>> client_key(None)
    'unknown'
    """
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:_MAX_KEY_LENGTH]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False))
    return str(address)


async def query_slot(request: Request) -> AbstractContextManager[None]:
    """A slot in the worker pool for this request's client; enter it around the query run."""
    admission: Admission = request.app.state.admission
    return admission.admit(client_key(request.client.host if request.client else None))


QuerySlot = Annotated[AbstractContextManager[None], Depends(query_slot)]
