"""Web safety: every data value is escaped, scripts run only from the app, CORS is read-only.

The hostile fixture graph (``tests/data/security``) holds labels, quotes and source
sentences that are markup and script, and a ``javascript:`` IRI. The linked-data page,
the HTML error pages, the explorer's JSON and the explorer itself in Chromium must show
them as text: no element, attribute or link comes from data, and ``window.__pwned`` (which
every payload would set) stays undefined.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from api.app import create_app
from graph.settings import Settings
from tests.security.conftest import HOSTILE_DATA

MEASURE = "/id/measure/hostile-measure"
PAYLOADS = {
    "measure label": "<script>window.__pwned='measure label'</script>",
    "measure description": '"><img src=x onerror="window.__pwned=\'measure description\'">',
    "timeframe": "<svg onload=\"window.__pwned='timeframe'\"></svg>",
    "source sentence": (
        "</blockquote><script>window.__pwned='source sentence'</script>"
        "<img src=x onerror=\"window.__pwned='source sentence img'\">"
    ),
    "quote": "'><script>window.__pwned='quote'</script>",
    "reason": "<iframe src=\"javascript:window.__pwned='reason'\"></iframe>",
    "body label": '"><img src=x onerror="window.__pwned=\'body label\'">',
    "code": "<b onmouseover=\"window.__pwned='code'\">X</b>",
    "alias": "<script>window.__pwned='alias'</script>",
    "principle label": "<img src=x onerror=\"window.__pwned='principle label'\">",
}
"""The hostile values of ``hostile.ttl``, by the field that carries them."""


class _Markup(HTMLParser):
    """The elements, event-handler attributes and link targets of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.links += [value or "" for name, value in attrs if name in ("href", "src")]
        if tag == "script":
            self.scripts.append(dict(attrs))


def _markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    return parser


def _text_of(html: str) -> str:
    """The text of an HTML page, entities decoded (what a reader sees)."""

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def _assert_no_markup_from_data(html: str) -> None:
    page = _markup(html)
    assert page.handlers == []
    assert {"img", "svg", "iframe", "b"}.isdisjoint(page.tags)
    assert all(script.get("src", "").startswith("/static/") for script in page.scripts)
    assert not [link for link in page.links if link.strip().lower().startswith("javascript:")]
    assert "__pwned" not in "".join(page.links)


@pytest.fixture(scope="module")
def hostile_client() -> Iterator[TestClient]:
    """The app over the hostile graph, through ASGI."""
    app = create_app(Settings(data_dir=HOSTILE_DATA))
    with TestClient(app) as client:
        yield client


def test_linked_data_page_shows_every_hostile_value_as_text(hostile_client: TestClient) -> None:
    response = hostile_client.get(MEASURE, headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    _assert_no_markup_from_data(response.text)
    shown = {name: value for name, value in PAYLOADS.items() if value in _text_of(response.text)}
    assert {"measure label", "measure description", "source sentence", "timeframe"} <= set(shown)


def test_linked_data_page_never_links_a_script_iri(hostile_client: TestClient) -> None:
    response = hostile_client.get(MEASURE, headers={"accept": "text/html"})
    assert "javascript:window.__pwned=&#39;href&#39;" in response.text  # shown, as text
    assert "javascript:" not in "".join(_markup(response.text).links)


@pytest.mark.parametrize(
    "path",
    [
        "/measures/" + quote("<script>window.__pwned='id'</script>", safe=""),
        "/bodies/" + quote('"><img src=x onerror="window.__pwned=\'key\'">', safe=""),
        "/search?q=" + quote("<script>", safe="") + "&limit=" + quote("<svg onload=x>", safe=""),
    ],
)
def test_html_error_page_escapes_what_the_client_sent(
    hostile_client: TestClient, path: str
) -> None:
    response = hostile_client.get(path, headers={"accept": "text/html"})
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"].startswith("text/html")
    _assert_no_markup_from_data(response.text)


def test_explorer_json_carries_hostile_values_as_plain_json_strings(
    hostile_client: TestClient,
) -> None:
    response = hostile_client.get("/explorer/graph.json")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    values = json.dumps(response.json(), ensure_ascii=False)
    for name in ("measure label", "source sentence", "body label", "quote", "reason"):
        assert json.dumps(PAYLOADS[name], ensure_ascii=False)[1:-1] in values, name


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/", "text/html"),
        (MEASURE, "text/html"),
        ("/measures/nothing", "text/html"),
        ("/explorer/graph.json", "application/json"),
        ("/static/explorer/explorer.js", "*/*"),
    ],
)
def test_pages_forbid_inline_script_and_sniffing(
    hostile_client: TestClient, path: str, accept: str
) -> None:
    response = hostile_client.get(path, headers={"accept": accept})
    directives = {
        d.strip().split(" ", 1)[0]: d.strip().split(" ", 1)[1]
        for d in response.headers["content-security-policy"].split(";")
    }
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_cors_preflight_for_a_writing_method_is_refused(
    hostile_client: TestClient, method: str
) -> None:
    response = hostile_client.options(
        "/sparql",
        headers={
            "origin": "https://attacker.example",
            "access-control-request-method": method,
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code >= 400
    assert method not in response.headers.get("access-control-allow-methods", "")


def test_cors_allows_reading_from_any_origin(hostile_client: TestClient) -> None:
    preflight = hostile_client.options(
        "/sparql",
        headers={"origin": "https://elsewhere.example", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]
    response = hostile_client.get("/health", headers={"origin": "https://elsewhere.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


# -- in a real browser -----------------------------------------------------------------------


def test_linked_data_page_runs_no_data_in_chromium(browser: Browser, hostile_server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(hostile_server + MEASURE)
        assert page.text_content("h1") == PAYLOADS["measure label"]
        assert page.text_content("blockquote") == PAYLOADS["source sentence"]
        page.hover("table")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img, svg, iframe, b").count() == 0
    finally:
        page.close()


def test_explorer_shows_hostile_values_as_text_in_chromium(
    browser: Browser, hostile_server: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for node in ("measure/hostile-measure", "body/hostile-body"):
            page.goto(f"{hostile_server}/#sel={node}")
            page.wait_for_selector("body[data-ready='true']")
            page.wait_for_selector("#panel-title")
            panel = page.text_content("#panel") or ""
            assert "window.__pwned" in panel  # the payloads are on the page, as text
            assert page.evaluate("window.__pwned") is None
            assert page.locator("#panel img, #panel svg, #panel iframe, #panel script").count() == 0
        assert errors == []
    finally:
        page.close()
