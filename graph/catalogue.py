"""The catalogue of the graph beyond measures and bodies: principles, legislation, documents,
search across every entity, and the triples that describe one entity (linked data).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.errors import UnknownEntity
from graph.records import EntitySummary, LegislationDetail, MeasureSummary, Page, SearchHit
from graph.resources import (
    cached_page,
    entity_id,
    label_or_id,
    list_measures,
    measure_summary,
    optional_str,
    rank,
    refs,
    resolve,
    select,
)
from graph.store import Row, Store
from graph.vocab import ID_BASE, split_entity_iri

# -- principles, legislation, documents ----------------------------------------------------

_COUNTED = """SELECT ?e ?label ?type ?issued (COUNT(DISTINCT ?m) AS ?n) WHERE {{
    ?e a ?class ; rdfs:label ?label . VALUES ?class {{ {classes} }}
    BIND(STRAFTER(STR(?class), "#") AS ?type)
    OPTIONAL {{ ?e dct:issued ?issued }}
    OPTIONAL {{ ?m {path} ?e }} }} GROUP BY ?e ?label ?type ?issued ORDER BY ?label"""


def _counted(store: Store, classes: str, path: str) -> Page[EntitySummary]:
    """Entities of ``classes`` with how many measures reach them by ``path``; counted once
    per data version (at 10^6 triples the count takes tens of milliseconds)."""
    return cached_page(store, f"counted {classes} {path}", lambda s: _count(s, classes, path))


def _count(store: Store, classes: str, path: str) -> Page[EntitySummary]:
    rows = select(store, _COUNTED.format(classes=classes, path=path))
    items = [
        EntitySummary(
            entity_id(r["e"]),
            str(r["e"]),
            str(r["label"]),
            str(r["type"]),
            int(r["n"] or 0),
            optional_str(r["issued"]),
        )
        for r in rows
    ]
    return Page(items, len(items))


def list_principles(store: Store) -> Page[EntitySummary]:
    """Every principle with the number of measures serving it."""
    return _counted(store, "pkg:Principle", "pkg:servesPrinciple")


def principle_measures(store: Store, principle_id: str) -> Page[MeasureSummary]:
    """The measures serving one principle.

    Raises
    ------
    UnknownEntity
        When no principle has the id.
    """
    resolve(store, "principle", principle_id, "Principle")
    return list_measures(store, principle=principle_id, limit=10**9)


def list_legislation(store: Store) -> Page[EntitySummary]:
    """Every bill, act and section with the number of measures that it carries or that cite it."""
    return _counted(
        store, "pkg:Bill pkg:Act pkg:LegislationSection", "pkg:carriedBy|pkg:citesLegislation"
    )


def legislation_detail(store: Store, legislation_id: str) -> LegislationDetail:
    """One piece of legislation, what it is part of, the measures it carries and that cite it.

    Raises
    ------
    UnknownEntity
        When no legislation has the id.
    """
    iri = resolve(store, "legislation", legislation_id, "Legislation")
    [summary] = [e for e in list_legislation(store).items if e.iri == iri] or [
        EntitySummary(legislation_id, iri, label_or_id(store, iri), "Legislation", 0)
    ]

    def measures(prop: str) -> list[MeasureSummary]:
        rows = select(
            store,
            f"""SELECT ?l ?m ?label ?status WHERE {{
                  ?m a pkg:Measure ; {prop} ?l ; rdfs:label ?label .
                  OPTIONAL {{ ?m pkg:status/skos:notation ?status }} }} ORDER BY ?label""",
            l=iri,
        )
        return [measure_summary(r) for r in rows]

    return LegislationDetail(
        id=legislation_id,
        iri=iri,
        label=summary.label,
        type=summary.type,
        part_of=refs(store, iri, "dct:isPartOf"),
        carries=measures("pkg:carriedBy"),
        cited_by=measures("pkg:citesLegislation"),
    )


def list_documents(store: Store) -> Page[EntitySummary]:
    """Every policy document with the number of measures it is the source of (counted
    once per data version)."""
    return cached_page(store, "documents", _documents)


def _documents(store: Store) -> Page[EntitySummary]:
    rows = select(
        store,
        """SELECT ?e ?label ?issued (COUNT(DISTINCT ?m) AS ?n) WHERE {
             ?e a pkg:PolicyDocument .
             OPTIONAL { ?e dct:title ?title } OPTIONAL { ?e rdfs:label ?l }
             BIND(COALESCE(?title, ?l, STR(?e)) AS ?label) OPTIONAL { ?e dct:issued ?issued }
             OPTIONAL { ?m a pkg:Measure ; dct:source ?e } }
           GROUP BY ?e ?label ?issued ORDER BY ?issued ?label""",
    )
    items = [
        EntitySummary(
            entity_id(r["e"]),
            str(r["e"]),
            str(r["label"]),
            "PolicyDocument",
            int(r["n"] or 0),
            optional_str(r["issued"]),
        )
        for r in rows
    ]
    return Page(items, len(items))


# -- search and linked data ------------------------------------------------------------------

_SCHEMES = ("role", "kind", "status", "dependency-kind")


def search(store: Store, q: str, *, limit: int = 50) -> Page[SearchHit]:
    """Entities of any type whose label, title, code or aliases hold every word of ``q``.

    The names searched are read once per data version; each search ranks them.
    """
    rows = list(store.memo("search-names", _names))
    hits = []
    for row, score in rank(rows, q, fields=("label", "names"), weights=(2, 1)):
        entity_type, _ = split_entity_iri(str(row["e"])) or ("", "")
        if entity_type not in _SCHEMES and "/" not in entity_id(row["e"]):
            hits.append(
                SearchHit(entity_type, entity_id(row["e"]), str(row["e"]), str(row["label"]), score)
            )
    return Page(hits[:limit], len(hits))


def _names(store: Store) -> tuple[Row, ...]:
    return tuple(
        select(
            store,
            f"""SELECT ?e ?label (GROUP_CONCAT(DISTINCT ?name; separator=" | ") AS ?names) WHERE {{
             ?e rdfs:label ?label . FILTER(STRSTARTS(STR(?e), "{ID_BASE}"))
             OPTIONAL {{ {{ ?e skos:notation ?name }} UNION {{ ?e skos:altLabel ?name }}
                        UNION {{ ?e dct:title ?name }} UNION {{ ?e dct:description ?name }} }}
           }} GROUP BY ?e ?label""",
        )
    )


def describe(store: Store, iri: str) -> list[ox.Triple]:
    """The triples about ``iri``: its own, and those of its parts (IRIs under it, blank nodes).

    A measure's responsibilities and dependencies are parts, so its page shows who does what.

    Raises
    ------
    UnknownEntity
        When the graph says nothing about ``iri``.
    """
    try:
        subject = str(ox.NamedNode(iri))  # a NamedNode is a checked IRI, safe to write into SPARQL
    except ValueError:
        raise UnknownEntity(f"nothing is known about {iri}: not a valid IRI") from None
    triples = store.construct(
        f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
              {{ BIND({subject} AS ?s) ?s ?p ?o }}
              UNION {{ {subject} ?link ?s . ?s ?p ?o
                      FILTER(isBlank(?s) || STRSTARTS(STR(?s), "{iri}/")) }} }}"""
    )
    if not triples:
        raise UnknownEntity(f"nothing is known about {iri}")
    return triples
