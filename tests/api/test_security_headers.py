"""Every response carries a strict CSP and nosniff, errors and HTML pages included."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "path",
    ["/health", "/measures", "/measures/no-such-measure", "/sparql", "/openapi.json"],
)
def test_responses_carry_csp_without_inline_script_and_nosniff(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_linked_data_html_page_is_served_under_the_policy(client: TestClient) -> None:
    measures = client.get("/measures").json()["items"]
    iri = measures[0]["iri"]
    path = "/id/" + iri.split("/id/", 1)[1]
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "<script" not in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
