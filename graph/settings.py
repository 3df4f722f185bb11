"""All configuration, read once from the environment (``POLICYKG_*``) into one object.

Build it with :func:`get_settings` (or ``Settings(...)`` in tests) and pass it down;
nothing else in PolicyKG reads the environment.

>>> Settings(query_timeout=2.5).query_timeout
2.5
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
"""The checkout PolicyKG runs from; data, ontology and queries are found relative to it."""

DEFAULT_QUERY_WORKERS = 4
"""Query worker processes. More than the slow queries expected at once: with 4, two clients
holding workers with runaway queries leave normal queries' p99 within 1.4x of unloaded
(scripts/load_test.py); with 2 it was 47x. Each in-memory worker holds a copy of the data."""

DEFAULT_SNAPSHOT_AUTO_TRIPLES = 500_000
"""Above this many triples, workers share one read-only on-disk copy of an in-memory store
instead of each loading its own: an in-memory copy costs about 340 bytes a triple per
worker (1.86 GB for 4 workers at 1.35 million triples), an on-disk one little RAM, at the
price of slower scans (docs/benchmarks.md compares both)."""


class Settings(BaseSettings):
    """PolicyKG's settings; each field can be set as ``POLICYKG_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore")

    data_dir: Path = Field(REPO_ROOT / "data", description="Folder of instance data (*.ttl).")
    ontology_dir: Path = Field(REPO_ROOT / "ontology", description="Ontology and shapes.")
    queries_dir: Path = Field(REPO_ROOT / "queries", description="Canned SPARQL queries (*.rq).")
    store: str = Field(
        "memory", description="'memory', 'oxigraph:/path' or 'sparql:URL [update=URL]'."
    )
    query_timeout: float = Field(10.0, gt=0, description="Seconds a query may run.")
    query_workers: int = Field(
        DEFAULT_QUERY_WORKERS, gt=0, description="Worker processes that run SPARQL queries."
    )
    query_preemption: bool = Field(
        True,
        description="While a query waits for a worker, stop the longest-running query past "
        "half the time limit to make room.",
    )
    worker_snapshot: Literal["auto", "memory", "disk"] = Field(
        "auto",
        description="How workers hold an in-memory store's data: each its own copy ('memory'), "
        "one read-only on-disk copy they share ('disk'), or 'disk' above "
        "worker_snapshot_auto_triples ('auto').",
    )
    worker_snapshot_auto_triples: int = Field(
        DEFAULT_SNAPSHOT_AUTO_TRIPLES, gt=0, description="Size at which 'auto' switches to 'disk'."
    )
    worker_snapshot_dir: Path | None = Field(
        None,
        description="Folder for the workers' snapshots (default: the system's temporary "
        "folder). Keep it on disk: on a RAM-backed tmpfs a 'disk' snapshot is held in memory.",
    )
    max_rows: int = Field(10_000, gt=0, description="Result rows (or triples) a query may return.")
    max_query_bytes: int = Field(100_000, gt=0, description="Largest accepted query text.")
    max_body_bytes: int = Field(1_000_000, gt=0, description="Largest accepted request body.")
    cors_origins: list[str] = Field(["*"], description="Origins allowed to GET from a browser.")
    admin_reload: bool = Field(False, description="Expose POST /admin/reload (off by default).")
    query_penalty_seconds: float = Field(
        60.0,
        ge=0,
        description="Seconds a client whose query ran past the time limit is held to one "
        "query at a time, leaving a worker free for others (0 switches the penalty off).",
    )
    max_queries_per_client: int = Field(
        0, ge=0, description="Queries one client may run at once (0: no limit)."
    )


@lru_cache
def get_settings() -> Settings:
    """Return the settings read from the environment (cached for the process)."""
    return Settings()
