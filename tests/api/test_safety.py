"""Safe by default: read-only, no outbound requests, bounded time, rows and body size."""

from __future__ import annotations

import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.servers import Listener

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
)


def _count(client: TestClient) -> int:
    response = client.get("/sparql", params={"query": COUNT}, headers={"accept": "text/csv"})
    return int(response.text.split()[1])


@pytest.mark.parametrize(
    ("how", "update"),
    [
        ("form-update", "INSERT DATA { <http://e/s> <http://e/p> 1 }"),
        ("form-query", "INSERT DATA { <http://e/s> <http://e/p> 1 }"),
        ("update-body", "DELETE WHERE { ?s ?p ?o }"),
        ("get-query", "CLEAR ALL"),
        ("get-update", "DROP DEFAULT"),
        ("form-query", "LOAD <http://127.0.0.1:9/data.ttl>"),
    ],
)
def test_update_is_refused_and_graph_unchanged(client: TestClient, how: str, update: str) -> None:
    before = (client.app.state.store.triple_count(), _count(client))
    if how == "form-update":
        response = client.post("/sparql", data={"update": update})
    elif how == "form-query":
        response = client.post("/sparql", data={"query": update})
    elif how == "update-body":
        response = client.post(
            "/sparql", content=update, headers={"content-type": "application/sparql-update"}
        )
    elif how == "get-query":
        response = client.get("/sparql", params={"query": update})
    else:
        response = client.get("/sparql", params={"update": update})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "operation_forbidden"
    assert (client.app.state.store.triple_count(), _count(client)) == before


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?x }} }} }}",
        "ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_service_clause_is_refused_without_outbound_connection(
    client: TestClient, template: str
) -> None:
    with Listener() as listener:
        url = f"{listener.url}/sparql"
        response = client.post("/sparql", data={"query": template.format(url=url)})
        assert response.status_code == 403
        assert "SERVICE" in response.json()["error"]["message"]
    assert listener.connections == []


def test_from_clause_dereferences_nothing(client: TestClient) -> None:
    with Listener() as listener:
        url = f"{listener.url}/data.ttl"
        query = f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"
        response = client.get("/sparql", params={"query": query, "default-graph-uri": url})
        assert response.status_code == 200
    assert listener.connections == []


def test_result_over_the_row_cap_is_a_clear_error(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "result_too_large"


def test_oversized_request_body_is_refused(client: TestClient) -> None:
    limit = client.app.state.settings.max_body_bytes
    query = "ASK {}" + " " * limit
    response = client.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"


def test_pathological_query_stops_at_limit_while_others_are_answered(server: str) -> None:
    outcome: dict[str, httpx.Response] = {}

    def run_pathological() -> None:
        outcome["slow"] = httpx.post(server + "/sparql", data={"query": CARTESIAN}, timeout=60)

    slow = threading.Thread(target=run_pathological)
    slow.start()
    for _ in range(10_000):
        if httpx.get(server + "/health").json()["running_queries"] >= 1:
            break
    else:
        pytest.fail("the pathological query never started")
    quick = httpx.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    answered_while_running = slow.is_alive()
    slow.join()
    assert quick.status_code == 200
    assert quick.json()["boolean"] is True
    assert answered_while_running
    assert outcome["slow"].status_code == 503
    assert outcome["slow"].json()["error"]["code"] == "query_timeout"
    after = httpx.get(server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    assert after.status_code == 200
