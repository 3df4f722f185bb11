"""Search across every entity type."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.models import SearchPage
from graph import catalogue, records

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchPage)
def search(
    store: StoreDep,
    q: str = Query(..., min_length=1, description="Words matched in labels, codes, aliases."),
    limit: int = Query(50, ge=1, le=1000),
) -> records.Page[records.SearchHit]:
    """Entities of any type, typed, best matches first."""
    return catalogue.search(store, q, limit=limit)
