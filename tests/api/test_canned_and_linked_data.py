"""Canned queries (listed, run with bound parameters, in OpenAPI) and dereferenceable IRIs."""

from __future__ import annotations

import rdflib
from fastapi.testclient import TestClient

REQUIRED = {
    "bodies-of-measure", "measures-of-body", "measures-of-principle", "bodies-sharing-measures",
    "legislative-measures", "measures-with-timeframe", "inferred-links",
}  # fmt: skip


def test_canned_queries_are_listed_with_typed_parameters(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert set(listed) >= REQUIRED
    assert listed["measures-of-body"]["parameters"][0]["type"] == "body"


def test_canned_query_binds_an_alias_as_a_body(client: TestClient) -> None:
    result = client.get("/queries/measures-of-body", params={"body": "local authorities"}).json()
    assert {(r["measure"].rsplit("/", 1)[1], r["role"]) for r in result["rows"]} == {
        ("direct-las-to-form-rccs", "affected"),
        ("legislate-for-rccs", "duty-holder"),
        ("staying-close-entitlement", "duty-holder"),
    }
    assert result["truncated"] is False


def test_canned_parameter_is_bound_not_spliced(client: TestClient) -> None:
    injection = 'x" } UNION { ?s ?p ?o } #'
    response = client.get("/queries/measures-of-body", params={"body": injection})
    assert response.status_code == 404


def test_canned_queries_answer_the_listed_questions(client: TestClient) -> None:
    shared = client.get("/queries/bodies-sharing-measures", params={"body": "LA"}).json()
    assert [(r["label"], r["shared"]) for r in shared["rows"]] == [
        ("Department for Education", 2),
        ("Regional care co-operatives", 1),
    ]
    legislative = client.get("/queries/legislative-measures").json()["rows"]
    assert [r["measure"].rsplit("/", 1)[1] for r in legislative if not r["legislative"]] == [
        "complex-needs-research"
    ]
    timeframes = client.get("/queries/measures-with-timeframe").json()["rows"]
    assert {r["timeframe"] for r in timeframes} == {"over the next three years", "summer 2025"}
    inferred = client.get("/queries/inferred-links").json()["rows"]
    assert len(inferred) == 4


def test_each_canned_query_is_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for name in REQUIRED:
        assert f"/queries/{name}" in paths
    [param] = paths["/queries/bodies-of-measure"]["get"]["parameters"]
    assert param["name"] == "measure"


def test_entity_iri_dereferences_as_rdf_by_accept(client: TestClient) -> None:
    iri = rdflib.URIRef("https://w3id.org/policykg/id/measure/set-profit-caps-backstop")
    for media_type, fmt in [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ]:
        response = client.get(
            "/id/measure/set-profit-caps-backstop", headers={"accept": media_type}
        )
        assert response.headers["content-type"].startswith(media_type)
        graph = rdflib.Graph().parse(data=response.content, format=fmt)
        assert (
            iri,
            rdflib.RDFS.label,
            rdflib.Literal("Backstop power to set profit caps"),
        ) in graph


def test_entity_page_for_browsers_shows_label_links_and_source(client: TestClient) -> None:
    response = client.get("/id/body/sos", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Secretary of State for Education</h1>" in response.text
    assert 'href="/id/body/dfe"' in response.text
    page = client.get("/id/measure/set-profit-caps-backstop", headers={"accept": "text/html"})
    assert "<blockquote>Backstop power for the Secretary of State" in page.text
