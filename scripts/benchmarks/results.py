"""What a benchmark run measures, per size and engine; ``report`` turns these into tables."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Startup:
    engine: str
    load_s: float | None
    ready_s: float
    peak_rss_mb: float = 0.0
    first_query_s: float | None = None
    """Start to the first /sparql answer (PolicyKG's workers start after /health answers)."""


@dataclass
class Load:
    engine: str
    query: str
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    req_per_s: float
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
    worker_round_trip_ms: float


@dataclass
class SizeResult:
    size: str
    triples: int
    startups: list[Startup] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)
    in_process: InProcess | None = None

    def load(self, engine: str, query: str) -> Load | None:
        return next((x for x in self.loads if x.engine == engine and x.query == query), None)

    def startup(self, engine: str) -> Startup | None:
        return next((x for x in self.startups if x.engine == engine), None)
