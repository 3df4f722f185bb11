"""Pydantic response models: the JSON contract of the resource endpoints.

Field names are what clients rely on; the library returns dataclasses with the same
fields and FastAPI validates them into these models.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Ref(BaseModel):
    id: str = Field(description="Last segment of the entity's IRI.")
    label: str


class MeasureSummary(BaseModel):
    id: str = Field(examples=["set-profit-caps-backstop"])
    iri: str
    label: str
    status: str | None = Field(description="Status code, e.g. 'announced'.")


class BodyRole(BaseModel):
    id: str = Field(examples=["sos"])
    code: str | None = Field(examples=["SoS"])
    label: str
    role: str = Field(description="Role code, e.g. 'power-holder'.")
    inferred: bool = Field(description="True when the modellers inferred the link.")
    quote: str | None = Field(None, description="The source words that support the link.")


class Dependency(BaseModel):
    id: str
    label: str
    relation: str = Field(description="'depends-on', 'backstop-for', 'informed-by' or 'pilot-of'.")


class DocumentRef(BaseModel):
    id: str
    title: str
    issued: str | None


class Source(BaseModel):
    document: DocumentRef | None
    text: str | None = Field(description="The verbatim source sentence.")


class MeasureDetail(BaseModel):
    id: str
    iri: str
    label: str
    description: str | None
    status: str | None
    timeframe: str | None
    principles: list[Ref]
    bodies: list[BodyRole]
    legislation: list[Ref]
    cohorts: list[Ref]
    depends_on: list[Dependency]
    depended_on_by: list[Dependency]
    source: Source


class BodySummary(BaseModel):
    id: str = Field(examples=["la"])
    iri: str
    code: str | None = Field(examples=["LA"])
    label: str
    aliases: list[str]
    measure_count: int
    part_of: list[Ref] = Field(default_factory=list)


class BodyMeasure(BaseModel):
    id: str
    iri: str
    label: str
    status: str | None
    role: str
    inferred: bool
    quote: str | None


class EntitySummary(BaseModel):
    id: str
    iri: str
    label: str
    type: str
    measure_count: int
    issued: str | None = None


class LegislationDetail(BaseModel):
    id: str
    iri: str
    label: str
    type: str
    part_of: list[Ref]
    carries: list[MeasureSummary]
    cited_by: list[MeasureSummary]


class SearchHit(BaseModel):
    type: str = Field(examples=["body"])
    id: str
    iri: str
    label: str
    score: float


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
