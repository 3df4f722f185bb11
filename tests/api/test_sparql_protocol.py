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
