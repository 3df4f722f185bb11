"""The explorer's elements against counts the store reports through SPARQL."""

from __future__ import annotations

from collections import Counter

import pytest

from graph.explorer_data import explorer_elements
from graph.store import Store
from graph.vocab import sparql_prologue

SHOWN_CLASSES = (
    "pkg:Principle pkg:Measure pkg:Body pkg:Legislation pkg:Bill pkg:Act "
    "pkg:LegislationSection pkg:Programme pkg:Cohort"
)


def count(store: Store, where: str) -> int:
    rows = store.select(sparql_prologue() + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"])  # type: ignore[arg-type]


def test_every_entity_of_a_shown_class_is_one_node(store: Store) -> None:
    expected = count(
        store, f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {SHOWN_CLASSES} }} ?s a ?c }}"
    )
    nodes = explorer_elements(store).nodes
    assert len(nodes) == expected
    assert len({n.data.id for n in nodes}) == expected


def test_node_types_match_the_class_counts(store: Store) -> None:
    types = Counter(n.data.type for n in explorer_elements(store).nodes)
    for name, cls in (("measure", "pkg:Measure"), ("body", "pkg:Body"), ("cohort", "pkg:Cohort")):
        assert types[name] == count(store, f"SELECT DISTINCT ?s WHERE {{ ?s a {cls} }}")


def test_each_responsibility_is_one_involves_edge_with_its_role(store: Store) -> None:
    edges = [e.data for e in explorer_elements(store).edges if e.data.relation == "involves"]
    assert len(edges) == count(store, "?m pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?b")
    inferred = count(store, "?m pkg:hasResponsibility ?r . ?r pkg:inferred true")
    assert sum(e.inferred for e in edges) == inferred
    assert all(e.role and e.quote for e in edges)


def test_each_dependency_is_one_depends_on_edge(store: Store) -> None:
    edges = [e.data for e in explorer_elements(store).edges if e.data.relation == "dependsOn"]
    assert len(edges) == count(store, "?m pkg:hasDependency ?d . ?d pkg:onMeasure ?n")


@pytest.mark.parametrize(
    "relation", ["servesPrinciple", "carriedBy", "concernsCohort", "concernsProgramme"]
)
def test_direct_links_match_their_triples_and_inferred_statements(
    store: Store, relation: str
) -> None:
    edges = [e.data for e in explorer_elements(store).edges if e.data.relation == relation]
    assert len(edges) == count(store, f"?s pkg:{relation} ?o")
    marked = count(
        store,
        f"?st a pkg:InferredStatement ; rdf:subject ?s ; rdf:predicate pkg:{relation} ; "
        f"rdf:object ?o . ?s pkg:{relation} ?o",
    )
    assert sum(e.inferred for e in edges) == marked
    assert all(e.reason for e in edges if e.inferred)


def test_a_measure_carries_its_verbatim_sentence_and_document(store: Store) -> None:
    iri = "https://w3id.org/policykg/id/measure/set-profit-caps-backstop"
    node = next(n.data for n in explorer_elements(store).nodes if n.data.iri == iri)
    rows = store.select(
        sparql_prologue() + "SELECT ?text ?title WHERE { ?m pkg:sourceText ?text ; "
        "dct:source/dct:title ?title }",
        m=iri,
    )
    assert (node.source_text, node.document_title) == (rows[0]["text"], rows[0]["title"])
    assert node.document and node.document.startswith("document/")


def test_body_aliases_and_codes_are_on_the_node(store: Store) -> None:
    la = next(n.data for n in explorer_elements(store).nodes if n.data.id == "body/la")
    assert la.code == "LA"
    assert la.aliases == sorted(
        str(r["a"])
        for r in store.select(
            "SELECT ?a WHERE { ?b <http://www.w3.org/2004/02/skos/core#altLabel> ?a }",
            b="https://w3id.org/policykg/id/body/la",
        )
    )


def test_elements_are_built_once_per_data_version(store: Store) -> None:
    assert explorer_elements(store) is explorer_elements(store)
