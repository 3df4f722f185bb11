"""Dependency analysis on the fixture programme, whose answers are worked out in its README."""

from __future__ import annotations

import pytest

from graph.analysis.dependencies import (
    DependencyCycle,
    backstops,
    critical_path,
    find_dependency_cycles,
    impact,
    implementation_order,
    prerequisites,
)
from graph.analysis.views import dependency_view
from graph.projection import project
from tests.analysis.conftest import load_fixture


def _ids(entities):
    return [e.id for e in entities]


def test_implementation_order_is_the_known_topological_order(programme):
    result = implementation_order(dependency_view(programme))
    assert _ids(result.order) == [
        "complex-framework",
        "complex-pilot",
        "cost-transparency",
        "oversight-scheme",
        "exit-notice",
        "profit-cap",
        "rcc-pathfinders",
        "rcc-legislation",
        "rcc-backstop",
        "unique-child-identifier",
    ]
    assert [_ids(stage) for stage in result.stages] == [
        ["complex-framework", "cost-transparency", "rcc-pathfinders", "unique-child-identifier"],
        ["complex-pilot", "oversight-scheme", "rcc-legislation"],
        ["exit-notice", "rcc-backstop"],
        ["profit-cap"],
    ]
    assert result.parameters.include_inferred is True


def test_critical_path_is_the_longest_chain(programme):
    chain = critical_path(dependency_view(programme))
    assert _ids(chain.measures) == [
        "cost-transparency",
        "oversight-scheme",
        "exit-notice",
        "profit-cap",
    ]
    assert chain.kinds == ["depends-on", "depends-on", "backstop-for"]


def test_critical_path_without_inferred_links_is_shorter(programme):
    chain = critical_path(dependency_view(programme, include_inferred=False))
    assert len(chain.measures) == 3
    assert chain.parameters.include_inferred is False


def test_impact_lists_everything_downstream_with_distance(programme):
    result = impact(dependency_view(programme), "cost-transparency")
    assert [(r.measure.id, r.distance) for r in result.measures] == [
        ("oversight-scheme", 1),
        ("profit-cap", 1),
        ("exit-notice", 2),
    ]
    assert _ids(
        r.measure for r in impact(dependency_view(programme), "rcc-legislation").measures
    ) == ["rcc-backstop"]


def test_prerequisites_list_everything_upstream(programme):
    result = prerequisites(dependency_view(programme), "profit-cap")
    assert sorted(r.measure.id for r in result.measures) == [
        "cost-transparency",
        "exit-notice",
        "oversight-scheme",
    ]


def test_backstops_and_what_they_back(programme):
    found = {b.measure.id: _ids(b.backs) for b in backstops(dependency_view(programme))}
    assert found == {
        "profit-cap": ["cost-transparency", "exit-notice", "oversight-scheme"],
        "rcc-backstop": ["rcc-legislation"],
    }


def test_clean_data_has_no_cycles(programme_store):
    assert find_dependency_cycles(programme_store) == []


def test_injected_cycle_is_reported():
    store = load_fixture("programme.ttl", "cycle.ttl")
    assert find_dependency_cycles(store) == [["rcc-backstop", "rcc-legislation", "rcc-pathfinders"]]


def test_order_refuses_cyclic_dependencies_naming_the_cycle():
    view = dependency_view(project(load_fixture("programme.ttl", "cycle.ttl")))
    with pytest.raises(DependencyCycle, match="rcc-backstop -> rcc-legislation"):
        implementation_order(view)
