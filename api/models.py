"""Response models of the API beyond the library's records: pages, health, canned
queries and the error body.

The records themselves (a measure, a body's role, …) are defined once, in
:mod:`graph.records`, and used here as they are.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.records import (
    BodyMeasure,
    BodyRole,
    BodySummary,
    EntitySummary,
    LegislationDetail,
    MeasureDetail,
    MeasureSummary,
    SearchHit,
)

__all__ = [
    "BodyMeasure",
    "BodyMeasurePage",
    "BodyPage",
    "BodyRole",
    "BodySummary",
    "CannedQuery",
    "CannedResult",
    "EntityPage",
    "Error",
    "Health",
    "LegislationDetail",
    "MeasureDetail",
    "MeasurePage",
    "SearchPage",
]


class MeasurePage(BaseModel):
    items: list[MeasureSummary]
    total: int


class BodyPage(BaseModel):
    items: list[BodySummary]
    total: int


class BodyMeasurePage(BaseModel):
    items: list[BodyMeasure]
    total: int


class EntityPage(BaseModel):
    items: list[EntitySummary]
    total: int


class SearchPage(BaseModel):
    items: list[SearchHit]
    total: int


class Health(BaseModel):
    status: str = "ok"
    triples: int
    data_version: str
    running_queries: int = Field(description="Queries being run by the query workers now.")
    worker_snapshot: str | None = Field(
        description="How the workers hold the data: 'memory' (a copy each), 'disk' (one "
        "shared read-only copy), 'store' (the on-disk store's own files); null before they "
        "start or for a remote store."
    )
    penalised_clients: int = Field(
        description="Clients limited to one query at a time after a query ran past the limit."
    )


class CannedParameter(BaseModel):
    name: str
    type: str
    description: str


class CannedQuery(BaseModel):
    name: str
    title: str
    description: str
    parameters: list[CannedParameter]


class CannedResult(BaseModel):
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when rows were cut at the row cap.")


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(examples=["unknown_entity"])
    message: str


class Error(BaseModel):
    """The one error body every endpoint returns."""

    error: ErrorDetail
