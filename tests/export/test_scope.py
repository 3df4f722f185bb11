"""Subgraph exports hold exactly the neighbourhood worked out by hand on the small fixture."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import QueryRejected, UnknownEntity
from graph.export.scope import Scope, select_network, select_triples
from graph.projection import project
from graph.store import Store

ID = "https://w3id.org/policykg/id/"
OFSTED = ID + "body/ofsted"
LA = ID + "body/la"
DFE = ID + "body/dfe"
OVERSIGHT = ID + "measure/market-oversight"
BACKSTOP = ID + "measure/profit-cap-backstop"
PKG = "https://w3id.org/policykg/ontology#"


def named_subjects(triples) -> set[str]:
    return {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}


def has(triples, s: str, p: str, o: str) -> bool:
    return ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) in triples


def test_ego_network_of_ofsted_at_depth_one_holds_its_measure_and_responsibility(
    small: Store,
) -> None:
    triples = select_triples(small, Scope(focus="ofsted", depth=1))
    assert named_subjects(triples) == {
        OFSTED,
        OVERSIGHT,
        ID + "responsibility/market-oversight-ofsted",
    }
    assert has(triples, OVERSIGHT, PKG + "hasRegulator", OFSTED)
    assert not has(triples, OVERSIGHT, PKG + "ledBy", DFE)  # DfE is two links away
    # the measure's blank-node anchor comes along, cut from the document outside the scope
    assert any(isinstance(t.subject, ox.BlankNode) for t in triples)
    assert not any(t.object == ox.NamedNode(ID + "document/statement") for t in triples)


def test_ego_network_at_depth_two_reaches_the_other_bodies_of_the_measure(small: Store) -> None:
    subjects = named_subjects(select_triples(small, Scope(focus="Ofsted", depth=2)))
    assert {DFE, ID + "document/statement", ID + "principle/stability"} <= subjects
    assert BACKSTOP in subjects  # backstopFor market-oversight
    assert ID + "body/vsh" not in subjects


def test_body_scope_is_everything_the_body_touches(small: Store) -> None:
    subjects = named_subjects(select_triples(small, Scope(body="LA")))
    assert subjects == {
        LA,
        BACKSTOP,
        ID + "responsibility/profit-cap-backstop-la",
        ID + "body/vsh",
    }


def test_body_scope_refuses_an_entity_that_is_not_a_body(small: Store) -> None:
    with pytest.raises(UnknownEntity):
        select_triples(small, Scope(body="market-oversight"))


def test_without_inferred_links_the_inferred_responsibility_and_statement_are_gone(
    small: Store,
) -> None:
    stated = select_triples(small, Scope(inferred=False))
    everything = select_triples(small, Scope())
    assert has(everything, BACKSTOP, PKG + "affects", LA)
    assert not has(stated, BACKSTOP, PKG + "affects", LA)
    assert not has(stated, BACKSTOP, PKG + "involves", LA)
    assert has(stated, BACKSTOP, PKG + "involves", DFE)  # entailed by a stated responsibility
    assert not has(stated, BACKSTOP, PKG + "servesPrinciple", ID + "principle/stability")
    gone = {ID + "responsibility/profit-cap-backstop-la", ID + "inference/"}
    assert not any(s.startswith(tuple(gone)) for s in named_subjects(stated))
    assert not any(
        t.object == ox.NamedNode(ID + "responsibility/profit-cap-backstop-la") for t in stated
    )


def test_a_kept_inferred_link_keeps_the_statement_that_marks_it(small: Store) -> None:
    subjects = named_subjects(select_triples(small, Scope(focus="profit-cap-backstop")))
    assert ID + "inference/profit-cap-backstop-serves-stability" in subjects


def test_type_filter_keeps_only_entities_of_those_types(small: Store) -> None:
    triples = select_triples(small, Scope(types=("measure", "body")))
    assert named_subjects(triples) == {
        OVERSIGHT,
        BACKSTOP,
        ID + "measure/virtual-school-duty",
        OFSTED,
        LA,
        DFE,
        ID + "body/vsh",
    }
    assert has(triples, BACKSTOP, PKG + "backstopFor", OVERSIGHT)


def test_ontology_is_added_only_when_asked(small: Store) -> None:
    measure_class = PKG + "Measure"
    assert measure_class not in named_subjects(select_triples(small, Scope()))
    assert measure_class in named_subjects(select_triples(small, Scope(ontology=True)))
    focused = select_triples(small, Scope(focus="ofsted", ontology=True))
    assert {measure_class, OFSTED} <= named_subjects(focused)


def test_construct_exports_exactly_the_query_result(small: Store) -> None:
    query = f"CONSTRUCT {{ ?m <{PKG}involves> ?b }} WHERE {{ ?m <{PKG}involves> ?b }}"
    triples = select_triples(small, Scope(construct=query))
    assert len(triples) == 5
    assert {t.predicate.value for t in triples} == {PKG + "involves"}


def test_construct_with_service_is_refused(small: Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryRejected):
        select_triples(small, Scope(construct=query))


def test_unknown_focus_is_an_unknown_entity(small: Store) -> None:
    with pytest.raises(UnknownEntity):
        select_triples(small, Scope(focus="no-such-thing"))


def test_network_ego_of_ofsted_is_its_measure(small: Store) -> None:
    ego = select_network(project(small), Scope(focus="ofsted", depth=1))
    assert set(ego) == {OFSTED, OVERSIGHT}
    assert [d["predicate"] for *_, d in ego.edges(data=True)] == ["pkg:hasRegulator"]


def test_network_without_inferred_drops_inferred_edges_only(small: Store) -> None:
    graph = project(small)
    stated = select_network(graph, Scope(inferred=False))
    assert stated.number_of_nodes() == graph.number_of_nodes()
    assert not any(i for *_, i in stated.edges(data="inferred"))
    assert stated.number_of_edges() == sum(1 for *_, i in graph.edges(data="inferred") if not i)


def test_network_type_filter_then_ego(small: Store) -> None:
    ego = select_network(project(small), Scope(focus="ofsted", depth=2, types=("measure", "body")))
    assert set(ego) == {OFSTED, OVERSIGHT, DFE, BACKSTOP}
