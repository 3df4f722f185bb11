"""The questions analysts ask of the graph, as plain functions returning records.

Which bodies does a measure touch, and in what role? What does Ofsted have to do?
Each function takes a :class:`~graph.store.Store` and returns data; the API and the
CLI shape it. An entity's public id is the last segment of its IRI; bodies can also
be named by code (``skos:notation``) or alias (``skos:altLabel``), case-insensitively.

>>> from graph.store import open_store
>>> store = open_store()
>>> store.add_turtle(b'''
...     @prefix pkg: <https://w3id.org/policykg/ontology#> .
...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...     <https://w3id.org/policykg/id/body/la> a pkg:Body ; rdfs:label "Local authorities" ;
...         skos:notation "LA" ; skos:altLabel "councils" .''', source="example")
>>> resolve_body(store, "Councils")
'https://w3id.org/policykg/id/body/la'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import pyoxigraph as ox

from graph.errors import PolicyKGError, UnknownEntity
from graph.records import (
    BodyRole,
    Dependency,
    DocumentRef,
    MeasureDetail,
    MeasureSummary,
    Page,
    Ref,
    Source,
)
from graph.store import Row, Store
from graph.vocab import entity_iri, sparql_prologue, split_entity_iri

_P = sparql_prologue()


class InvalidParameter(PolicyKGError, ValueError):
    """A filter names something that does not exist (an unknown status, body or principle)."""


def entity_id(iri: object) -> str:
    parts = split_entity_iri(str(iri))
    return parts[1] if parts else str(iri)


def select(store: Store, body: str, **bindings: object) -> list[Row]:
    return store.select(_P + body, **bindings)


# -- resolution --------------------------------------------------------------------------


def resolve(store: Store, entity_type: str, entity_id: str, rdf_class: str) -> str:
    """Return the IRI of the ``entity_type`` instance called ``entity_id``.

    Raises
    ------
    UnknownEntity
        When no instance of ``rdf_class`` (a ``pkg:`` class name) has that IRI.
    """
    iri = entity_iri(entity_type, entity_id)
    try:
        ox.NamedNode(iri)
    except ValueError:  # an id that cannot be part of an IRI (a quote, a stray %) names nothing
        raise UnknownEntity(f"no {entity_type} with id {entity_id!r}") from None
    query = f"SELECT ?e WHERE {{ ?e a/rdfs:subClassOf* pkg:{rdf_class} }} LIMIT 1"
    if not select(store, query, e=ox.NamedNode(iri)):
        raise UnknownEntity(f"no {entity_type} with id {entity_id!r}")
    return iri


def resolve_body(store: Store, key: str) -> str:
    """Return the IRI of the body whose id, code, label or alias is ``key`` (any case).

    Raises
    ------
    UnknownEntity
        When no body matches.
    """
    iri = store.memo("body-names", _body_names).get(key.strip().casefold())
    if iri is None:
        raise UnknownEntity(f"no body with id, code or alias {key!r}")
    return iri


def _body_names(store: Store) -> dict[str, str]:
    """Every body's id, code, label and aliases (casefolded) to its IRI; the first body wins."""
    names: dict[str, str] = {}
    for row in select(
        store,
        """SELECT ?b ?name WHERE { ?b a pkg:Body .
             { ?b skos:notation ?name } UNION { ?b rdfs:label ?name }
             UNION { ?b skos:altLabel ?name }
           }""",
    ):
        for name in (str(row["name"]).casefold(), entity_id(row["b"]).casefold()):
            names.setdefault(name, str(row["b"]))
    return names


# -- measures ----------------------------------------------------------------------------

MEASURES = """SELECT ?m ?label ?status ?description ?text WHERE {
    ?m a pkg:Measure ; rdfs:label ?label .
    OPTIONAL { ?m pkg:status/skos:notation ?status }
    OPTIONAL { ?m dct:description ?description }
    OPTIONAL { ?m pkg:sourceText ?text } }"""


def list_measures(
    store: Store,
    *,
    q: str | None = None,
    body: str | None = None,
    principle: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[MeasureSummary]:
    """List measures, filtered and, when ``q`` is given, ranked best match first.

    Parameters
    ----------
    q
        Words that must all occur (any case) in the label, description or source sentence;
        a hit in the label counts most, a whole-phrase hit more than scattered words.
    body
        Keep measures involving this body (id, code or alias).
    principle
        Keep measures serving this principle (id).
    status
        Keep measures with this status (``announced``, ``expected`` ...).

    Raises
    ------
    InvalidParameter
        When ``body``, ``principle`` or ``status`` names nothing in the graph.
    """
    rows: Sequence[Row] = store.memo("measure-rows", _measure_rows)
    if body is not None:
        try:
            iri = resolve_body(store, body)
        except UnknownEntity as exc:
            raise InvalidParameter(str(exc)) from exc
        keep = {r["m"] for r in select(store, "SELECT ?m ?b WHERE { ?m pkg:involves ?b }", b=iri)}
        rows = [r for r in rows if r["m"] in keep]
    if principle is not None:
        try:
            iri = resolve(store, "principle", principle, "Principle")
        except UnknownEntity as exc:
            raise InvalidParameter(str(exc)) from exc
        keep = {
            r["m"] for r in select(store, "SELECT ?m ?p WHERE { ?m pkg:servesPrinciple ?p }", p=iri)
        }
        rows = [r for r in rows if r["m"] in keep]
    if status is not None:
        known = {
            r["s"] for r in select(store, "SELECT ?s WHERE { ?c a pkg:Status ; skos:notation ?s }")
        }
        if status not in known:
            raise InvalidParameter(
                f"unknown status {status!r}; known: {', '.join(sorted(map(str, known)))}"
            )
        rows = [r for r in rows if r["status"] == status]
    ranked = rank(list(rows), q, fields=("label", "description", "text"), weights=(3, 2, 1))
    page = [measure_summary(r) for r, _ in ranked[offset : offset + limit]]
    return Page(page, len(ranked))


def _measure_rows(store: Store) -> tuple[Row, ...]:
    """Every measure's label, status, description and sentence, by label: built once per
    data version (at 10^6 triples, 33,000 measures take 0.7 s to read and convert)."""
    rows = select(store, MEASURES)
    return tuple(sorted(rows, key=lambda r: str(r.get("label")).casefold()))


def measure_summary(row: Row) -> MeasureSummary:
    status = row.get("status")
    return MeasureSummary(
        entity_id(row["m"]), str(row["m"]), str(row["label"]), status and str(status)
    )


def rank(
    rows: list[Row], q: str | None, *, fields: tuple[str, ...], weights: tuple[int, ...]
) -> list[tuple[Row, float]]:
    """Rows whose fields hold every word of ``q``, best first; all rows by label without ``q``."""
    if not q or not q.split():
        return sorted(((r, 0.0) for r in rows), key=lambda rs: str(rs[0].get("label")).casefold())
    phrase = " ".join(q.casefold().split())
    words = phrase.split()
    ranked = []
    for row in rows:
        texts = [str(row.get(f) or "").casefold() for f in fields]
        if not all(any(w in t for t in texts) for w in words):
            continue
        score = sum(
            w * (2 * (phrase in t) + sum(x in t for x in words))
            for w, t in zip(weights, texts, strict=True)
        )
        ranked.append((row, float(score)))
    return sorted(ranked, key=lambda rs: (-rs[1], str(rs[0].get("label")).casefold()))


def measure_detail(store: Store, measure_id: str) -> MeasureDetail:
    """Everything about one measure: principles, bodies, legislation, dependencies, source.

    Raises
    ------
    UnknownEntity
        When no measure has the id.
    """
    iri = resolve(store, "measure", measure_id, "Measure")
    row = select(store, MEASURES + " LIMIT 1", m=iri)[0]
    extra = select(
        store,
        """SELECT ?m ?timeframe ?doc ?title ?issued WHERE {
             ?m a pkg:Measure .
             OPTIONAL { ?m pkg:timeframe ?timeframe }
             OPTIONAL { ?m dct:source ?doc . OPTIONAL { ?doc dct:title ?title }
                        OPTIONAL { ?doc dct:issued ?issued } }
           } LIMIT 1""",
        m=iri,
    )[0]
    document = None
    if extra["doc"] is not None:
        title = extra["title"] or label_or_id(store, str(extra["doc"]))
        issued = extra["issued"]
        document = DocumentRef(
            entity_id(extra["doc"]), str(title), None if issued is None else str(issued)
        )
    return MeasureDetail(
        id=measure_id,
        iri=iri,
        label=str(row["label"]),
        description=optional_str(row.get("description")),
        status=optional_str(row.get("status")),
        timeframe=optional_str(extra["timeframe"]),
        principles=refs(store, iri, "pkg:servesPrinciple"),
        bodies=measure_bodies(store, measure_id),
        legislation=refs(store, iri, "pkg:carriedBy|pkg:citesLegislation"),
        cohorts=refs(store, iri, "pkg:concernsCohort"),
        depends_on=_dependencies(store, iri, upstream=True),
        depended_on_by=_dependencies(store, iri, upstream=False),
        source=Source(document, optional_str(row.get("text"))),
    )


def measure_bodies(store: Store, measure_id: str, *, role: str | None = None) -> list[BodyRole]:
    """The bodies a measure gives a role, each with its role, quote and whether it is inferred.

    Raises
    ------
    UnknownEntity
        When no measure has the id.
    """
    iri = resolve(store, "measure", measure_id, "Measure")
    rows = select(
        store,
        """SELECT ?m ?b ?code ?label ?role ?inferred ?quote WHERE {
             ?m pkg:hasResponsibility ?r .
             ?r pkg:responsibleBody ?b ; pkg:role/skos:notation ?role . ?b rdfs:label ?label .
             OPTIONAL { ?b skos:notation ?code } OPTIONAL { ?r pkg:inferred ?inferred }
             OPTIONAL { ?r pkg:quote ?quote } } ORDER BY ?role ?label""",
        m=iri,
    )
    return [
        BodyRole(
            entity_id(r["b"]),
            optional_str(r["code"]),
            str(r["label"]),
            str(r["role"]),
            bool(r["inferred"]),
            optional_str(r["quote"]),
        )
        for r in rows
        if role is None or r["role"] == role
    ]


def refs(store: Store, iri: str, path: str) -> list[Ref]:
    rows = select(
        store,
        f"""SELECT DISTINCT ?m ?o ?label WHERE {{ ?m {path} ?o .
              OPTIONAL {{ ?o rdfs:label ?label }} }} ORDER BY ?label""",
        m=iri,
    )
    return [Ref(entity_id(r["o"]), str(r["label"] or entity_id(r["o"]))) for r in rows]


def _dependencies(store: Store, iri: str, *, upstream: bool) -> list[Dependency]:
    pattern = (
        "?m pkg:hasDependency ?d . ?d pkg:onMeasure ?o"
        if upstream
        else "?o pkg:hasDependency ?d . ?d pkg:onMeasure ?m"
    )
    rows = select(
        store,
        f"""SELECT ?m ?o ?label ?kind WHERE {{ {pattern} ; pkg:dependencyKind/skos:notation ?kind .
              ?o rdfs:label ?label }} ORDER BY ?label""",
        m=iri,
    )
    return [Dependency(entity_id(r["o"]), str(r["label"]), str(r["kind"])) for r in rows]


T = TypeVar("T")


def cached_page(store: Store, key: str, build: Callable[[Store], Page[T]]) -> Page[T]:
    """``build(store)``, built once per data version under ``key``; each caller gets its
    own list of the (immutable) items."""
    page = store.memo(key, build)
    return Page(list(page.items), page.total)


def optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def label_or_id(store: Store, iri: str) -> str:
    try:
        return store.label(iri)
    except UnknownEntity:
        return entity_id(iri)
