"""Shared FastAPI dependencies: the serving store and the settings.

The app keeps the store that serves requests on ``app.state.store`` and its
settings on ``app.state.settings``; routes get them through these typed
dependencies instead of globals.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.settings import Settings
from graph.store import Store


def get_store(request: Request) -> Store:
    """The store serving this request (swapped atomically on reload)."""
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
