"""Fixtures for the export tests: the small hand-built graph of tests/data/export/."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.loading import load_files
from graph.settings import REPO_ROOT
from graph.store import Store

SMALL = REPO_ROOT / "tests" / "data" / "export" / "small.ttl"
ONTOLOGY = REPO_ROOT / "ontology" / "policy.ttl"


def load_small() -> Store:
    """A fresh store of the ontology and the small fixture."""
    return load_files([Path(ONTOLOGY), SMALL])


@pytest.fixture(scope="module")
def small() -> Store:
    return load_small()
