"""The explorer's use of the analysis API: node size by centrality, highlighted paths."""

from __future__ import annotations

import httpx

from tests.explorer.answers import element_id
from tests.explorer.conftest import ExplorerPage

HIGHLIGHT = "rgb(242,169,0)"


def test_sizing_by_centrality_draws_bodies_in_betweenness_order(
    explorer_page: ExplorerPage, base_url: str
) -> None:
    page = explorer_page.open()
    uniform = explorer_page.cy("cy.nodes('[type = \"body\"]').map(n => n.width())")
    assert len(set(uniform)) == 1

    page.click("summary:text-is('View')")
    page.check("#size-centrality")
    page.wait_for_selector("#cy[data-sizing='centrality']")
    assert "size=1" in page.url
    table = httpx.get(f"{base_url}/analysis/centrality", params={"ranked_by": "betweenness"})
    rows = table.json()["rows"]
    widths = dict(explorer_page.cy("cy.nodes('[type = \"body\"]').map(n => [n.id(), n.width()])"))
    ranked = [element_id(row["entity"]["iri"]) for row in rows]
    assert set(ranked) <= set(widths)

    top, *rest = ranked
    assert rows[0]["betweenness"] > rows[1]["betweenness"]
    assert widths[top] == max(widths.values()) and all(widths[top] > widths[b] for b in rest)
    # Sizes follow the ranking: a body ranked lower is never drawn larger.
    in_rank_order = [widths[body] for body in ranked]
    assert in_rank_order == sorted(in_rank_order, reverse=True)

    page.uncheck("#size-centrality")
    page.wait_for_selector("#cy[data-sizing='uniform']")
    assert explorer_page.cy("cy.nodes('[type = \"body\"]').map(n => n.width())") == uniform


def test_a_path_from_the_analysis_api_is_highlighted_node_by_node(
    explorer_page: ExplorerPage, base_url: str
) -> None:
    page = explorer_page.open()
    page.click("summary:text-is('Path')")
    page.fill("#path-from", "NHSE")
    page.fill("#path-to", "Ofsted")
    page.click("#find-path")
    page.locator("#path-result li").first.wait_for()

    answer = httpx.get(f"{base_url}/analysis/path", params={"from": "NHSE", "to": "Ofsted"})
    hops = answer.json()["paths"][0]["hops"]
    on_path = {element_id(end["iri"]) for hop in hops for end in (hop["source"], hop["target"])}
    assert page.locator("#path-result li").all_text_contents() == [hop["text"] for hop in hops]

    highlighted = explorer_page.cy("cy.nodes('.on-path').map(n => n.id())")
    assert set(highlighted) == on_path
    assert {"body/nhse", "body/ofsted"} <= set(highlighted)
    borders = explorer_page.cy("cy.nodes('.on-path').map(n => n.style('border-color'))")
    assert set(borders) == {HIGHLIGHT}
    # Links on the path are highlighted too, and only links between path nodes.
    links = explorer_page.cy("cy.edges('.on-path').map(e => [e.source().id(), e.target().id()])")
    assert links and all(a in on_path and b in on_path for a, b in links)
    others = explorer_page.cy(
        "cy.nodes(':visible').not('.on-path').map(n => n.style('border-color'))"
    )
    assert others and HIGHLIGHT not in others
