"""Principles and the measures that serve them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.models import EntityPage, MeasurePage
from graph import catalogue, records

router = APIRouter(prefix="/principles", tags=["principles"])


@router.get("", response_model=EntityPage)
def list_principles(store: StoreDep) -> records.Page[records.EntitySummary]:
    """Every principle with its measure count."""
    return catalogue.list_principles(store)


@router.get("/{principle_id}/measures", response_model=MeasurePage)
def get_principle_measures(
    store: StoreDep, principle_id: str
) -> records.Page[records.MeasureSummary]:
    """The measures serving one principle."""
    return catalogue.principle_measures(store, principle_id)
