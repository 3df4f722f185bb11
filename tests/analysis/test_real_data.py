"""Assertions on the real data where the sources settle the answer.

Source: data/sources/002_2d3ac600489ec8cf.txt ("Keeping children safe, helping families thrive").
"""

from __future__ import annotations

from graph.analysis.connections import shortest_paths
from graph.analysis.dependencies import find_dependency_cycles, impact, prerequisites
from graph.analysis.structure import measures_without_principle
from graph.analysis.views import dependency_view, tripartite_view

PROFIT_CAP = "set-profit-caps-backstop"
RCC_LEGISLATION = "legislate-regional-care-cooperatives"
RCC_BACKSTOP = "rcc-backstop-direction-power"


def test_profit_cap_backstop_rests_on_the_market_oversight_measures(real):
    # "Backstop power ... to set profit caps if the above measures do not have the desired effect"
    found = {r.measure.id for r in prerequisites(dependency_view(real), PROFIT_CAP).measures}
    assert {
        "placement-cost-transparency",
        "financial-oversight-scheme",
        "provider-exit-notice-period",
    } <= found


def test_rcc_backstop_depends_on_the_rcc_legislation(real):
    # "Legislation will include a backstop power for government to direct LAs to form RCCs"
    found = {r.measure.id for r in prerequisites(dependency_view(real), RCC_BACKSTOP).measures}
    assert RCC_LEGISLATION in found


def test_impact_of_the_rcc_legislation_lists_the_rcc_backstop(real):
    found = {r.measure.id for r in impact(dependency_view(real), RCC_LEGISLATION).measures}
    assert RCC_BACKSTOP in found


def test_every_measure_is_reached_from_a_principle(real):
    assert measures_without_principle(tripartite_view(real)) == []


def test_the_real_dependencies_have_no_cycle(real_store):
    assert find_dependency_cycles(real_store) == []


def test_nhse_reaches_ofsted_by_an_explained_path(real):
    result = shortest_paths(real, "NHSE", "Ofsted")
    assert result.paths
    path = result.paths[0]
    assert path.hops[0].source.code == "NHSE"
    assert path.hops[-1].target.code == "Ofsted"
    for hop, following in zip(path.hops, path.hops[1:], strict=False):
        assert hop.target == following.source
    assert all(hop.label and hop.text for hop in path.hops)
    assert path.text.startswith("NHSE ") and path.text.endswith(" Ofsted")
