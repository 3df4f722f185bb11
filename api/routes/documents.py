"""Policy documents, the sources of every measure."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.models import EntityPage
from graph import catalogue, records

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=EntityPage)
def list_documents(store: StoreDep) -> records.Page[records.EntitySummary]:
    """Every policy document with its issue date and measure count."""
    return catalogue.list_documents(store)
