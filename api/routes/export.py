"""``GET /export``: the graph, or a focused part of it, as a file in one export format."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import StoreDep
from graph.export import FORMATS, FormatName, Scope, export
from graph.export.scope import split_types

router = APIRouter(tags=["export"])

_MEDIA_TYPES = sorted({f.media_type for f in FORMATS.values()})


@router.get(
    "/export",
    response_class=Response,
    responses={200: {"content": {t: {} for t in _MEDIA_TYPES}, "description": "The file."}},
    summary="Export the graph or a subgraph",
)
def export_graph(
    store: StoreDep,
    fmt: Annotated[FormatName, Query(alias="format", description="Export format.")],
    focus: Annotated[str | None, Query(description="Ego network of this entity.")] = None,
    depth: Annotated[int, Query(ge=0, le=10, description="Links from focus.")] = 1,
    body: Annotated[str | None, Query(description="Everything this body touches.")] = None,
    types: Annotated[
        list[str] | None, Query(description="Node types to keep (repeat or comma-separate).")
    ] = None,
    inferred: Annotated[bool, Query(description="Keep links the modellers inferred.")] = True,
    ontology: Annotated[bool, Query(description="Add the ontology (RDF formats).")] = False,
) -> Response:
    """Return the file with its media type and a ``Content-Disposition`` file name."""
    scope = Scope(
        focus=focus or None,
        depth=depth,
        body=body or None,
        types=split_types(types),
        inferred=inferred,
        ontology=ontology,
    )
    result = export(store, fmt.value, scope)
    disposition = f'attachment; filename="{result.filename}"'
    return Response(
        result.content,
        media_type=result.format.media_type,
        headers={"Content-Disposition": disposition},
    )
