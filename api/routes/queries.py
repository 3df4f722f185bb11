"""Canned queries: the list, and one run with its parameters bound as RDF terms."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.admission import QuerySlot
from api.deps import CannedDep, RunnerDep, StoreDep
from api.models import CannedQuery, CannedResult
from graph.canned import CannedRegistry
from graph.errors import UnknownEntity

router = APIRouter(prefix="/queries", tags=["queries"])


@router.get("", response_model=list[CannedQuery])
def list_queries(canned: CannedDep) -> list[Any]:
    """Every canned query with its title, description and typed parameters."""
    return list(canned.values())


@router.get("/{name}", response_model=CannedResult)
def run_query(
    name: str,
    request: Request,
    canned: CannedDep,
    store: StoreDep,
    runner: RunnerDep,
    slot: QuerySlot,
) -> CannedResult:
    """Run one canned query; its parameters are query-string values (see each query's path)."""
    if name not in canned:
        raise UnknownEntity(f"no canned query {name!r}")
    query = canned[name]
    substitutions = query.bind(store, request.query_params)
    with slot:
        rows = runner.rows(query.sparql, substitutions=substitutions)
    return CannedResult(name=name, columns=rows.columns, rows=rows.rows, truncated=rows.truncated)


def openapi_paths(canned: CannedRegistry) -> dict[str, Any]:
    """OpenAPI path items documenting each canned query with its own parameters."""
    types = {"integer": "integer", "boolean": "boolean"}
    return {
        f"/queries/{name}": {
            "get": {
                "tags": ["queries"],
                "summary": query.title,
                "description": query.description,
                "operationId": f"canned_{name.replace('-', '_')}",
                "parameters": [
                    {
                        "name": p.name,
                        "in": "query",
                        "required": True,
                        "description": f"{p.description} ({p.type})",
                        "schema": {"type": types.get(p.type, "string")},
                    }
                    for p in query.parameters
                ],
                "responses": {
                    "200": {
                        "description": "Rows of the query",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CannedResult"}
                            }
                        },
                    }
                },
            }
        }
        for name, query in canned.items()
    }
