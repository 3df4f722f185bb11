"""All configuration, read once from the environment (``POLICYKG_*``) into one object.

Build it with :func:`get_settings` (or ``Settings(...)`` in tests) and pass it down;
nothing else in PolicyKG reads the environment.

>>> Settings(query_timeout=2.5).query_timeout
2.5
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
"""The checkout PolicyKG runs from; data, ontology and queries are found relative to it."""

DEFAULT_QUERY_WORKERS = 4
"""Query worker processes. More than the slow queries expected at once: with 4, two clients
holding workers with runaway queries leave normal queries' p99 within 1.4x of unloaded
(scripts/load_test.py); with 2 it was 47x. Each in-memory worker holds a copy of the data."""


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
    max_rows: int = Field(10_000, gt=0, description="Result rows (or triples) a query may return.")
    max_query_bytes: int = Field(100_000, gt=0, description="Largest accepted query text.")
    max_body_bytes: int = Field(1_000_000, gt=0, description="Largest accepted request body.")
    cors_origins: list[str] = Field(["*"], description="Origins allowed to GET from a browser.")
    admin_reload: bool = Field(False, description="Expose POST /admin/reload (off by default).")


@lru_cache
def get_settings() -> Settings:
    """Return the settings read from the environment (cached for the process)."""
    return Settings()
