"""Run user queries in worker processes, under a time limit and a result-size limit.

pyoxigraph has no query timeout and a running query cannot be interrupted from
Python, so each query runs in a worker process holding its own copy of the
dataset. When a query passes its deadline the worker is killed and replaced:
the query really stops, and the other workers keep answering meanwhile.

Workers serialise results themselves (pyoxigraph's serialisers), so only bytes
cross the process boundary.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

import pyoxigraph as ox

from graph.errors import QueryRejected, QueryTimeout, ResultTooLarge
from graph.settings import REPO_ROOT
from graph.store import PythonValue, Store, to_python

__all__ = ["GRAPH_FORMATS", "RESULT_FORMATS", "QueryRunner", "Rows", "Serialized"]

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types offered for SELECT and ASK results, the default first."""

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
"""Media types offered for CONSTRUCT and DESCRIBE results and for linked data, the default first."""

DEFAULT_WORKERS = 2
STARTUP_TIMEOUT = 120.0
"""Seconds a fresh worker may take to load the dataset."""


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


@dataclass(frozen=True)
class _Request:
    query: str
    media_type: str | None
    substitutions: Mapping[str, ox.NamedNode | ox.Literal]
    default_graph: Sequence[str]
    named_graphs: Sequence[str]
    max_rows: int
    base_iri: str | None = None


class QueryRunner:
    """A pool of worker processes that run read-only queries against a snapshot of a store.

    Parameters
    ----------
    store
        The store whose quads the workers load (copied once, at construction).
    timeout
        Seconds a query may run (including waiting for a free worker).
    max_rows
        Result rows or triples a query may return.
    workers
        Number of worker processes, i.e. queries that can run at once.

    Notes
    -----
    Callers must vet query text first (:func:`graph.query_guard.vet_query`): workers run
    what they are given, and ``SERVICE`` opens network connections.
    """

    def __init__(
        self, store: Store, *, timeout: float, max_rows: int, workers: int = DEFAULT_WORKERS
    ) -> None:
        self.timeout = timeout
        self.max_rows = max_rows
        self.size = workers
        self._dataset = ox.serialize(store.triples(), format=ox.RdfFormat.N_QUADS)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> None:
        """Start the workers (idempotent); queries also start them on first use."""
        with self._lock:
            if not self._started:
                for _ in range(self.size):
                    self._idle.put(_Worker(self._dataset))
                self._started = True

    def close(self) -> None:
        """Stop every idle worker; busy ones are stopped when their query returns or expires."""
        with self._lock:
            while not self._idle.empty():
                self._idle.get_nowait().kill()
            self._started = False

    @property
    def running(self) -> int:
        """Number of queries being run now."""
        return self.size - self._idle.qsize() if self._started else 0

    def serialize(
        self,
        query: str,
        *,
        media_type: str,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        base_iri: str | None = None,
    ) -> Serialized:
        """Run ``query`` and serialise its result as ``media_type``.

        ``media_type`` must be a key of :data:`RESULT_FORMATS` for SELECT and ASK or of
        :data:`GRAPH_FORMATS` for CONSTRUCT and DESCRIBE. A SELECT within the row cap is
        evaluated twice (once to count, once to serialise), which bounds memory.
        Relative IRIs in ``query`` resolve against ``base_iri``; without one they are refused.

        Raises
        ------
        QueryRejected
            When the engine refuses the query (syntax it does not support).
        QueryTimeout
            When the query runs past the time limit; its worker is killed.
        ResultTooLarge
            When the result has more rows or triples than the cap.
        """
        request = _Request(
            query, media_type, {}, default_graph, named_graphs, self.max_rows, base_iri
        )
        result = self._run(request)
        if isinstance(result, Rows):
            raise ResultTooLarge(f"the result has more than {self.max_rows} rows or triples")
        return result

    def rows(self, query: str, *, substitutions: Mapping[str, ox.NamedNode | ox.Literal]) -> Rows:
        """Run a SELECT with variables pre-bound; rows past the cap are cut and flagged.

        Raises
        ------
        QueryRejected, QueryTimeout
            As :meth:`serialize`.
        """
        result = self._run(_Request(query, None, substitutions, (), (), self.max_rows))
        if not isinstance(result, Rows):
            raise QueryRejected("a canned query must be a SELECT")
        return result

    def _run(self, request: _Request) -> Rows | Serialized:
        self.start()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"every query worker stayed busy for the {self.timeout:g} s time limit"
            ) from None
        try:
            status, payload = worker.ask(request, self.timeout)
        except BaseException:
            worker.kill()
            worker = _Worker(self._dataset)
            raise
        finally:
            self._idle.put(worker)
        if status == "rejected":
            raise QueryRejected(payload)
        return payload


class _Worker:
    """One worker process, spoken to with pickles over its stdin and stdout.

    A fresh interpreter (not ``multiprocessing``) so the worker never re-imports the
    caller's ``__main__``; it loads the dataset, says ``ready``, then answers requests.
    """

    def __init__(self, dataset: bytes) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from graph.query_runner import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=REPO_ROOT,
        )
        self._send(dataset)
        self._ready = False

    def wait_ready(self) -> None:
        if not self._ready:
            self.receive(STARTUP_TIMEOUT)
            self._ready = True

    def ask(self, request: _Request, timeout: float) -> tuple[str, Any]:
        self.wait_ready()
        self._send(request)
        return self.receive(timeout)

    def receive(self, timeout: float) -> Any:
        stdout = self.process.stdout
        assert stdout is not None
        readable, _, _ = select.select([stdout], [], [], timeout)
        if not readable:
            raise QueryTimeout(f"the query ran past the {timeout:g} s time limit")
        return pickle.load(stdout)

    def _send(self, message: object) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        pickle.dump(message, stdin)
        stdin.flush()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def serve() -> None:
    """Worker process main loop: load the dataset, then answer requests until stdin closes."""
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt replies
    store = ox.Store()
    store.bulk_load(pickle.load(requests), format=ox.RdfFormat.N_QUADS)
    _reply(replies, "ready")
    while True:
        try:
            request: _Request = pickle.load(requests)
        except EOFError:
            return
        try:
            _reply(replies, ("ok", _execute(store, request)))
        except SyntaxError as exc:
            _reply(replies, ("rejected", str(exc)))


def _reply(replies: IO[bytes], message: object) -> None:
    pickle.dump(message, replies)
    replies.flush()


def _execute(store: ox.Store, request: _Request) -> Rows | Serialized:
    """Run one request; a result over the cap comes back as truncated :class:`Rows`."""

    def run() -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        return store.query(
            request.query,
            base_iri=request.base_iri,
            substitutions={ox.Variable(k): v for k, v in request.substitutions.items()} or None,
            default_graph=[ox.NamedNode(g) for g in request.default_graph] or None,
            named_graphs=[ox.NamedNode(g) for g in request.named_graphs] or None,
        )

    result = run()
    cap = request.max_rows
    if isinstance(result, ox.QueryBoolean):
        return _serialize_results(result, request.media_type)
    if isinstance(result, ox.QueryTriples):
        triples = _take(result, cap + 1)
        if len(triples) > cap:
            return Rows([], [], truncated=True)
        fmt = GRAPH_FORMATS[request.media_type or "text/turtle"]
        return Serialized(ox.serialize(triples, format=fmt), request.media_type or "text/turtle")
    columns = [v.value for v in result.variables]
    solutions = _take(result, cap + 1)
    truncated = len(solutions) > cap
    if request.media_type is None or truncated:
        rows = [{c: to_python(s[c]) for c in columns} for s in solutions[:cap]]
        return Rows(columns, rows, truncated)
    return _serialize_results(run(), request.media_type)


def _serialize_results(result: Any, media_type: str | None) -> Serialized:
    media_type = media_type or "application/sparql-results+json"
    return Serialized(result.serialize(format=RESULT_FORMATS[media_type]), media_type)


def _take(items: Any, n: int) -> list[Any]:
    taken = []
    for item in items:
        taken.append(item)
        if len(taken) >= n:
            break
    return taken
