"""Errors are readable pages for browsers and the one JSON shape for everyone else."""

from __future__ import annotations

from fastapi.testclient import TestClient

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_a_browser_gets_an_html_page_for_an_unknown_measure(client: TestClient) -> None:
    response = client.get("/measures/no-such-measure", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>404: unknown entity</h1>" in response.text
    assert "no-such-measure" in response.text


def test_an_api_client_gets_the_json_error_body(client: TestClient) -> None:
    for accept in ("application/json", "*/*", "application/json, text/html"):
        response = client.get("/measures/no-such-measure", headers={"Accept": accept})
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "unknown_entity"


def test_error_pages_escape_what_the_request_put_in_them(client: TestClient) -> None:
    response = client.get("/bodies/<img src=x onerror=alert(1)>", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert "<img" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text
