"""Facts trace to the sources: every bullet is one measure, every quote and offset is verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.anchors import anchors_ntriples, compute_anchors
from graph.store import Store
from graph.vocab import sparql_prologue

STATEMENT = "data/sources/002_2d3ac600489ec8cf.txt"
HEADINGS = (
    "Legislating to keep families together and children safe, "
    "and to remove barriers to opportunity",
    "Legislating to make the care system child centred and to tackle profiteering",
)


def legislative_bullets(text: str) -> list[str]:
    """The bullet lines of the two 'Legislating ...' sections, read from the seed text."""
    bullets: list[str] = []
    section = None
    for line in text.splitlines():
        if line.strip() in HEADINGS:
            section = line.strip()
        elif line.startswith("Related publications"):
            section = None
        elif section and line.startswith("- "):
            bullets.append(line[2:].rstrip())
    return bullets


def measures_by_text(store: Store) -> dict[str, list[str]]:
    rows = store.select(
        sparql_prologue() + "SELECT ?m ?t WHERE { ?m a pkg:Measure ; pkg:sourceText ?t }"
    )
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(str(row["t"]), []).append(str(row["m"]))
    return found


def test_the_two_legislative_sections_hold_thirty_bullets(repo_root: Path) -> None:
    assert len(legislative_bullets((repo_root / STATEMENT).read_text(encoding="utf-8"))) == 30


def test_every_legislative_bullet_is_the_source_sentence_of_exactly_one_measure(
    store: Store, repo_root: Path
) -> None:
    by_text = measures_by_text(store)
    for bullet in legislative_bullets((repo_root / STATEMENT).read_text(encoding="utf-8")):
        assert len(by_text.get(bullet, [])) == 1, bullet


def test_every_measure_under_an_objective_comes_from_a_legislative_bullet(
    store: Store, repo_root: Path
) -> None:
    bullets = set(legislative_bullets((repo_root / STATEMENT).read_text(encoding="utf-8")))
    rows = store.select(
        sparql_prologue()
        + "SELECT ?t WHERE { ?m a pkg:Measure ; pkg:underObjective ?o ; pkg:sourceText ?t }"
    )
    assert len(rows) == 30
    assert {str(r["t"]) for r in rows} == bullets


def test_every_source_sentence_occurs_verbatim_in_its_document(
    store: Store, repo_root: Path
) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT ?e ?t ?file WHERE { ?e pkg:sourceText ?t .
               { ?e dct:source ?d } UNION { ?e pkg:evidence ?d } ?d pkg:sourceFile ?file }"""
    )
    assert len(rows) > 60
    for row in rows:
        text = (repo_root / str(row["file"])).read_text(encoding="utf-8")
        assert str(row["t"]) in text, row["e"]


def test_anchor_offsets_slice_out_the_exact_quote_with_its_prefix_and_suffix(
    store: Store, repo_root: Path
) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT ?e ?file ?exact ?prefix ?suffix ?start ?end WHERE {
               ?e pkg:sourceAnchor ?a . ?a oa:hasSource/pkg:sourceFile ?file ;
                  oa:hasSelector ?q , ?p .
               ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
               ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }"""
    )
    measures = store.select(sparql_prologue() + "SELECT ?m WHERE { ?m a pkg:Measure }")
    anchored = {str(r["e"]) for r in rows}
    assert {str(m["m"]) for m in measures} <= anchored
    for row in rows:
        text = (repo_root / str(row["file"])).read_text(encoding="utf-8")
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == row["exact"]
        assert text[:start].endswith(str(row["prefix"]))
        assert text[end:].startswith(str(row["suffix"]))


def test_anchors_file_is_current(store: Store, repo_root: Path) -> None:
    expected = anchors_ntriples(compute_anchors(store, repo_root))
    assert (repo_root / "data" / "anchors.ttl").read_text(encoding="utf-8") == expected, (
        "data/anchors.ttl is stale: run `policykg anchor`"
    )


@pytest.mark.parametrize(
    ("measure", "body", "role"),
    [
        ("set-profit-caps-backstop", "SoS", "power-holder"),
        ("pilot-complex-needs-accommodation", "NHSE", "delivery-partner"),
        ("pilot-complex-needs-accommodation", "SE-RCC", "delivery-partner"),
        ("reform-planning-regulations-childrens-homes", "MHCLG", "delivery-partner"),
        ("ofsted-enforcement-powers-residential", "Ofsted", "regulator"),
        ("financial-oversight-scheme", "DfE", "lead"),
        ("schools-fourth-partner-masa", "Schools", "duty-holder"),
        ("complex-needs-research-summer-2025", "OCC", "evidence-source"),
    ],
)
def test_bodies_named_in_a_sentence_are_linked_with_their_role_as_stated(
    store: Store, measure: str, body: str, role: str
) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT ?inferred WHERE { ?m pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?b ;
               pkg:role/skos:notation ?role ; pkg:inferred ?inferred . ?b skos:notation ?code .
               ?m pkg:involves ?b }""",
        m=f"https://w3id.org/policykg/id/measure/{measure}",
        code=body,
        role=role,
    )
    assert rows == [{"inferred": False}]


def test_government_is_linked_to_the_dfe_only_as_an_inference_with_a_reason(store: Store) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT ?m ?quote ?inferred ?reason WHERE { ?m pkg:hasResponsibility ?r .
               ?r pkg:responsibleBody body:dfe ; pkg:quote ?quote ; pkg:inferred ?inferred .
               OPTIONAL { ?r pkg:inferenceReason ?reason } }"""
    )
    assert rows
    for row in rows:
        if re.search(r"\bgovernment\b", str(row["quote"]), re.IGNORECASE):
            assert row["inferred"] is True and row["reason"], row
        if not row["inferred"]:
            assert "DfE" in str(row["quote"]), row


def test_a_measure_is_not_linked_to_bodies_its_sentence_does_not_support(store: Store) -> None:
    rows = store.select(
        sparql_prologue() + "SELECT ?code WHERE { ?m pkg:involves ?b . ?b skos:notation ?code }",
        m="https://w3id.org/policykg/id/measure/pilot-complex-needs-accommodation",
    )
    assert sorted(str(r["code"]) for r in rows) == ["NHSE", "SE-RCC"]
