"""The vendored browser libraries are the pinned releases their VERSION files name."""

from __future__ import annotations

import hashlib
import re

import httpx
import pytest

from api.routes.explorer import STATIC_DIR

VENDOR = STATIC_DIR / "vendor"


@pytest.mark.parametrize(
    ("folder", "file"),
    [("cytoscape", "cytoscape.min.js"), ("cytoscape-svg", "cytoscape-svg.js")],
)
def test_a_vendored_file_matches_its_recorded_hash_and_ships_its_licence(
    folder: str, file: str
) -> None:
    version = (VENDOR / folder / "VERSION").read_text()
    recorded = re.search(r"sha256 ([0-9a-f]{64})", version)
    assert recorded, version
    digest = hashlib.sha256((VENDOR / folder / file).read_bytes()).hexdigest()
    assert digest == recorded.group(1)
    assert re.search(r"integrity sha512-\S+", version)
    assert (VENDOR / folder / "LICENSE").stat().st_size > 500


def test_the_page_loads_each_vendored_script_from_the_app(base_url: str) -> None:
    html = httpx.get(base_url + "/").text
    for path in (
        "/static/vendor/cytoscape/cytoscape.min.js",
        "/static/vendor/cytoscape-svg/cytoscape-svg.js",
    ):
        assert f'src="{path}"' in html
        response = httpx.get(base_url + path)
        assert response.status_code == 200
        assert "javascript" in response.headers["content-type"]
