"""The /analysis routes, through a small app holding the fixture store."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.routes.analysis import router
from graph.errors import UnknownEntity
from graph.settings import Settings


@pytest.fixture(scope="module")
def client(programme_store) -> TestClient:
    app = FastAPI()
    app.state.store = programme_store
    app.state.settings = Settings()
    app.include_router(router)
    return TestClient(app)


def test_order_matches_the_library(client):
    body = client.get("/analysis/order").json()
    assert [m["id"] for m in body["order"]][:3] == [
        "complex-framework",
        "complex-pilot",
        "cost-transparency",
    ]
    assert body["parameters"]["include_inferred"] is True


def test_impact_of_a_measure(client):
    body = client.get("/analysis/impact/rcc-legislation").json()
    assert [r["measure"]["id"] for r in body["measures"]] == ["rcc-backstop"]


def test_stated_only_changes_the_answer_and_says_so(client):
    body = client.get("/analysis/impact/cost-transparency?include_inferred=false").json()
    assert [r["measure"]["id"] for r in body["measures"]] == ["profit-cap"]
    assert body["parameters"]["include_inferred"] is False


def test_centrality_reports_weighting_and_roll_up(client):
    body = client.get("/analysis/centrality?weighting=jaccard&roll_up=true").json()
    assert body["rows"][0]["entity"]["code"] == "DfE"
    assert body["parameters"]["weighting"] == "jaccard"
    assert body["parameters"]["roll_up"] is True


def test_path_is_explained(client):
    body = client.get("/analysis/path", params={"from": "NHSE", "to": "Ofsted"}).json()
    assert body["length"] == 3
    assert body["paths"][0]["text"].startswith("NHSE ←delivery partner— ")


def test_communities_ego_and_others_answer(client):
    for url in [
        "/analysis/communities?seed=1",
        "/analysis/ego/ofsted?depth=2",
        "/analysis/brokers",
        "/analysis/weak-points",
        "/analysis/components",
        "/analysis/k-core",
        "/analysis/unconnected",
        "/analysis/backstops",
        "/analysis/critical-path",
        "/analysis/prerequisites/profit-cap",
        "/analysis/centrality/measures",
        "/analysis/coverage",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/analysis/cycles").json() == []


def test_unknown_entity_reaches_the_app_error_handler(client):
    with pytest.raises(UnknownEntity):
        client.get("/analysis/impact/no-such-measure")


def test_response_models_are_in_the_openapi_schema(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"CentralityTable", "Paths", "Reach", "Communities", "Parameters"} <= set(schemas)
