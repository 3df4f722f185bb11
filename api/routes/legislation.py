"""Legislation: bills, acts and sections, and the measures they carry or that cite them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.models import EntityPage, LegislationDetail
from graph import catalogue, records

router = APIRouter(prefix="/legislation", tags=["legislation"])


@router.get("", response_model=EntityPage)
def list_legislation(store: StoreDep) -> records.Page[records.EntitySummary]:
    """Every bill, act and section with its measure count."""
    return catalogue.list_legislation(store)


@router.get("/{legislation_id}", response_model=LegislationDetail)
def get_legislation(store: StoreDep, legislation_id: str) -> records.LegislationDetail:
    """One piece of legislation with the measures it carries and that cite it."""
    return catalogue.legislation_detail(store, legislation_id)
