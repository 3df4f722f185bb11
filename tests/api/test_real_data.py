"""The analyst's question answered from the real data (data/keeping-children-safe.ttl)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.skipif(
    not (REPO_ROOT / "data" / "keeping-children-safe.ttl").exists(),
    reason="the real data has not landed yet",
)


@pytest.fixture(scope="module")
def real() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as client:
        yield client


def test_profit_caps_search_then_bodies_answers_with_sources(real: TestClient) -> None:
    items = real.get("/measures", params={"q": "profit caps"}).json()["items"]
    assert items, "no measure matches 'profit caps'"
    measure = items[0]["id"]
    bodies = real.get(f"/measures/{measure}/bodies").json()
    assert {"SoS", "DfE"} & {b["code"] for b in bodies}
    assert all(b["quote"] for b in bodies if not b["inferred"])
    detail = real.get(f"/measures/{measure}").json()
    assert "profit caps" in detail["source"]["text"]
