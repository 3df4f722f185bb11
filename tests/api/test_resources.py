"""The resource endpoints over the fixture graph (tests/data/api/README.md lists its answers)."""

from __future__ import annotations

from fastapi.testclient import TestClient

PROFIT_CAPS = "set-profit-caps-backstop"


def test_measure_search_finds_profit_cap_backstop_first(client: TestClient) -> None:
    body = client.get("/measures", params={"q": "Profit CAPS"}).json()
    assert body["total"] == 1
    assert body["items"][0] == {
        "id": PROFIT_CAPS,
        "iri": "https://w3id.org/policykg/id/measure/set-profit-caps-backstop",
        "label": "Backstop power to set profit caps",
        "status": "announced",
    }


def test_measure_search_matches_source_sentence_and_ranks_label_hits_first(
    client: TestClient,
) -> None:
    ids = [m["id"] for m in client.get("/measures", params={"q": "backstop"}).json()["items"]]
    assert set(ids) == {PROFIT_CAPS, "direct-las-to-form-rccs"}
    by_source = client.get("/measures", params={"q": "desired effect"}).json()["items"]
    assert [m["id"] for m in by_source] == [PROFIT_CAPS]


def test_measures_filter_by_body_alias_principle_and_status(client: TestClient) -> None:
    councils = client.get("/measures", params={"body": "councils"}).json()
    assert {m["id"] for m in councils["items"]} == {
        "direct-las-to-form-rccs",
        "legislate-for-rccs",
        "staying-close-entitlement",
    }
    families = client.get("/measures", params={"principle": "keep-families-together"}).json()
    assert [m["id"] for m in families["items"]] == ["staying-close-entitlement"]
    expected = client.get("/measures", params={"status": "expected"}).json()
    assert [m["id"] for m in expected["items"]] == ["complex-needs-research"]


def test_measures_page_with_limit_and_offset_keeps_total(client: TestClient) -> None:
    page = client.get("/measures", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 6
    assert len(page["items"]) == 2


def test_measure_detail_has_every_contract_field(client: TestClient) -> None:
    detail = client.get(f"/measures/{PROFIT_CAPS}").json()
    assert set(detail) == {
        "id", "iri", "label", "description", "status", "timeframe", "principles", "bodies",
        "legislation", "cohorts", "depends_on", "depended_on_by", "source",
    }  # fmt: skip
    assert detail["principles"] == [
        {"id": "fix-the-care-market", "label": "Fix the broken care market"}
    ]
    assert detail["legislation"][0]["id"] == "childrens-wellbeing-and-schools-bill"
    assert detail["depends_on"] == [
        {
            "id": "financial-oversight-scheme",
            "label": "Financial oversight scheme for providers",
            "relation": "backstop-for",
        }
    ]
    assert detail["source"]["document"] == {
        "id": "keeping-children-safe",
        "title": "Keeping Children Safe, Helping Families Thrive",
        "issued": "2024-11-18",
    }
    assert detail["source"]["text"].startswith("Backstop power for the Secretary of State")


def test_measure_detail_lists_dependants_timeframe_and_cohorts(client: TestClient) -> None:
    oversight = client.get("/measures/financial-oversight-scheme").json()
    assert [d["id"] for d in oversight["depended_on_by"]] == [PROFIT_CAPS]
    research = client.get("/measures/complex-needs-research").json()
    assert research["timeframe"] == "summer 2025"
    assert research["cohorts"] == [{"id": "complex-needs", "label": "Children with complex needs"}]


def test_measure_bodies_give_role_inferred_flag_and_quote(client: TestClient) -> None:
    bodies = client.get(f"/measures/{PROFIT_CAPS}/bodies").json()
    assert {(b["code"], b["role"], b["inferred"]) for b in bodies} == {
        ("SoS", "power-holder", False),
        ("Providers", "affected", True),
    }
    only = client.get(f"/measures/{PROFIT_CAPS}/bodies", params={"role": "power-holder"}).json()
    assert [b["id"] for b in only] == ["sos"]
    assert only[0]["quote"] == "Backstop power for the Secretary of State to set profit caps"


def test_bodies_list_codes_aliases_and_counts(client: TestClient) -> None:
    page = client.get("/bodies").json()
    assert page["total"] == 6
    la = next(b for b in page["items"] if b["id"] == "la")
    assert la["code"] == "LA"
    assert "local authorities" in la["aliases"]
    assert la["measure_count"] == 3


def test_body_is_found_by_id_code_or_alias_in_any_case(client: TestClient) -> None:
    for key in ("la", "LA", "Local Authorities", "councils"):
        assert client.get(f"/bodies/{key}").json()["id"] == "la"
    assert client.get("/bodies/sos").json()["part_of"] == [
        {"id": "dfe", "label": "Department for Education"}
    ]


def test_body_measures_carry_the_role(client: TestClient) -> None:
    page = client.get("/bodies/DfE/measures").json()
    assert {(m["id"], m["role"]) for m in page["items"]} == {
        ("financial-oversight-scheme", "lead"),
        ("direct-las-to-form-rccs", "power-holder"),
        ("staying-close-entitlement", "delivery-partner"),
        ("complex-needs-research", "lead"),
    }
    assert page["total"] == 4


def test_body_measures_are_paged_in_label_order(client: TestClient) -> None:
    whole = client.get("/bodies/DfE/measures").json()["items"]
    labels = [m["label"] for m in whole]
    assert labels == sorted(labels)
    pages = [client.get(f"/bodies/DfE/measures?limit=3&offset={k}").json() for k in (0, 3)]
    assert [p["total"] for p in pages] == [4, 4]
    assert pages[0]["items"] + pages[1]["items"] == whole
    assert len(pages[0]["items"]) == 3
    assert client.get("/bodies/DfE/measures?limit=0").status_code == 422


def test_principles_legislation_documents(client: TestClient) -> None:
    principles = {p["id"]: p["measure_count"] for p in client.get("/principles").json()["items"]}
    assert principles == {"fix-the-care-market": 5, "keep-families-together": 1}
    measures = client.get("/principles/keep-families-together/measures").json()
    assert [m["id"] for m in measures["items"]] == ["staying-close-entitlement"]
    legislation = {x["id"]: x["type"] for x in client.get("/legislation").json()["items"]}
    assert legislation["children-act-1989-s47"] == "LegislationSection"
    section = client.get("/legislation/children-act-1989-s47").json()
    assert section["part_of"] == [{"id": "children-act-1989", "label": "Children Act 1989"}]
    assert [m["id"] for m in section["cited_by"]] == ["staying-close-entitlement"]
    [document] = client.get("/documents").json()["items"]
    assert (document["id"], document["issued"], document["measure_count"]) == (
        "keeping-children-safe",
        "2024-11-18",
        6,
    )


def test_search_returns_typed_hits_of_any_entity(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "RCC"}).json()["items"]
    assert {(h["type"], h["id"]) for h in hits} == {
        ("body", "rcc"),
        ("measure", "direct-las-to-form-rccs"),
    }


def test_health_reports_triples_and_data_version(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert health["triples"] > 0
    assert len(health["data_version"]) == 12
    assert health["penalised_clients"] == 0
    client.get("/sparql", params={"query": "ASK {}"})  # the workers have started by now
    assert client.get("/health").json()["worker_snapshot"] == "memory"  # 'auto' at this size
