"""What a benchmark run measures, per size and engine; ``report`` turns these into tables.

The engine names live here too, because the engines write them and the report and the
target verdicts look results up by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PKG_MEMORY = "PolicyKG (workers in memory)"
"""``POLICYKG_WORKER_SNAPSHOT=memory``: each query worker loads its own in-memory copy."""
PKG_DISK = "PolicyKG (workers on disk)"
"""``POLICYKG_WORKER_SNAPSHOT=disk``: the workers share one read-only on-disk copy."""
POLICYKG_VARIANTS = (PKG_MEMORY, PKG_DISK)
OXI_MEMORY = "oxigraph serve (memory)"
OXI_DISK = "oxigraph serve-read-only (disk)"
RDFLIB = "rdflib-endpoint"

JOIN = "sparql join"
AGGREGATE = "sparql aggregate"
REST_QUERIES = ("GET /measures/{id}/bodies", "GET /bodies/{id}/measures")


@dataclass
class Startup:
    """How an engine started, and the memory its process tree used while it served."""

    engine: str
    load_s: float | None
    ready_s: float
    peak_rss_mb: float = 0.0
    """Sum of VmHWM over the process tree at the end (counts shared pages once per process)."""
    peak_pss_mb: float = 0.0
    """Largest sum of PSS over the process tree, sampled from start until the engine stopped."""
    first_query_s: float | None = None
    """Start to the first /sparql answer (PolicyKG's workers start after /health answers)."""
    worker_files: int | None = None
    """PolicyKG: regular files its worker processes hold open (an on-disk copy's files)."""


@dataclass
class Load:
    """One query against one engine by ``clients`` concurrent clients for a bounded time."""

    engine: str
    query: str
    clients: int
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    req_per_s: float
    connections: int
    """TCP connections the clients opened (one each when the server keeps them alive)."""
    rows: int | None = None


@dataclass
class InProcess:
    """Seconds for whole-graph work, and the safety machinery's cost per request in ms."""

    export_turtle_s: float
    export_graphml_s: float
    projection_s: float
    centrality_s: float
    communities_s: float
    guard_first_ms: float
    guard_repeat_ms: float
    runner_ms: float
    """Median ``QueryRunner.serialize`` of the join as SPARQL JSON (a worker in memory)."""
    direct_ms: float
    """Median of the same join run by pyoxigraph in process and serialised to SPARQL JSON."""
    isolation_ms: float
    """``runner_ms - direct_ms``: what running the query in a worker process adds."""


@dataclass
class SizeResult:
    """Everything measured at one size; ``failures`` names engines that could not be run."""

    size: str
    triples: int
    auto_snapshot: str = ""
    """What ``POLICYKG_WORKER_SNAPSHOT=auto`` picks at this size: 'memory' or 'disk'."""
    startups: list[Startup] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)
    in_process: InProcess | None = None
    failures: list[str] = field(default_factory=list)

    def load(self, engine: str, query: str, clients: int) -> Load | None:
        """The load of ``query`` on ``engine`` by ``clients`` clients, if it was measured."""
        return next(
            (
                x
                for x in self.loads
                if x.engine == engine and x.query == query and x.clients == clients
            ),
            None,
        )

    def startup(self, engine: str) -> Startup | None:
        """The startup figures of ``engine``, if it was run."""
        return next((x for x in self.startups if x.engine == engine), None)
