"""Centrality, brokers, weak points, communities, components and cores on the fixture."""

from __future__ import annotations

from graph.analysis.influence import brokers, centrality, weak_points
from graph.analysis.structure import (
    communities,
    components,
    k_core,
    measures_without_principle,
)
from graph.analysis.views import Weighting, body_projection, dependency_view, tripartite_view
from graph.projection import project
from tests.analysis.conftest import load_fixture


def _codes(entities):
    return [e.code for e in entities]


def test_dfe_ranks_first_by_degree_and_betweenness(programme):
    view = body_projection(programme)
    by_degree = centrality(view)
    # DfE shares a measure with 5 bodies; LA and Providers with 4 each.
    assert [(r.entity.code, r.strength) for r in by_degree.rows[:3]] == [
        ("DfE", 5),
        ("LA", 4),
        ("Providers", 4),
    ]
    assert centrality(view, ranked_by="betweenness").rows[0].entity.code == "DfE"
    assert by_degree.rows[-1].entity.code == "OCC"


def test_pagerank_ranks_the_hub_of_a_star_first_and_sums_to_one():
    import networkx as nx

    star = nx.star_graph(4)
    attrs = {n: {"id": f"b{n}", "type": "body", "label": f"B{n}", "code": None} for n in star}
    nx.set_node_attributes(star, attrs)
    table = centrality(star, ranked_by="pagerank")
    assert table.rows[0].entity.id == "b0"
    assert abs(sum(r.pagerank for r in table.rows) - 1.0) < 1e-9
    assert table.rows[0].pagerank > 2 * table.rows[1].pagerank


def test_centrality_reports_weighting_and_roll_up(programme):
    table = centrality(body_projection(programme, weighting=Weighting.NEWMAN, roll_up=True))
    assert table.parameters.weighting == Weighting.NEWMAN
    assert table.parameters.roll_up is True
    assert table.parameters.betweenness_sample is None


def test_measures_centrality_runs_on_the_dependency_view(programme):
    table = centrality(dependency_view(programme))
    assert table.rows[0].entity.id in {"oversight-scheme", "profit-cap"}


def test_brokers_lead_with_the_least_constrained_body(programme):
    assert brokers(body_projection(programme))[0].entity.code == "DfE"


def test_single_points_of_failure(programme):
    points = weak_points(body_projection(programme))
    assert _codes(points.articulation_points) == ["DfE", "SE-RCC"]
    assert sorted(tuple(_codes(pair)) for pair in points.bridges) == [
        ("DfE", "SE-RCC"),
        ("NHSE", "SE-RCC"),
    ]


def test_communities_are_reproducible_and_cover_every_body(programme):
    view = body_projection(programme)
    first, second = communities(view, seed=3), communities(view, seed=3)
    assert first == second
    members = [e.code for c in first.communities for e in c.members]
    assert sorted(members) == sorted(a["code"] for _, a in view.nodes(data=True))
    assert all(c.label for c in first.communities)
    assert first.parameters.seed == 3


def test_components_separate_the_uninvolved_body(programme):
    found = components(body_projection(programme)).components
    assert len(found) == 2
    assert _codes(found[1]) == ["OCC"]


def test_k_core_is_the_densest_core(programme):
    core = k_core(body_projection(programme))
    # DfE-LA-RCC and DfE-LA-Providers-SoS hold triangles; nothing has a 3-core.
    assert core.k == 2
    assert "NHSE" not in _codes(core.members)
    assert core.core_numbers["nhse"] == 1


def test_every_fixture_measure_is_reached_from_a_principle(programme):
    assert measures_without_principle(tripartite_view(programme)) == []


def test_orphan_measure_is_reported():
    graph = project(load_fixture("programme.ttl", "orphan.ttl"))
    assert [e.id for e in measures_without_principle(tripartite_view(graph))] == ["orphan"]
