"""Shortest paths with explanations, ego networks and bodies that never meet, on the fixture."""

from __future__ import annotations

import pytest

from graph.analysis.connections import ego_network, shortest_paths, unconnected_bodies
from graph.analysis.views import body_projection
from graph.errors import UnknownEntity


def test_path_from_nhse_to_ofsted_is_explained_hop_by_hop(programme):
    result = shortest_paths(programme, "NHSE", "ofsted")
    assert result.length == 3
    assert len(result.paths) == 1
    path = result.paths[0]
    assert [(h.source.id, h.label, h.forward, h.target.id) for h in path.hops] == [
        ("nhse", "delivery partner", False, "complex-pilot"),
        ("complex-pilot", "pilot of", True, "complex-framework"),
        ("complex-framework", "regulator", True, "ofsted"),
    ]
    assert path.text == (
        "NHSE ←delivery partner— Pilot of the complex needs provision —pilot of→ "
        "Statutory framework for children with complex needs —regulator→ Ofsted"
    )


def test_inferred_hops_are_marked(programme):
    result = shortest_paths(programme, "Providers", "Ofsted")
    assert result.paths[0].text == (
        "Providers ←duty holder— Mandatory notice period for market exit "
        "—regulator (inferred)→ Ofsted"
    )
    stated = shortest_paths(programme, "Providers", "Ofsted", include_inferred=False)
    assert stated.length == 4
    assert not any(h.inferred for p in stated.paths for h in p.hops)


def test_no_path_gives_an_empty_answer(programme):
    result = shortest_paths(programme, "OCC", "Ofsted")
    assert (result.length, result.paths) == (None, [])


def test_unknown_end_raises(programme):
    with pytest.raises(UnknownEntity):
        shortest_paths(programme, "NHSE", "nobody")


def test_ego_network_to_depth_one(programme):
    ego = ego_network(programme, "Ofsted", depth=1)
    assert [(m.entity.id, m.distance) for m in ego.members] == [
        ("ofsted", 0),
        ("complex-framework", 1),
        ("exit-notice", 1),
    ]
    assert {(link.source, link.target, link.role) for link in ego.links} == {
        ("complex-framework", "ofsted", "regulator"),
        ("exit-notice", "ofsted", "regulator"),
    }
    assert ego.parameters.depth == 1


def test_ego_network_grows_with_depth(programme):
    ids = {m.entity.id for m in ego_network(programme, "Ofsted", depth=2).members}
    assert {"providers", "dfe", "complex-pilot", "p3", "profit-cap"} <= ids


def test_bodies_that_never_share_a_measure(programme):
    result = unconnected_bodies(body_projection(programme))
    pairs = {tuple(sorted((u.code, v.code))) for u, v in result.pairs}
    assert ("NHSE", "Ofsted") in pairs
    assert ("DfE", "LA") not in pairs
    assert [e.code for e in result.uninvolved] == ["OCC"]
