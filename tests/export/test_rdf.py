"""RDF exports re-read by independent parsers (pyoxigraph, PyLD) equal the store."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graph.export import FORMATS, Scope, export
from graph.export.rdf import CONTEXT_PATH
from graph.store import Store
from tests.export.conftest import ONTOLOGY, load_small

OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
WHOLE = Scope(ontology=True)


def store_graph(store: Store) -> Graph:
    return Graph().parse(data=store.dump().decode(), format="nt")


def reread_with_oxigraph(name: str, content: bytes) -> Graph:
    quads = list(ox.parse(content, format=OX_FORMATS[name]))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
    return Graph().parse(data=text, format="nt")


@pytest.mark.parametrize("name", sorted(OX_FORMATS))
def test_rdf_export_reread_by_oxigraph_is_isomorphic_to_the_store(small: Store, name: str) -> None:
    result = export(small, name, WHOLE)
    reread = reread_with_oxigraph(name, result.content)
    assert len(reread) == result.triples == small.triple_count()
    assert isomorphic(reread, store_graph(small))


def test_jsonld_expanded_by_pyld_gives_the_store_triples(small: Store) -> None:
    document = json.loads(export(small, "jsonld", WHOLE).content)
    nquads = jsonld.to_rdf(jsonld.expand(document), {"format": "application/n-quads"})
    reread = Graph().parse(data=nquads, format="nt")
    assert len(reread) == small.triple_count()
    assert isomorphic(reread, store_graph(small))


def test_jsonld_reads_as_plain_json(small: Store) -> None:
    document = json.loads(export(small, "jsonld").content)
    nodes = {node["id"]: node for node in document["@graph"]}
    measure = nodes["measure:market-oversight"]
    assert measure["type"] == "Measure"
    assert measure["label"] == "Market oversight scheme"
    assert measure["servesPrinciple"] == "principle:stability"
    responsibility = nodes["https://w3id.org/policykg/id/responsibility/market-oversight-dfe"]
    assert responsibility["inferred"] is False


def test_context_names_every_term_of_the_ontology() -> None:
    context = json.loads(CONTEXT_PATH.read_text())["@context"]
    ontology = Graph().parse(ONTOLOGY)
    pkg = "https://w3id.org/policykg/ontology#"
    terms = {str(s)[len(pkg) :] for s in ontology.subjects() if str(s).startswith(pkg)}
    assert terms - set(context) == set()
    assert all(context[t] == f"pkg:{t}" or context[t]["@id"] == f"pkg:{t}" for t in terms)


@pytest.mark.parametrize("name", sorted(OX_FORMATS))
def test_rdf_export_is_byte_identical_across_loads(name: str) -> None:
    first, second = load_small(), load_small()
    assert export(first, name, WHOLE).content == export(second, name, WHOLE).content


def test_nquads_put_each_triple_in_its_source_documents_graph(small: Store) -> None:
    dataset = Dataset()
    dataset.parse(data=export(small, "nquads", WHOLE).content.decode(), format="nquads")
    doc = "https://w3id.org/policykg/id/document/statement"
    graphs = {
        str(s): str(g)
        for s, _, _, g in dataset.quads((None, None, None, None))
        if not str(s).startswith("_:")
    }
    assert graphs["https://w3id.org/policykg/id/measure/market-oversight"] == doc
    assert graphs["https://w3id.org/policykg/id/responsibility/market-oversight-dfe"] == doc
    assert graphs[doc] == doc
    assert graphs["https://w3id.org/policykg/ontology#Measure"] != doc


def test_without_ontology_no_ontology_term_is_described(small: Store) -> None:
    reread = reread_with_oxigraph("turtle", export(small, "turtle").content)
    subjects = {str(s) for s in reread.subjects()}
    assert not any(s.startswith("https://w3id.org/policykg/ontology") for s in subjects)
    assert "https://w3id.org/policykg/id/measure/market-oversight" in subjects


def test_every_rdf_format_is_registered_with_a_media_type() -> None:
    rdf_formats = {name for name, f in FORMATS.items() if f.kind == "rdf"}
    assert rdf_formats == set(OX_FORMATS)
    assert FORMATS["jsonld"].media_type == "application/ld+json"
