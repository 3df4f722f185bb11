"""The body view: one body, its measures grouped by principle, roles on the links."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from graph.store import Store
from tests.explorer.answers import ID_BASE, OFSTED, measures_by_principle, roles
from tests.explorer.conftest import ExplorerPage

GROUPS = """Object.fromEntries(cy.nodes('.group:visible').map(g =>
    [g.data('ref') ?? null, g.children(':visible').map(m => m.data('ref')).sort()]))"""
# The label drawn on each link, as Cytoscape.js styles it, with the role it stands for.
LINKS = """cy.edges('.bodyview:visible').map(e =>
    [e.source().data('ref'), e.data('role'), e.style('label'), e.target().id()])"""


def shown_groups(explorer_page: ExplorerPage) -> dict[str | None, set[str]]:
    # JSON turns a null key into "null".
    groups = explorer_page.cy(GROUPS)
    return {None if key == "null" else key: set(ids) for key, ids in groups.items()}


@pytest.mark.parametrize("body", ["body/ofsted", "body/la", "body/dfe"])
def test_the_body_view_groups_a_bodys_measures_by_the_principles_they_serve(
    explorer_page: ExplorerPage, store: Store, body: str
) -> None:
    explorer_page.open(f"#view=body&body={body}")
    expected = measures_by_principle(store, ID_BASE + body)
    assert shown_groups(explorer_page) == expected
    assert explorer_page.cy(f"cy.getElementById('{body}').visible()")
    # Nothing else is drawn: the body, one group per principle, a copy per membership.
    memberships = sum(len(measures) for measures in expected.values())
    assert explorer_page.visible_nodes() == 1 + len(expected) + memberships
    # The table lists each entity once: the body, its measures, the principles they serve.
    rows = explorer_page.page.locator("#node-table tbody tr[data-node]")
    entities = {body} | set().union(*expected.values()) | {p for p in expected if p}
    assert sorted(rows.evaluate_all("rows => rows.map(r => r.dataset.node)")) == sorted(entities)


def test_each_measure_links_to_the_body_with_its_role_drawn_on_the_link(
    explorer_page: ExplorerPage, store: Store
) -> None:
    explorer_page.open("#view=body&body=body%2Fofsted")
    links = explorer_page.cy(LINKS)
    assert {(measure, role, label) for measure, role, label, _ in links} == roles(store, OFSTED)
    assert {target for *_, target in links} == {"body/ofsted"}


def test_choosing_a_body_opens_its_view_and_the_link_restores_it(
    explorer_page: ExplorerPage, store: Store
) -> None:
    page = explorer_page.open()
    page.select_option("#body-view", "body/ofsted")
    state = parse_qs(page.url.split("#", 1)[1])
    assert state == {"view": ["body"], "body": ["body/ofsted"], "sel": ["body/ofsted"]}
    assert "Body view of Ofsted" in (page.text_content("#status-line") or "")
    assert page.text_content("#panel-title") == "Ofsted"
    explorer_page.screenshot("body-view-ofsted")

    page.goto("about:blank")
    explorer_page.open("#view=body&body=ofsted")  # a slug alone is enough
    assert page.input_value("#body-view") == "body/ofsted"
    assert shown_groups(explorer_page) == measures_by_principle(store, OFSTED)

    page.select_option("#body-view", "")
    assert "view=" not in page.url
    assert explorer_page.cy("cy.nodes('.bodyview').length") == 0


def test_the_panel_opens_the_body_view_and_a_measure_in_it_opens_the_panel(
    explorer_page: ExplorerPage, store: Store
) -> None:
    page = explorer_page.open("#sel=body%2Fla")
    page.click("#body-view-here")
    assert "view=body" in page.url
    # The panel lists the body's own links once each, not the view's copies of them.
    listed = page.locator("#panel .panel-measures button[data-node]")
    memberships = measures_by_principle(store, ID_BASE + "body/la")
    assert listed.count() == sum(len(m) for m in memberships.values())
    assert page.locator("#panel-neighbours li").count() == explorer_page.cy(
        "cy.getElementById('body/la').connectedEdges().not('.bodyview').length"
    )
    measure = explorer_page.cy("cy.nodes('.bodyview[ref^=\"measure/\"]').first().data('ref')")
    explorer_page.cy(f"cy.nodes('.bodyview[ref = \"{measure}\"]').first().emit('tap')")
    assert page.get_attribute("#panel a.iri", "href") == f"/id/{measure}"
    assert f"sel={measure.replace('/', '%2F')}" in page.url


def test_the_body_view_fits_a_narrow_window(explorer_page: ExplorerPage, store: Store) -> None:
    explorer_page.page.set_viewport_size({"width": 420, "height": 800})
    explorer_page.open("#view=body&body=body%2Fofsted")
    assert shown_groups(explorer_page) == measures_by_principle(store, OFSTED)
    explorer_page.screenshot("body-view-ofsted-420x800")
