"""The records the resource functions return: one definition serves the library and the API.

They are pydantic dataclasses, so the library builds them like plain dataclasses and the
API declares them as response models: the field names and descriptions here are the JSON
contract clients rely on, and the OpenAPI schema is generated from them.

>>> BodyRole("sos", "SoS", "Secretary of State", "power-holder", False).role
'power-holder'
"""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Generic, TypeVar

from pydantic import Field
from pydantic.dataclasses import dataclass

T = TypeVar("T")

Id = Annotated[str, Field(description="Last segment of the entity's IRI.")]


@dataclass(frozen=True)
class Page(Generic[T]):
    """A list of items and how many there are in all (before ``limit``/``offset``)."""

    items: list[T]
    total: int


@dataclass(frozen=True)
class Ref:
    """A link to another entity: its id and label."""

    id: Id
    label: str


@dataclass(frozen=True)
class MeasureSummary:
    """A measure in a list."""

    id: Annotated[Id, Field(examples=["set-profit-caps-backstop"])]
    iri: str
    label: str
    status: Annotated[str | None, Field(description="Status code, e.g. 'announced'.")]


@dataclass(frozen=True)
class BodyRole:
    """One body's part in a measure, with the words that support it."""

    id: Annotated[Id, Field(examples=["sos"])]
    code: Annotated[str | None, Field(examples=["SoS"])]
    label: str
    role: Annotated[str, Field(description="Role code, e.g. 'power-holder'.")]
    inferred: Annotated[bool, Field(description="True when the modellers inferred the link.")]
    quote: Annotated[str | None, Field(description="The source words that support the link.")] = (
        None
    )


@dataclass(frozen=True)
class Dependency:
    """A measure this one depends on (or that depends on it), and how."""

    id: Id
    label: str
    relation: Annotated[
        str, Field(description="'depends-on', 'backstop-for', 'informed-by' or 'pilot-of'.")
    ]


@dataclass(frozen=True)
class DocumentRef:
    """The document a source sentence comes from."""

    id: Id
    title: str
    issued: str | None


@dataclass(frozen=True)
class Source:
    """Where an entity comes from: its document and the verbatim sentence."""

    document: DocumentRef | None
    text: Annotated[str | None, Field(description="The verbatim source sentence.")]


@dataclass(frozen=True)
class MeasureDetail:
    """One measure in full."""

    id: Id
    iri: str
    label: str
    description: str | None
    status: str | None
    timeframe: Annotated[str | None, Field(description="In the source's words.")]
    principles: list[Ref]
    bodies: list[BodyRole]
    legislation: list[Ref]
    cohorts: list[Ref]
    depends_on: list[Dependency]
    depended_on_by: list[Dependency]
    source: Source


@dataclass(frozen=True)
class BodySummary:
    """A body with its code, aliases and how many measures involve it."""

    id: Annotated[Id, Field(examples=["la"])]
    iri: str
    code: Annotated[str | None, Field(examples=["LA"])]
    label: str
    aliases: list[str]
    measure_count: int
    part_of: list[Ref] = field(default_factory=list)


@dataclass(frozen=True)
class BodyMeasure:
    """A measure seen from one body: the measure and the body's role in it."""

    id: Id
    iri: str
    label: str
    status: str | None
    role: str
    inferred: bool
    quote: str | None


@dataclass(frozen=True)
class EntitySummary:
    """A principle, piece of legislation or document, with how many measures cite it."""

    id: Id
    iri: str
    label: str
    type: str
    measure_count: int
    issued: str | None = None


@dataclass(frozen=True)
class LegislationDetail:
    """A bill, act or section with the measures it carries and the measures that cite it."""

    id: Id
    iri: str
    label: str
    type: str
    part_of: list[Ref]
    carries: list[MeasureSummary]
    cited_by: list[MeasureSummary]


@dataclass(frozen=True)
class SearchHit:
    """One entity matching a search, with its relevance score."""

    type: Annotated[str, Field(examples=["body"])]
    id: Id
    iri: str
    label: str
    score: float
