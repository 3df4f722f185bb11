"""Run user queries under a time limit and a result-size limit, isolated from the server.

pyoxigraph has no query timeout and a running query cannot be interrupted from
Python, so each query runs in a worker process (:mod:`graph.query_worker`) holding its
own read-only view of the dataset. An on-disk store is opened read-only by every worker.
An in-memory store is dumped once to N-Quads, and then either each worker loads its own
in-memory copy (``snapshot="memory"``: fastest scans, one more copy of the data per
worker) or the dump is bulk-loaded once into a private on-disk store that every worker
opens read-only (``snapshot="disk"``: little RAM per worker, slower scans, and a killed
worker is replaced at once instead of reloading). ``"auto"`` picks disk from
``auto_triples`` triples up. Reading an in-memory Oxigraph store writes to its pages
(reference counts), so forked copies would not stay shared: the choice is real.

When a query passes its deadline the worker is killed and replaced: the query really
stops, and the other workers keep answering meanwhile. While a query waits for a worker,
the limit is halved for the others: the longest-running query past half the limit is
stopped to make room (each waiting query stops at most one), so runaway queries cannot
hold every worker for the whole limit. Workers start in the background,
so the server answers ``/health`` while they load; a query waits for a ready worker
within its limit.

Against a remote store (``sparql:URL``) the server is the isolation: the query is sent
with a client-side deadline after which the connection is dropped, and the result is
capped the same way as a worker caps it.

Workers execute each query once and serialise results themselves (pyoxigraph's
serialisers), so only bytes cross the process boundary.
"""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from graph.errors import QueryRejected, QueryTimeout, ResultTooLarge, WorkersBusy
from graph.query_worker import GRAPH_FORMATS, RESULT_FORMATS, Reply, Request
from graph.settings import DEFAULT_QUERY_WORKERS, DEFAULT_SNAPSHOT_AUTO_TRIPLES
from graph.store import OxigraphStore, PythonValue, Store
from graph.worker_process import STARTUP_TIMEOUT, Worker, write_snapshot

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "QueryRunner", "Rows", "Serialized"]

Snapshot = Literal["auto", "memory", "disk"]

PREEMPT_AFTER = 0.5
"""Fraction of the time limit after which a running query may be stopped for a waiting one."""

PREEMPT_POLL = 0.05
"""Seconds between a waiting query's looks for a query to stop."""


@dataclass(frozen=True)
class Serialized:
    """A query result serialised in one media type."""

    body: bytes
    media_type: str


@dataclass(frozen=True)
class Rows:
    """A SELECT result as plain values, cut at the row cap (``truncated`` says so)."""

    columns: list[str]
    rows: list[dict[str, PythonValue]]
    truncated: bool


class QueryRunner:
    """Runs read-only queries against a store under the time and size limits.

    Parameters
    ----------
    store
        The store to query; an embedded store is snapshotted for the workers when they
        start (it must not change afterwards), a remote one is queried directly.
    timeout
        Seconds a query may run, including the wait for a free worker.
    max_rows
        Result rows or triples a query may return.
    workers
        Number of worker processes, i.e. queries that can run at once (embedded stores).
    snapshot, auto_triples
        How workers hold an in-memory store's data (see the module docstring).
    preempt
        Whether a query waiting for a worker may stop one running past half the limit.
    snapshot_dir
        Where snapshots are written; the system's temporary folder when ``None``. It should
        be on disk: a snapshot on a RAM-backed ``tmpfs`` is held in memory after all.

    Notes
    -----
    Callers must vet query text first (:func:`graph.query_guard.vet_query`): workers run
    what they are given, and ``SERVICE`` opens network connections.
    """

    def __init__(
        self,
        store: Store,
        *,
        timeout: float,
        max_rows: int,
        workers: int = DEFAULT_QUERY_WORKERS,
        snapshot: Snapshot = "auto",
        auto_triples: int = DEFAULT_SNAPSHOT_AUTO_TRIPLES,
        snapshot_dir: Path | None = None,
        preempt: bool = True,
    ) -> None:
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = workers
        self.snapshot = snapshot
        self.auto_triples = auto_triples
        self.snapshot_dir = snapshot_dir
        self.preempt = preempt
        self._store = store
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._snapshot_lock = threading.Lock()
        self._busy = 0
        self._running: dict[Worker, float] = {}  # worker -> when its query started
        self._started = False
        self._any_ready = threading.Event()  # a worker has been ready since the start
        self._source_spec: tuple[str, str] | None = None
        self._snapshot_folder: Path | None = None  # the snapshot made in snapshot_dir
        self._startup_error: str | None = None

    @property
    def isolated_in_workers(self) -> bool:
        """False for a remote store, which runs queries on its own server."""
        return isinstance(self._store, OxigraphStore)

    def start(self) -> None:
        """Start the workers in the background (idempotent); queries also start them."""
        with self._lock:
            if self._started or not self.isolated_in_workers:
                return
            self._started = True
            self._startup_error = None
        threading.Thread(target=self._start_workers, name="policykg-workers", daemon=True).start()

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Start the workers and block until one can take a query (a remote store: at once).

        Raises
        ------
        RuntimeError
            When the workers could not start, or none was ready within ``timeout``.
        """
        self.start()
        deadline = time.monotonic() + timeout
        while self.isolated_in_workers and not self._any_ready.wait(0.05):
            if self._startup_error:
                raise RuntimeError(self._startup_error)
            if time.monotonic() > deadline:
                raise RuntimeError(f"no query worker was ready within {timeout:g} s")

    def close(self) -> None:
        """Stop every idle worker; busy ones are stopped when their query returns or expires."""
        with self._lock:
            self._started = False
            while not self._idle.empty():
                self._idle.get_nowait().kill()
            folder, self._snapshot_folder, self._source_spec = self._snapshot_folder, None, None
        if folder is not None:  # workers still starting cannot open it and exit
            shutil.rmtree(folder, ignore_errors=True)

    @property
    def snapshot_kind(self) -> str | None:
        """How the workers hold the data: 'memory', 'disk', 'store' (the store's own
        files, opened read-only), or None before they start or for a remote store."""
        if self._source_spec is None:
            return None
        if self._source_spec[0] == "load":
            return "memory"
        return "disk" if self._snapshot_folder is not None else "store"

    @property
    def running(self) -> int:
        """Number of queries being run now."""
        return self._busy

    def serialize(
        self,
        query: str,
        *,
        media_type: str,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        base_iri: str | None = None,
    ) -> Serialized:
        """Run ``query`` once and serialise its result as ``media_type``.

        ``media_type`` must be a key of :data:`RESULT_FORMATS` for SELECT and ASK or of
        :data:`GRAPH_FORMATS` for CONSTRUCT and DESCRIBE. Relative IRIs in ``query``
        resolve against ``base_iri``; without one they are refused.

        Raises
        ------
        QueryRejected
            When the engine refuses the query (syntax it does not support).
        QueryTimeout
            When the query runs past the time limit; its worker is killed.
        ResultTooLarge
            When the result has more rows or triples than the cap.
        """
        reply = self._run(
            {
                "query": query,
                "media_type": media_type,
                "substitutions": {},
                "default_graph": list(default_graph),
                "named_graphs": list(named_graphs),
                "base_iri": base_iri,
                "max_rows": self.max_rows,
            }
        )
        if reply[0] == "serialized":
            return Serialized(reply[1], reply[2])
        raise ResultTooLarge(f"the result has more than {self.max_rows} rows or triples")

    def rows(self, query: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> Rows:
        """Run a SELECT with variables pre-bound; rows past the cap are cut and flagged.

        Raises
        ------
        QueryRejected, QueryTimeout
            As :meth:`serialize`.
        """
        reply = self._run(
            {
                "query": query,
                "media_type": None,
                "substitutions": dict(substitutions),
                "default_graph": [],
                "named_graphs": [],
                "base_iri": None,
                "max_rows": self.max_rows,
            }
        )
        if reply[0] != "rows":
            raise QueryRejected("a canned query must be a SELECT")
        return Rows(reply[1], reply[2], reply[3])

    # -- running -------------------------------------------------------------------
    def _run(self, request: Request) -> Reply:
        with self._lock:
            self._busy += 1
        try:
            reply = self._run_isolated(request)
        finally:
            with self._lock:
                self._busy -= 1
        if reply[0] == "rejected":
            raise QueryRejected(reply[1])
        return reply

    def _run_isolated(self, request: Request) -> Reply:
        deadline = time.monotonic() + self.timeout
        if not self.isolated_in_workers:
            return self._store.run_capped(request, timeout=self.timeout)  # type: ignore[attr-defined]
        self.start()
        try:
            worker = self._acquire(deadline)
        except queue.Empty:
            if self._startup_error:
                raise RuntimeError(self._startup_error) from None
            if not self._any_ready.is_set():
                raise WorkersBusy(
                    "the query workers are still loading the data; retry in a few seconds"
                ) from None
            raise WorkersBusy(
                f"every query worker stayed busy for the {self.timeout:g} s time limit"
            ) from None
        started = time.monotonic()
        with self._lock:
            self._running[worker] = started
        try:
            reply = worker.ask(request, max(0.0, deadline - started), self.timeout)
        except QueryTimeout as exc:
            exc.ran_for = time.monotonic() - started
            self._retire(worker)
            raise
        except BaseException:
            self._retire(worker)
            raise
        with self._lock:
            del self._running[worker]
        if worker.preempted:  # stopped just as it answered: the answer stands, not the worker
            self._retire(worker)
        else:
            self._offer(worker)
        return reply

    def _acquire(self, deadline: float) -> Worker:
        """A ready worker, waited for until ``deadline`` (then :class:`queue.Empty`).

        While waiting, stop (once) the longest-running query past :data:`PREEMPT_AFTER` of
        the limit; its worker's replacement is the next one free.
        """
        stopped_one = False
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                return self._idle.get(timeout=min(remaining, PREEMPT_POLL))
            except queue.Empty:
                stopped_one = stopped_one or (self.preempt and self._preempt_oldest())
        raise queue.Empty

    def _preempt_oldest(self) -> bool:
        """Stop the longest-running query past the preemption age; whether there was one."""
        started_by = time.monotonic() - self.timeout * PREEMPT_AFTER
        with self._lock:
            running = [(t, w) for w, t in self._running.items() if not w.preempted]
            oldest = min(running, key=lambda tw: tw[0], default=None)
            if oldest is None or oldest[0] > started_by:
                return False
            oldest[1].preempt()  # under the lock: no other waiter picks it
        return True

    def _retire(self, worker: Worker) -> None:
        """Stop ``worker`` for good and start another in its place."""
        with self._lock:
            self._running.pop(worker, None)
        worker.kill()
        self._replace()

    # -- the pool ------------------------------------------------------------------
    def _start_workers(self) -> None:
        try:
            source = self._source()
            workers = [Worker(source) for _ in range(self.size)]
        except Exception as exc:
            self._startup_error = f"query workers could not start: {exc}"
            return
        for worker in workers:
            self._settle(worker)

    def _source(self) -> tuple[str, str]:
        """How a worker opens the dataset: a read-only on-disk store, or N-Quads to load.

        Made once, under its own lock so that queries waiting for workers are not held up.
        """
        with self._snapshot_lock:
            if self._source_spec is not None:
                return self._source_spec
            store = self._store
            assert isinstance(store, OxigraphStore)
            if store.location is not None:
                store.flush()
                spec = ("read-only", str(store.location))
            else:
                folder = Path(tempfile.mkdtemp(prefix="policykg-snapshot-", dir=self.snapshot_dir))
                spec = write_snapshot(store, folder, on_disk=self._on_disk(store))
                with self._lock:
                    if not self._started:  # closed meanwhile
                        shutil.rmtree(folder, ignore_errors=True)
                        raise RuntimeError("the query runner was closed")
                    self._snapshot_folder = folder
            self._source_spec = spec
            return spec

    def _on_disk(self, store: OxigraphStore) -> bool:
        if self.snapshot == "auto":
            return store.triple_count() >= self.auto_triples
        return self.snapshot == "disk"

    def _settle(self, worker: Worker) -> None:
        """Wait until ``worker`` has its dataset, then offer it to queries."""
        try:
            worker.wait_ready()
        except Exception as exc:
            worker.kill()
            self._startup_error = f"a query worker failed to start: {exc!r}"
            return
        self._offer(worker)

    def _offer(self, worker: Worker) -> None:
        with self._lock:
            if self._started:
                self._any_ready.set()
                self._idle.put(worker)
                return
        worker.kill()

    def _replace(self) -> None:
        """Start a worker in place of a killed one, in the background."""
        with self._lock:
            source = self._source_spec if self._started else None
        if source is not None:
            threading.Thread(
                target=lambda: self._settle(Worker(source)), name="policykg-worker", daemon=True
            ).start()
