"""The projection: typed nodes and edges, qualified links folded in, views and their caching."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.views import (
    Weighting,
    body_projection,
    dependency_view,
    involvement_view,
    tripartite_view,
)
from graph.errors import UnknownEntity
from graph.projection import project, resolve
from tests.analysis.conftest import load_fixture

MEASURE = "https://w3id.org/policykg/id/measure/"
BODY = "https://w3id.org/policykg/id/body/"


def _weights(view: nx.Graph) -> dict[frozenset[str], float]:
    return {
        frozenset((view.nodes[u]["code"], view.nodes[v]["code"])): w
        for u, v, w in view.edges(data="weight")
    }


def test_nodes_carry_id_type_label_and_code(programme):
    ofsted = programme.nodes[BODY + "ofsted"]
    assert (ofsted["id"], ofsted["type"], ofsted["label"], ofsted["code"]) == (
        "ofsted",
        "body",
        "Ofsted",
        "Ofsted",
    )
    assert programme.nodes[MEASURE + "profit-cap"]["type"] == "measure"


def test_responsibility_becomes_one_edge_with_role_and_inferred_flag(programme):
    edges = programme.get_edge_data(MEASURE + "exit-notice", BODY + "ofsted")
    assert [(e["predicate"], e["role"], e["inferred"]) for e in edges.values()] == [
        ("pkg:hasRegulator", "regulator", True)
    ]


def test_bare_shortcut_triple_is_an_edge_too(programme):
    edges = programme.get_edge_data(MEASURE + "unique-child-identifier", BODY + "dfe")
    assert [(e["predicate"], e["role"]) for e in edges.values()] == [("pkg:ledBy", "lead")]


def test_projection_is_cached_per_data_version(programme_store, programme):
    assert project(programme_store) is programme
    with pytest.raises(nx.NetworkXError):
        programme.add_node("x")


def test_dependency_view_points_from_prerequisite_to_dependant(programme):
    view = dependency_view(programme)
    assert view.edges[MEASURE + "rcc-legislation", MEASURE + "rcc-backstop"]["kind"] == (
        "backstop-for"
    )
    assert view.number_of_edges() == 8


def test_excluding_inferred_links_drops_them_from_views(programme):
    assert dependency_view(programme, include_inferred=False).number_of_edges() == 7
    bodies = _weights(body_projection(programme, include_inferred=False))
    assert frozenset(("Providers", "Ofsted")) not in bodies


def test_roll_up_merges_sub_units_into_parents(programme):
    flat = _weights(body_projection(programme))
    rolled = _weights(body_projection(programme, roll_up=True))
    assert flat[frozenset(("DfE", "LA"))] == 1
    assert rolled[frozenset(("DfE", "LA"))] == 2
    codes = {a["code"] for _, a in body_projection(programme, roll_up=True).nodes(data=True)}
    assert "SE-RCC" not in codes and "SoS" not in codes


def test_weightings_follow_their_definitions(programme):
    pair = frozenset(("DfE", "LA"))
    # DfE: 7 measures after roll-up, LA: 3, shared: 2 (RCC legislation with 3 bodies,
    # RCC backstop with 2).
    jaccard = _weights(body_projection(programme, roll_up=True, weighting=Weighting.JACCARD))
    newman = _weights(body_projection(programme, roll_up=True, weighting=Weighting.NEWMAN))
    assert jaccard[pair] == pytest.approx(2 / 8)
    assert newman[pair] == pytest.approx(1 / 2 + 1 / 1)


def test_views_record_their_parameters(programme):
    params = body_projection(programme, weighting="jaccard", roll_up=True).graph["parameters"]
    assert (params.weighting, params.roll_up, params.include_inferred) == (
        Weighting.JACCARD,
        True,
        True,
    )


def test_role_filter_keeps_only_links_with_those_roles(programme):
    view = involvement_view(programme, roles=["regulator"])
    assert sorted(programme.nodes[b]["code"] for _, b in view.edges()) == ["Ofsted", "Ofsted"]


def test_tripartite_view_runs_principle_to_measure_to_body(programme):
    view = tripartite_view(programme)
    assert view.has_edge("https://w3id.org/policykg/id/principle/p3", MEASURE + "profit-cap")
    assert view.has_edge(MEASURE + "profit-cap", BODY + "sos")


def test_bodies_resolve_by_id_code_in_any_case_or_iri(programme):
    assert resolve(programme, "nhse") == BODY + "nhse"
    assert resolve(programme, "se-rcc") == BODY + "se-rcc"
    assert resolve(programme, "SE-RCC") == BODY + "se-rcc"
    assert resolve(programme, "body/ofsted") == BODY + "ofsted"
    assert resolve(programme, BODY + "la") == BODY + "la"


def test_unknown_entity_is_reported(programme):
    with pytest.raises(UnknownEntity):
        resolve(programme, "no-such-thing")
    with pytest.raises(UnknownEntity):
        resolve(programme, "ofsted", entity_type="measure")


def test_a_new_store_gets_its_own_projection(programme):
    other = project(load_fixture("programme.ttl", "orphan.ttl"))
    assert MEASURE + "orphan" in other and MEASURE + "orphan" not in programme
