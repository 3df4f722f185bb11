"""Liveness with the size and version of the data served."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import RunnerDep, StoreDep
from api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(store: StoreDep, runner: RunnerDep) -> Health:
    """200 with the triple count, the data version and the queries running now."""
    return Health(
        triples=store.triple_count(),
        data_version=store.data_version,
        running_queries=runner.running,
    )
