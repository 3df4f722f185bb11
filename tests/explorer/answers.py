"""What the store says the explorer should show, read with SPARQL (independently of the page).

Ids are the page's element ids, ``type/slug`` (``measure/...``, ``principle/...``).
"""

from __future__ import annotations

from collections import defaultdict

from graph.store import Store
from graph.vocab import sparql_prologue

ID_BASE = "https://w3id.org/policykg/id/"
OFSTED = ID_BASE + "body/ofsted"


def element_id(iri: str) -> str:
    """``https://w3id.org/policykg/id/body/ofsted`` -> ``body/ofsted``."""
    assert iri.startswith(ID_BASE), iri
    return iri[len(ID_BASE) :]


def node_count(store: Store) -> int:
    """How many entities the explorer draws: those of the shown classes."""
    rows = store.select(
        sparql_prologue()
        + """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
          VALUES ?c { pkg:Principle pkg:Measure pkg:Body pkg:Legislation pkg:Bill pkg:Act
                      pkg:LegislationSection pkg:Programme pkg:Cohort }
          ?s a ?c }"""
    )
    return int(rows[0]["n"])  # type: ignore[arg-type]


def body_measures(store: Store, body: str = OFSTED) -> dict[str, str]:
    """A body's measures as ``measure/<slug>`` -> verbatim source sentence."""
    rows = store.select(
        sparql_prologue()
        + "SELECT DISTINCT ?m ?text WHERE { ?m pkg:involves ?b . ?m pkg:sourceText ?text }",
        b=body,
    )
    return {element_id(str(r["m"])): str(r["text"]) for r in rows}


def measures_by_principle(store: Store, body: str) -> dict[str | None, set[str]]:
    """A body's measures grouped by the principles they serve (``None``: serves none).

    A measure serving two principles is in both groups.
    """
    rows = store.select(
        sparql_prologue()
        + "SELECT ?m ?p WHERE { ?m pkg:involves ?b . OPTIONAL { ?m pkg:servesPrinciple ?p } }",
        b=body,
    )
    groups: dict[str | None, set[str]] = defaultdict(set)
    for row in rows:
        principle = element_id(str(row["p"])) if row["p"] is not None else None
        groups[principle].add(element_id(str(row["m"])))
    return dict(groups)


def roles(store: Store, body: str) -> set[tuple[str, str, str]]:
    """``(measure id, role notation, role label)`` for each of a body's responsibilities."""
    rows = store.select(
        sparql_prologue()
        + """SELECT ?m ?role ?label WHERE {
          ?m pkg:hasResponsibility ?r .
          ?r pkg:responsibleBody ?b ; pkg:role ?c .
          ?c skos:notation ?role ; rdfs:label ?label }""",
        b=body,
    )
    return {(element_id(str(r["m"])), str(r["role"]), str(r["label"])) for r in rows}
