"""Shared fixtures: the real graph, loaded once per test session (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.loading import load_graph
from graph.settings import REPO_ROOT, Settings
from graph.store import Store

DATA_SOURCES = REPO_ROOT / "data" / "sources"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings: the repository's own ontology, data and queries."""
    return Settings()


@pytest.fixture(scope="session")
def store(settings: Settings) -> Store:
    """The real graph. Tests must not write to it."""
    return load_graph(settings)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT
