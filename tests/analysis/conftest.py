"""Stores for the analysis tests: the hand-built fixtures and, when present, the real data."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.loading import data_files, load_files
from graph.projection import project
from graph.settings import REPO_ROOT, Settings
from graph.store import Store

FIXTURES = REPO_ROOT / "tests/data/analysis"
ONTOLOGY = REPO_ROOT / "ontology/policy.ttl"


def load_fixture(*names: str) -> Store:
    """Load the ontology and the named fixture files."""
    return load_files([ONTOLOGY, *(FIXTURES / name for name in names)])


@pytest.fixture(scope="session")
def programme_store() -> Store:
    return load_fixture("programme.ttl")


@pytest.fixture(scope="session")
def programme(programme_store: Store) -> nx.MultiDiGraph:
    return project(programme_store)


@pytest.fixture(scope="session")
def real_store() -> Store:
    settings = Settings()
    if not Path(settings.data_dir / "keeping-children-safe.ttl").exists():
        pytest.skip("the real data is not there yet")
    return load_files(data_files(settings))


@pytest.fixture(scope="session")
def real(real_store: Store) -> nx.MultiDiGraph:
    return project(real_store)
