"""Measures: list and search, one measure in full, the bodies of a measure."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models import BodyRole, MeasureDetail, MeasurePage
from graph import records, resources

router = APIRouter(prefix="/measures", tags=["measures"])


@router.get("", response_model=MeasurePage)
def list_measures(
    store: StoreDep,
    q: str | None = Query(None, description="Words matched in label, description, source."),
    body: str | None = Query(None, description="Body id, code or alias."),
    principle: str | None = Query(None, description="Principle id."),
    status: str | None = Query(None, description="Status code, e.g. announced."),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> records.Page[records.MeasureSummary]:
    """Measures, best matches first when ``q`` is given."""
    return resources.list_measures(
        store, q=q, body=body, principle=principle, status=status, limit=limit, offset=offset
    )


@router.get("/{measure_id}", response_model=MeasureDetail)
def get_measure(store: StoreDep, measure_id: str) -> records.MeasureDetail:
    """One measure with its principles, bodies, legislation, dependencies and source."""
    return resources.measure_detail(store, measure_id)


@router.get("/{measure_id}/bodies", response_model=list[BodyRole])
def get_measure_bodies(
    store: StoreDep,
    measure_id: str,
    role: str | None = Query(None, description="Keep one role, e.g. duty-holder."),
) -> list[records.BodyRole]:
    """Every body the measure gives a role, with the supporting quote."""
    return resources.measure_bodies(store, measure_id, role=role)
