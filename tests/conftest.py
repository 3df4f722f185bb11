"""Shared fixtures: the real graph, loaded once per test session (read-only), and one
headless Chromium for every browser test (Playwright's sync API allows one at a time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

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


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; fails (never skips) when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `bash scripts/ensure_chromium.sh` "
            "(the test target of the Makefile does this)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
