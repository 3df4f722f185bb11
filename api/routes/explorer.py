"""The explorer: the root page (``GET /``) and its JSON twin (``GET /explorer/graph.json``).

The page is a static HTML file whose script fetches the JSON twin and draws it with the
vendored Cytoscape.js; both are served from ``/static`` (the app mounts ``api/static``
there), so nothing is fetched from the internet. The page has no inline script or style,
so it runs under a Content-Security-Policy without ``'unsafe-inline'``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.deps import StoreDep
from graph.explorer_data import Elements, explorer_elements

router = APIRouter(tags=["explorer"])

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
"""The folder the app mounts at ``/static``."""

_PAGE = STATIC_DIR / "explorer" / "explorer.html"


@router.get("/", response_class=FileResponse, include_in_schema=False)
def explorer_page() -> FileResponse:
    """The explorer page."""
    return FileResponse(_PAGE, media_type="text/html")


@router.get("/explorer/graph.json", response_model=Elements, summary="The explorer's graph")
def explorer_graph(store: StoreDep) -> Elements:
    """Every principle, measure, body, legislation, programme and cohort, and their links,
    as Cytoscape.js elements with the source sentence, roles and inferred flags."""
    return explorer_elements(store)
