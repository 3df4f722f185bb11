"""The explorer in a real browser: Debian's Chromium driven by Playwright against uvicorn."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx

from graph.store import Store
from tests.explorer.answers import OFSTED, body_measures, node_count
from tests.explorer.conftest import ExplorerPage


def test_page_loads_without_console_errors_and_draws_every_node(
    explorer_page: ExplorerPage, store: Store
) -> None:
    page = explorer_page.open()
    assert page.title() == "PolicyKG explorer"
    assert explorer_page.visible_nodes() == node_count(store)
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

    measures = body_measures(store)
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
    assert explorer_page.visible_nodes() == 1 + len(measures)
    assert "focus=body%2Fofsted" in page.url
    explorer_page.screenshot("ofsted-focus")


def test_a_deep_link_restores_focus_filters_and_selection(
    explorer_page: ExplorerPage, store: Store
) -> None:
    fragment = "#focus=body%2Fofsted&depth=1&types=measure%2Cbody&sel=body%2Fofsted"
    page = explorer_page.open(fragment)
    assert explorer_page.visible_nodes() == 1 + len(body_measures(store))
    assert page.input_value("#focus-depth") == "1"
    assert page.is_checked("[data-type-filter='measure']")
    assert not page.is_checked("[data-type-filter='cohort']")
    assert page.text_content("#panel-title") == "Ofsted"

    page.select_option("#focus-depth", "2")
    page.uncheck("#show-inferred")
    shared = page.url
    count = explorer_page.visible_nodes()
    state = parse_qs(shared.split("#", 1)[1])
    assert state["depth"] == ["2"] and state["links"] == ["stated"]

    page.goto("about:blank")
    explorer_page.open("#" + shared.split("#", 1)[1])
    assert explorer_page.visible_nodes() == count
    assert page.input_value("#focus-depth") == "2"
    assert not page.is_checked("#show-inferred")
    explorer_page.screenshot("deep-link-restored")


def test_table_view_lists_the_entities_in_view(explorer_page: ExplorerPage, store: Store) -> None:
    page = explorer_page.open("#focus=body%2Fofsted&depth=1&types=measure%2Cbody")
    page.click("#toggle-table")
    assert page.is_visible("#node-table")
    assert page.locator("#node-table tbody tr").count() == 1 + len(body_measures(store))


def test_a_narrow_window_stacks_graph_and_panel(explorer_page: ExplorerPage, store: Store) -> None:
    explorer_page.page.set_viewport_size({"width": 420, "height": 800})
    page = explorer_page.open("#sel=body%2Fla")
    assert explorer_page.visible_nodes() == node_count(store)
    graph_box = page.locator("#cy").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert graph_box and panel_box and graph_box["width"] > 300
    assert panel_box["y"] >= graph_box["y"] + graph_box["height"]
    assert page.text_content("#panel-title") == "Local authorities"
    explorer_page.screenshot("narrow-420x800")


def test_table_rows_are_reached_by_tab_and_enter_opens_the_entity(
    explorer_page: ExplorerPage, store: Store
) -> None:
    page = explorer_page.open("#focus=body%2Fofsted&depth=1")
    page.focus("#toggle-table")
    page.keyboard.press("Enter")
    assert page.is_visible("#node-table")
    # The graph canvas takes no focus: Tab walks the controls and the panel, then the rows.
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#node-table tbody tr')"):
            break
    rows = page.locator("#node-table tbody tr")
    assert page.evaluate(
        "document.activeElement === document.querySelector('#node-table tbody tr')"
    )
    page.keyboard.press("ArrowDown")
    second = rows.nth(1)
    assert page.evaluate("document.activeElement.dataset.node") == second.get_attribute("data-node")

    page.keyboard.press("Enter")
    entity = second.get_attribute("data-node") or ""
    assert page.evaluate("document.activeElement.id") == "panel-title"
    assert page.text_content("#panel-title") == second.locator("td").first.text_content()
    assert page.get_attribute("#panel a.iri", "href") == f"/id/{entity}"
    assert f"sel={entity.replace('/', '%2F')}" in page.url
    assert entity in set(body_measures(store)) | {"body/ofsted"}


def test_arrow_keys_on_the_canvas_walk_the_nodes_in_their_direction(
    explorer_page: ExplorerPage,
) -> None:
    page = explorer_page.open()
    page.focus("#cy")
    assert page.evaluate("document.activeElement.id") == "cy"
    page.keyboard.press("ArrowRight")
    first = explorer_page.cy("cy.nodes(':selected').first().id()")
    assert first and page.text_content("#panel-title")
    assert f"sel={first.replace('/', '%2F')}" in page.url
    x_before = explorer_page.cy(f"cy.getElementById({first!r}).position('x')")
    page.keyboard.press("ArrowRight")
    second = explorer_page.cy("cy.nodes(':selected').first().id()")
    assert second != first
    assert explorer_page.cy(f"cy.getElementById({second!r}).position('x')") > x_before
    page.keyboard.press("ArrowLeft")
    third = explorer_page.cy("cy.nodes(':selected').first().id()")
    assert explorer_page.cy(f"cy.getElementById({third!r}).position('x')") < explorer_page.cy(
        f"cy.getElementById({second!r}).position('x')"
    )
    assert page.evaluate("document.activeElement.id") == "cy"  # focus stays for the next key
    page.keyboard.press("Escape")
    assert explorer_page.cy("cy.nodes(':selected').length") == 0
    assert explorer_page.errors == []
