"""The explorer in a real browser: Debian's Chromium driven by Playwright against uvicorn."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import httpx
from playwright.sync_api import Page

from graph.store import Store
from graph.vocab import sparql_prologue
from tests.explorer.conftest import ExplorerPage

OFSTED = "https://w3id.org/policykg/id/body/ofsted"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def expected_node_count(store: Store) -> int:
    rows = store.select(
        sparql_prologue()
        + """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
          VALUES ?c { pkg:Principle pkg:Measure pkg:Body pkg:Legislation pkg:Bill pkg:Act
                      pkg:LegislationSection pkg:Programme pkg:Cohort }
          ?s a ?c }"""
    )
    return int(rows[0]["n"])  # type: ignore[arg-type]


def ofsted_measures(store: Store) -> dict[str, str]:
    """Ofsted's measures as ``measure/<slug>`` -> verbatim source sentence."""
    rows = store.select(
        sparql_prologue()
        + "SELECT DISTINCT ?m ?text WHERE { ?m pkg:involves ?b . ?m pkg:sourceText ?text }",
        b=OFSTED,
    )
    return {"measure/" + str(r["m"]).rsplit("/", 1)[1]: str(r["text"]) for r in rows}


def visible_nodes(page: Page) -> int:
    return int(page.get_attribute("#cy", "data-visible-nodes") or "-1")


def test_page_loads_without_console_errors_and_draws_every_node(
    explorer_page: ExplorerPage, store: Store
) -> None:
    page = explorer_page.open()
    assert page.title() == "PolicyKG explorer"
    assert visible_nodes(page) == expected_node_count(store)
    assert page.locator("#cy canvas").first.bounding_box()["width"] > 0  # type: ignore[index]
    assert page.locator("#legend li").count() >= 6
    explorer_page.screenshot("whole-graph-1280x800")
    assert explorer_page.errors == []


def test_page_is_served_without_inline_script_or_style(base_url: str) -> None:
    html = httpx.get(base_url + "/").text
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert " onclick=" not in html.lower()


def test_searching_ofsted_by_keyboard_shows_its_measures_and_source_sentences(
    explorer_page: ExplorerPage, store: Store
) -> None:
    page = explorer_page.open()
    page.focus("#search")
    page.keyboard.type("Ofsted")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "panel-title"
    panel = page.locator("#panel")
    assert page.text_content("#panel-title") == "Ofsted"
    assert OFSTED in (panel.locator("a.iri").text_content() or "")

    measures = ofsted_measures(store)
    shown = set(
        panel.locator(".panel-measures button[data-node]").evaluate_all(
            "buttons => buttons.map(b => b.dataset.node)"
        )
    )
    assert shown == set(measures)
    sentences = panel.locator(".panel-measures .source-text").all_text_contents()
    assert sentences and set(sentences) <= set(measures.values())

    panel.locator("#focus-here").click()
    # Only measures link to a body, so its depth-1 focus is the body and its measures.
    assert visible_nodes(page) == 1 + len(measures)
    assert "focus=body%2Fofsted" in page.url
    explorer_page.screenshot("ofsted-focus")


def test_a_deep_link_restores_focus_filters_and_selection(
    explorer_page: ExplorerPage, store: Store
) -> None:
    fragment = "#focus=body%2Fofsted&depth=1&types=measure%2Cbody&sel=body%2Fofsted"
    page = explorer_page.open(fragment)
    assert visible_nodes(page) == 1 + len(ofsted_measures(store))
    assert page.input_value("#focus-depth") == "1"
    assert page.is_checked("[data-type-filter='measure']")
    assert not page.is_checked("[data-type-filter='cohort']")
    assert page.text_content("#panel-title") == "Ofsted"

    page.select_option("#focus-depth", "2")
    page.uncheck("#show-inferred")
    shared = page.url
    count = visible_nodes(page)
    state = parse_qs(shared.split("#", 1)[1])
    assert state["depth"] == ["2"] and state["links"] == ["stated"]

    page.goto("about:blank")
    explorer_page.open("#" + shared.split("#", 1)[1])
    assert visible_nodes(page) == count
    assert page.input_value("#focus-depth") == "2"
    assert not page.is_checked("#show-inferred")
    explorer_page.screenshot("deep-link-restored")


def test_png_export_downloads_a_valid_png(explorer_page: ExplorerPage) -> None:
    page = explorer_page.open("#focus=body%2Fofsted&depth=1")
    with page.expect_download() as info:
        page.click("#export-png")
    download = info.value
    assert download.suggested_filename.endswith(".png")
    data = Path(download.path()).read_bytes()
    assert data[:8] == PNG_MAGIC and len(data) > 1000


def test_subgraph_download_link_follows_the_view(explorer_page: ExplorerPage) -> None:
    page = explorer_page.open("#focus=body%2Fofsted&depth=2")
    page.select_option("#export-format", "graphml")
    href = page.get_attribute("#export-link", "href") or ""
    assert href.startswith("/export?")
    assert parse_qs(href.split("?", 1)[1]) == {
        "format": ["graphml"],
        "focus": ["body/ofsted"],
        "depth": ["2"],
    }


def test_table_view_lists_the_entities_in_view(explorer_page: ExplorerPage, store: Store) -> None:
    page = explorer_page.open("#focus=body%2Fofsted&depth=1&types=measure%2Cbody")
    page.click("#toggle-table")
    assert page.is_visible("#node-table")
    assert page.locator("#node-table tbody tr").count() == 1 + len(ofsted_measures(store))


def test_path_mode_explains_a_path_from_the_analysis_api(explorer_page: ExplorerPage) -> None:
    page = explorer_page.open()
    page.click("text=Path")
    page.fill("#path-from", "NHSE")
    page.fill("#path-to", "Ofsted")
    page.click("#find-path")
    first = page.locator("#path-result li").first
    first.wait_for()
    assert "NHSE" in (first.text_content() or "")


def test_a_narrow_window_stacks_graph_and_panel(explorer_page: ExplorerPage, store: Store) -> None:
    explorer_page.page.set_viewport_size({"width": 420, "height": 800})
    page = explorer_page.open("#sel=body%2Fla")
    assert visible_nodes(page) == expected_node_count(store)
    graph_box = page.locator("#cy").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert graph_box and panel_box and graph_box["width"] > 300
    assert panel_box["y"] >= graph_box["y"] + graph_box["height"]
    assert page.text_content("#panel-title") == "Local authorities"
    explorer_page.screenshot("narrow-420x800")
