"""SPARQL 1.1 Protocol through ASGI: entry points, content negotiation, service description."""

from __future__ import annotations

import io
import json

import pytest
import rdflib
from fastapi.testclient import TestClient

COUNT_BODIES = (
    "PREFIX pkg: <https://w3id.org/policykg/ontology#> "
    "SELECT (COUNT(?b) AS ?n) WHERE { ?b a pkg:Body }"
)
BODIES_GRAPH = "PREFIX pkg: <https://w3id.org/policykg/ontology#> CONSTRUCT WHERE { ?b a pkg:Body }"


def test_get_post_form_and_post_body_give_the_same_answer(client: TestClient) -> None:
    accept = {"accept": "application/sparql-results+json"}
    answers = [
        client.get("/sparql", params={"query": COUNT_BODIES}, headers=accept),
        client.post("/sparql", data={"query": COUNT_BODIES}, headers=accept),
        client.post(
            "/sparql",
            content=COUNT_BODIES,
            headers={**accept, "content-type": "application/sparql-query"},
        ),
    ]
    for response in answers:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert response.json()["results"]["bindings"][0]["n"]["value"] == "6"


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_select_results_in_each_negotiated_format(client: TestClient, media_type: str) -> None:
    response = client.get("/sparql", params={"query": COUNT_BODIES}, headers={"accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if media_type == "text/tab-separated-values":
        assert response.text.split() == ["?n", "6"]
    else:
        result = rdflib.query.Result.parse(io.BytesIO(response.content), content_type=media_type)
        assert [int(row[0]) for row in result] == [6]


def test_ask_defaults_to_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert json.loads(response.content) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_each_negotiated_format(
    client: TestClient, media_type: str, rdflib_format: str
) -> None:
    response = client.get("/sparql", params={"query": BODIES_GRAPH}, headers={"accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == 6


@pytest.mark.parametrize(
    ("query", "fmt", "media_type"),
    [
        (COUNT_BODIES, "csv", "text/csv"),
        (COUNT_BODIES, "JSON", "application/sparql-results+json"),
        (COUNT_BODIES, "xml", "application/sparql-results+xml"),
        (COUNT_BODIES, "text/tab-separated-values", "text/tab-separated-values"),
        (BODIES_GRAPH, "json", "application/ld+json"),
        (BODIES_GRAPH, "xml", "application/rdf+xml"),
        (BODIES_GRAPH, "nt", "application/n-triples"),
    ],
)
def test_format_parameter_wins_over_accept_in_every_entry_point(
    client: TestClient, query: str, fmt: str, media_type: str
) -> None:
    other = {"accept": "text/turtle, application/sparql-results+json;q=0.9"}
    answers = [
        client.get("/sparql", params={"query": query, "format": fmt}, headers=other),
        client.post("/sparql", data={"query": query, "format": fmt}, headers=other),
        client.post(
            f"/sparql?format={fmt}",
            content=query,
            headers={**other, "content-type": "application/sparql-query"},
        ),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media_type)
    assert len({r.content for r in answers}) == 1


@pytest.mark.parametrize(
    ("query", "fmt", "names"),
    [(BODIES_GRAPH, "csv", "turtle"), (COUNT_BODIES, "turtle", "csv"), (COUNT_BODIES, "yaml", "")],
)
def test_a_format_the_result_cannot_take_is_a_400_naming_the_offered_ones(
    client: TestClient, query: str, fmt: str, names: str
) -> None:
    response = client.get("/sparql", params={"query": query, "format": fmt})
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert f"format='{fmt}'" in message and names in message


def test_two_format_parameters_are_refused(client: TestClient) -> None:
    response = client.get(
        "/sparql", params=[("query", COUNT_BODIES), ("format", "csv"), ("format", "json")]
    )
    assert response.status_code == 400


def test_service_description_without_query(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, rdflib.RDF.type, sd.Service) in graph
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph


def test_malformed_query_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "Expected" in response.json()["error"]["message"]


def test_unknown_content_type_is_refused(client: TestClient) -> None:
    response = client.post("/sparql", content=COUNT_BODIES, headers={"content-type": "text/plain"})
    assert response.status_code == 400
