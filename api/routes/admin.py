"""``POST /admin/reload``: swap in freshly loaded data, atomically; off by default.

Enabled with ``POLICYKG_ADMIN_RELOAD=true`` and answered only for loopback clients.
The new data is loaded and validated in full first (:func:`graph.reload.prepare_graph`);
a file that does not parse or breaks a shape is refused with 422, naming the file and
line or each focus node, and the previous graph keeps serving.
"""

from __future__ import annotations

import threading

from fastapi import APIRouter, Request
from pydantic import BaseModel

from api.deps import SettingsDep
from api.serving import install_graph
from graph.errors import ReloadDisabled
from graph.reload import prepare_graph

router = APIRouter(prefix="/admin", tags=["admin"])

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_reloading = threading.Lock()


class Reloaded(BaseModel):
    """The graph now serving and the one it replaced."""

    data_version: str
    previous_version: str
    triples: int


@router.post("/reload", response_model=Reloaded, summary="Reload the data (admin, loopback only)")
def reload_data(request: Request, settings: SettingsDep) -> Reloaded:
    """Load and validate the data folder again, then serve it in place of the current graph."""
    client = request.client.host if request.client else ""
    if not settings.admin_reload or client not in LOOPBACK:
        raise ReloadDisabled("reloading is disabled")
    with _reloading:
        store = prepare_graph(settings)
        previous = install_graph(request.app, store)
    return Reloaded(
        data_version=store.data_version, previous_version=previous, triples=store.triple_count()
    )
