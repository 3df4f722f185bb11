"""Listings read once per data version (a body's measures, all measures): paged from the
list, and never stale once the data changes."""

from __future__ import annotations

from pathlib import Path

from graph.body_resources import body_measures, list_bodies
from graph.catalogue import list_documents, search
from graph.loading import data_files, load_files
from graph.resources import list_measures
from graph.settings import Settings

FIXTURE_DATA = Path(__file__).resolve().parents[1] / "data" / "api"
NEW_DUTY = b"""
@prefix pkg: <https://w3id.org/policykg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix role: <https://w3id.org/policykg/id/role/> .
<https://w3id.org/policykg/id/measure/zz-new> a pkg:Measure ; rdfs:label "ZZ new measure" ;
    pkg:hasResponsibility <https://w3id.org/policykg/id/measure/zz-new/r1> .
<https://w3id.org/policykg/id/measure/zz-new/r1> pkg:responsibleBody
    <https://w3id.org/policykg/id/body/dfe> ; pkg:role <https://w3id.org/policykg/id/role/lead> .
"""
NEW_BODY_AND_DOCUMENT = b"""
<https://w3id.org/policykg/id/body/zz-body> a pkg:Body ; rdfs:label "ZZ body" .
<https://w3id.org/policykg/id/document/zz-doc> a pkg:PolicyDocument ; rdfs:label "ZZ doc" .
"""


def test_a_change_to_the_data_is_seen_by_the_next_listing() -> None:
    store = load_files(data_files(Settings(data_dir=FIXTURE_DATA)))
    before = body_measures(store, "DfE")
    assert before is not body_measures(store, "DfE")  # a new page each time, from one list
    store.add_turtle(NEW_DUTY, source="test")
    after = body_measures(store, "DfE")
    assert after.total == before.total + 1
    assert after.items[-1].id == "zz-new" and after.items[-1].role == "lead"
    assert after.items[:-1] == before.items


def test_pages_and_role_filter_are_cut_from_the_whole_list() -> None:
    store = load_files(data_files(Settings(data_dir=FIXTURE_DATA)))
    whole = body_measures(store, "DfE", limit=1000)
    assert [m.label for m in whole.items] == sorted(m.label for m in whole.items)
    page = body_measures(store, "DfE", limit=2, offset=1)
    assert page.items == whole.items[1:3] and page.total == whole.total
    leads = body_measures(store, "DfE", role="lead")
    assert leads.items == [m for m in whole.items if m.role == "lead"]
    assert leads.total == len(leads.items) < whole.total


def test_the_measure_list_sees_a_change_to_the_data() -> None:
    store = load_files(data_files(Settings(data_dir=FIXTURE_DATA)))
    before = list_measures(store, limit=1000)
    store.add_turtle(NEW_DUTY, source="test")
    after = list_measures(store, limit=1000)
    assert after.total == before.total + 1
    assert [m.id for m in after.items] == [m.id for m in before.items] + ["zz-new"]
    assert [m.id for m in list_measures(store, q="ZZ new").items] == ["zz-new"]
    assert list_measures(store, limit=2, offset=1).items == after.items[1:3]


def test_bodies_documents_and_search_see_a_change_to_the_data() -> None:
    store = load_files(data_files(Settings(data_dir=FIXTURE_DATA)))
    bodies, documents = list_bodies(store), list_documents(store)
    assert search(store, "ZZ new").total == 0
    store.add_turtle(NEW_DUTY + NEW_BODY_AND_DOCUMENT, source="test")
    assert [h.id for h in search(store, "ZZ new").items] == ["zz-new"]
    assert list_bodies(store).total == bodies.total + 1
    assert "zz-body" in {b.id for b in list_bodies(store).items}
    assert list_documents(store).total == documents.total + 1
