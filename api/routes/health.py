"""Liveness with the size and version of the data served."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import RunnerDep, StoreDep
from api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(request: Request, store: StoreDep, runner: RunnerDep) -> Health:
    """200 with the triple count, the data version, the queries running now, how the
    query workers hold the data and how many clients are penalised for runaway queries."""
    return Health(
        triples=store.triple_count(),
        data_version=store.data_version,
        running_queries=runner.running,
        worker_snapshot=runner.snapshot_kind,
        penalised_clients=request.app.state.admission.penalised,
    )
