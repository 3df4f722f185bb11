"""The API's core cases against a real ``oxigraph serve`` (``POLICYKG_STORE=sparql:URL``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from fastapi.testclient import TestClient

from graph.errors import QueryTimeout
from graph.query_runner import QueryRunner
from graph.remote_store import SparqlStore
from tests.servers import Listener

PROFIT_CAPS = "set-profit-caps-backstop"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _remote_count(server: str) -> int:
    response = httpx.get(server + "/query", params={"query": COUNT}, headers={"accept": "text/csv"})
    return int(response.text.split()[1])


def test_loader_fills_the_server_with_the_same_triples_as_memory(
    remote_client: TestClient, memory_client: TestClient, oxigraph_server: str
) -> None:
    remote = remote_client.get("/health").json()
    local = memory_client.get("/health").json()
    assert remote["triples"] == local["triples"] == _remote_count(oxigraph_server)
    assert remote["data_version"] == local["data_version"]


def test_measure_bodies_from_the_server(remote_client: TestClient) -> None:
    bodies = remote_client.get(f"/measures/{PROFIT_CAPS}/bodies").json()
    assert {(b["code"], b["role"], b["inferred"]) for b in bodies} == {
        ("SoS", "power-holder", False),
        ("Providers", "affected", True),
    }
    only = remote_client.get(f"/measures/{PROFIT_CAPS}/bodies", params={"role": "power-holder"})
    assert only.json()[0]["quote"] == "Backstop power for the Secretary of State to set profit caps"


def test_body_measures_from_the_server(remote_client: TestClient) -> None:
    page = remote_client.get("/bodies/DfE/measures").json()
    assert {(m["id"], m["role"]) for m in page["items"]} == {
        ("financial-oversight-scheme", "lead"),
        ("direct-las-to-form-rccs", "power-holder"),
        ("staying-close-entitlement", "delivery-partner"),
        ("complex-needs-research", "lead"),
    }


@pytest.mark.parametrize("path", ["/measures", f"/measures/{PROFIT_CAPS}", "/bodies", "/bodies/la"])
def test_resource_answers_equal_the_in_memory_engine(
    remote_client: TestClient, memory_client: TestClient, path: str
) -> None:
    assert remote_client.get(path).json() == memory_client.get(path).json()


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]
)
def test_sparql_select_through_the_server(
    remote_client: TestClient, memory_client: TestClient, accept: str
) -> None:
    query = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?code WHERE { ?b skos:notation ?code } ORDER BY ?code"
    )
    remote = remote_client.get("/sparql", params={"query": query}, headers={"accept": accept})
    local = memory_client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert remote.status_code == 200
    assert remote.headers["content-type"].startswith(accept)
    assert remote.content == local.content


def test_sparql_construct_through_the_server(remote_client: TestClient) -> None:
    query = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"
    response = remote_client.get(
        "/sparql", params={"query": query}, headers={"accept": "application/n-triples"}
    )
    assert response.status_code == 200
    assert len(response.text.strip().splitlines()) == 3


def test_row_cap_holds_on_the_server(remote_client: TestClient) -> None:
    response = remote_client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "result_too_large"


def test_canned_query_rows_from_the_server(
    remote_client: TestClient, memory_client: TestClient
) -> None:
    params = {"body": "DfE"}
    remote = remote_client.get("/queries/measures-of-body", params=params)
    assert remote.status_code == 200
    assert remote.json() == memory_client.get("/queries/measures-of-body", params=params).json()


def test_service_is_refused_without_reaching_the_server_or_the_target(
    remote_client: TestClient,
) -> None:
    with Listener() as listener:
        url = f"{listener.url}/sparql"
        query = f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?x }} }} }}"
        response = remote_client.post("/sparql", data={"query": query})
        assert response.status_code == 403
        assert "SERVICE" in response.json()["error"]["message"]
    assert listener.connections == []


@pytest.mark.parametrize(
    "update", ["INSERT DATA { <http://e/s> <http://e/p> 1 }", "DELETE WHERE { ?s ?p ?o }"]
)
def test_update_is_refused_and_the_server_unchanged(
    remote_client: TestClient, oxigraph_server: str, update: str
) -> None:
    before = _remote_count(oxigraph_server)
    for response in (
        remote_client.post("/sparql", data={"update": update}),
        remote_client.post("/sparql", data={"query": update}),
    ):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "operation_forbidden"
    assert _remote_count(oxigraph_server) == before


def test_read_only_remote_store_serves_what_the_server_holds(oxigraph_server: str) -> None:
    store = SparqlStore.from_spec(f"{oxigraph_server}/query")
    assert not store.writable
    assert store.triple_count() == _remote_count(oxigraph_server)


class _SilentServer(BaseHTTPRequestHandler):
    """A SPARQL endpoint that never answers within the test's limit."""

    release = threading.Event()

    def do_POST(self) -> None:
        self.release.wait(30)
        self.send_response(503)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def silent_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SilentServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        _SilentServer.release.set()
        server.shutdown()
        server.server_close()


def test_a_server_that_does_not_answer_in_time_is_a_timeout(silent_server: str) -> None:
    runner = QueryRunner(SparqlStore(silent_server), timeout=0.5, max_rows=10)
    with pytest.raises(QueryTimeout):
        runner.serialize("ASK { ?s ?p ?o }", media_type="application/sparql-results+json")
