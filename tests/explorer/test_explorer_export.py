"""Exports from the explorer page: PNG and SVG of the view, the subgraph in export formats."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs

from playwright.sync_api import Download

from tests.explorer.conftest import ExplorerPage

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def download(explorer_page: ExplorerPage, button: str) -> Download:
    with explorer_page.page.expect_download() as info:
        explorer_page.page.click(button)
    return info.value


def test_png_export_downloads_a_valid_png(explorer_page: ExplorerPage) -> None:
    explorer_page.open("#focus=body%2Fofsted&depth=1")
    image = download(explorer_page, "#export-png")
    assert image.suggested_filename == "policykg-body-ofsted.png"
    data = Path(image.path()).read_bytes()
    assert data[:8] == PNG_MAGIC and len(data) > 1000


def test_svg_export_draws_a_label_for_each_node_in_view(explorer_page: ExplorerPage) -> None:
    explorer_page.open("#focus=body%2Fofsted&depth=1")
    image = download(explorer_page, "#export-svg")
    assert image.suggested_filename == "policykg-body-ofsted.svg"
    root = ET.parse(image.path()).getroot()
    assert root.tag == f"{SVG}svg"
    assert float(root.get("width", 0)) > 0 and float(root.get("height", 0)) > 0

    # Long labels are cut with an ellipsis, so each drawn text must start one shown label.
    labels = explorer_page.cy("cy.nodes(':visible').map(n => n.data('short'))")
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert len(labels) == explorer_page.visible_nodes() > 1
    assert len(texts) == len(labels)
    unmatched = list(labels)
    for text in texts:
        stem = text.removesuffix("…")
        match = next(label for label in unmatched if label.startswith(stem))
        unmatched.remove(match)
    assert "Ofsted" in texts
    # A node is a filled and outlined path; a link is a stroke and its arrow a fill only.
    shapes = [
        p
        for p in root.iter(f"{SVG}path")
        if {p.get("fill"), p.get("stroke")}.isdisjoint({None, "none"})
    ]
    assert len(shapes) == len(labels)


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
