"""The ontology parses with two independent parsers and every term is labelled and defined."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.settings import REPO_ROOT
from graph.vocab import PKG

ONTOLOGY = REPO_ROOT / "ontology" / "policy.ttl"


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def test_ontology_parses_identically_in_rdflib_and_oxigraph(ontology: rdflib.Graph) -> None:
    ox_triples = list(ox.parse(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE))
    assert len(ox_triples) == len(ontology) > 0


def test_every_class_and_property_has_a_label_and_a_definition(ontology: rdflib.Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for k in kinds for s in ontology.subjects(RDF.type, k)}
    assert len(terms) > 60
    unlabelled = [t for t in terms if ontology.value(t, RDFS.label) is None]
    undefined = [t for t in terms if ontology.value(t, RDFS.comment) is None]
    assert unlabelled == [] and undefined == []


def test_every_concept_of_the_schemes_has_a_notation_label_and_definition(
    ontology: rdflib.Graph,
) -> None:
    concepts = set(ontology.subjects(SKOS.inScheme, None))
    assert len(concepts) >= 30
    for concept in concepts:
        assert ontology.value(concept, SKOS.notation) is not None, concept
        assert ontology.value(concept, RDFS.label) is not None, concept
        assert ontology.value(concept, RDFS.comment) is not None, concept


def test_every_pkg_term_used_in_the_ontology_is_declared_in_the_python_vocabulary(
    ontology: rdflib.Graph,
) -> None:
    declared = {str(s) for s in ontology.subjects() if str(s).startswith(str(PKG))}
    for iri in declared:
        assert getattr(PKG, iri.removeprefix(str(PKG))) == rdflib.URIRef(iri)


def test_each_role_and_dependency_kind_names_a_subproperty_as_its_shortcut(
    ontology: rdflib.Graph,
) -> None:
    for concept, shortcut in ontology.subject_objects(PKG.shortcut):
        parent = ontology.value(shortcut, RDFS.subPropertyOf)
        assert shortcut in (PKG.dependsOn,) or parent in (PKG.involves, PKG.dependsOn), concept
