"""The real data: conforms to the shapes, codes are unique, counts match the sources."""

from __future__ import annotations

from graph.settings import Settings
from graph.stats import graph_stats
from graph.store import Store
from graph.validation import validate_store
from graph.vocab import sparql_prologue

REQUIRED_CODES = {
    "DfE", "Ofsted", "LA", "RCC", "SE-RCC", "NHSE", "MHCLG", "HO", "OCC", "Schools", "VSH",
    "MASA", "Providers", "ESC", "CoramBAAF",
}  # fmt: skip


def test_real_data_has_no_shape_violations(store: Store, settings: Settings) -> None:
    report = validate_store(store, settings)
    assert report.violation_count == 0, str(report)


def test_stats_count_35_measures_4_principles_and_at_least_15_bodies(store: Store) -> None:
    stats = graph_stats(store)
    assert stats.classes["Measure"] == 35
    assert stats.classes["Principle"] == 4
    assert stats.classes["Body"] >= 15
    assert len(stats.measures_per_principle) == 4


def test_every_required_body_code_is_present_exactly_once(store: Store) -> None:
    query = "SELECT ?code WHERE { ?b a pkg:Body ; skos:notation ?code }"
    rows = store.select(sparql_prologue() + query)
    codes = [str(r["code"]) for r in rows]
    assert len(codes) == len(set(codes))
    assert set(codes) >= REQUIRED_CODES


def test_sub_units_say_what_they_belong_to(store: Store) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT ?child ?parent WHERE { ?c org:subOrganizationOf ?p .
               ?c skos:notation ?child . ?p skos:notation ?parent }"""
    )
    pairs = {(str(r["child"]), str(r["parent"])) for r in rows}
    assert {("SE-RCC", "RCC"), ("VSH", "LA")} <= pairs


def test_every_responsibility_entails_its_shortcut_and_involves_triples(store: Store) -> None:
    missing = store.select(
        sparql_prologue()
        + """SELECT ?r WHERE { ?m pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?b ;
               pkg:role/pkg:shortcut ?p .
               FILTER NOT EXISTS { ?m ?p ?b . ?m pkg:involves ?b } }"""
    )
    assert missing == []


def test_profit_cap_backstop_backs_the_market_oversight_measures(store: Store) -> None:
    query = "SELECT ?n WHERE { measure:set-profit-caps-backstop pkg:backstopFor ?n }"
    rows = store.select(sparql_prologue() + query)
    backed = {str(r["n"]).rsplit("/", 1)[-1] for r in rows}
    assert {"financial-oversight-scheme", "placement-cost-transparency"} <= backed


def test_the_bill_to_act_link_is_modelled_but_unfilled(store: Store) -> None:
    assert store.ask(sparql_prologue() + "ASK { pkg:enactedAs a owl:ObjectProperty }")
    assert not store.ask(sparql_prologue() + "ASK { ?bill pkg:enactedAs ?act }")


def test_as_at_query_finds_measures_announced_by_december_2024(store: Store) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a pkg:Measure ; pkg:hasStatusEvent ?e .
               ?e pkg:eventStatus status:announced ; dct:date ?d .
               FILTER(STR(?d) <= "2024-12") }"""
    )
    assert rows[0]["n"] == 35
