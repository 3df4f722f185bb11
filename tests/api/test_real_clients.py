"""Real SPARQL clients, unchanged, against a real uvicorn process."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

BODIES_OF_PROFIT_CAPS = """
PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?code WHERE {
  <https://w3id.org/policykg/id/measure/set-profit-caps-backstop> pkg:involves ?b .
  ?b skos:notation ?code } ORDER BY ?code
"""


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(server: str, method: str) -> None:
    wrapper = SPARQLWrapper(server + "/sparql")
    wrapper.setMethod(method)
    wrapper.setQuery(BODIES_OF_PROFIT_CAPS)
    wrapper.setReturnFormat(JSON)
    bindings = wrapper.queryAndConvert()["results"]["bindings"]
    assert [b["code"]["value"] for b in bindings] == ["Providers", "SoS"]


def test_sparqlwrapper_xml_csv_and_construct(server: str) -> None:
    wrapper = SPARQLWrapper(server + "/sparql")
    wrapper.setQuery(BODIES_OF_PROFIT_CAPS)
    wrapper.setReturnFormat(XML)
    assert len(wrapper.queryAndConvert().getElementsByTagName("result")) == 2
    wrapper.setReturnFormat(CSV)
    assert wrapper.queryAndConvert().decode().split() == ["code", "Providers", "SoS"]
    wrapper.setQuery(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#> CONSTRUCT WHERE { ?b a pkg:Body }"
    )
    wrapper.setReturnFormat(TURTLE)
    graph = Graph().parse(data=wrapper.queryAndConvert(), format="turtle")
    assert len(graph) == 6


def test_rdflib_sparqlstore_queries_and_iterates(server: str) -> None:
    graph = Graph(store=SPARQLStore(server + "/sparql"))
    rows = list(graph.query(BODIES_OF_PROFIT_CAPS))
    assert [row[0] for row in rows] == [Literal("Providers"), Literal("SoS")]
    la = URIRef("https://w3id.org/policykg/id/body/la")
    skos_notation = URIRef("http://www.w3.org/2004/02/skos/core#notation")
    assert graph.value(la, skos_notation) == Literal("LA")
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
