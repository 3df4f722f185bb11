"""Bodies: the list, one body (by id, code or alias), and the measures of a body."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models import BodyMeasurePage, BodyPage, BodySummary
from graph import body_resources, records

router = APIRouter(prefix="/bodies", tags=["bodies"])


@router.get("", response_model=BodyPage)
def list_bodies(store: StoreDep) -> records.Page[records.BodySummary]:
    """Every body with its code, aliases and measure count."""
    return body_resources.list_bodies(store)


@router.get("/{key}", response_model=BodySummary)
def get_body(store: StoreDep, key: str) -> records.BodySummary:
    """One body, named by id, code or alias (any case), e.g. ``local authorities``."""
    return body_resources.body_detail(store, key)


@router.get("/{key}/measures", response_model=BodyMeasurePage)
def get_body_measures(
    store: StoreDep,
    key: str,
    role: str | None = Query(None, description="Keep one role, e.g. regulator."),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> records.Page[records.BodyMeasure]:
    """The measures that give the body a role, with the role on each, by label;
    ``total`` counts them all."""
    return body_resources.body_measures(store, key, role=role, limit=limit, offset=offset)
