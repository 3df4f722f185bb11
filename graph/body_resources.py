"""Bodies: the list, one body, and the measures that give a body a role.

The questions "what does Ofsted have to do?" and "who is involved at all?", as plain
functions returning records (see :mod:`graph.resources` for naming and resolution).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache, partial

from graph.records import BodyMeasure, BodySummary, Page
from graph.resources import cached_page, entity_id, optional_str, refs, resolve_body, select
from graph.store import Store


def list_bodies(store: Store) -> Page[BodySummary]:
    """Every body with its code, aliases and the number of measures involving it (counted
    once per data version: at 10^6 triples the count takes about 70 ms)."""
    return cached_page(store, "bodies", _bodies)


def _bodies(store: Store) -> Page[BodySummary]:
    rows = select(
        store,
        """SELECT ?b ?label ?code (COUNT(DISTINCT ?m) AS ?n) WHERE {
             ?b a pkg:Body ; rdfs:label ?label . OPTIONAL { ?b skos:notation ?code }
             OPTIONAL { ?m pkg:involves ?b } } GROUP BY ?b ?label ?code ORDER BY ?label""",
    )
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in select(store, "SELECT ?b ?a WHERE { ?b a pkg:Body ; skos:altLabel ?a } ORDER BY ?a"):
        aliases[str(r["b"])].append(str(r["a"]))
    items = [
        BodySummary(
            entity_id(r["b"]),
            str(r["b"]),
            optional_str(r["code"]),
            str(r["label"]),
            aliases[str(r["b"])],
            int(r["n"] or 0),
        )
        for r in rows
    ]
    return Page(items, len(items))


def body_detail(store: Store, key: str) -> BodySummary:
    """One body, named by id, code, label or alias; with the bodies it is part of.

    Raises
    ------
    UnknownEntity
        When no body matches ``key``.
    """
    iri = resolve_body(store, key)
    [body] = [b for b in list_bodies(store).items if b.iri == iri]
    part_of = refs(store, iri, "org:subOrganizationOf|pkg:collaborationOf")
    return BodySummary(**{**body.__dict__, "part_of": part_of})


BODY_MEASURES_CACHED = 256
"""Bodies whose measure lists are kept per data version: at 10^6 triples a body has
hundreds of responsibilities and listing them takes about 5 ms; a cached list is sliced."""


def body_measures(
    store: Store, key: str, *, role: str | None = None, limit: int = 100, offset: int = 0
) -> Page[BodyMeasure]:
    """The measures that give a body a role, with the role on each (one item per role),
    by label; ``total`` counts them all, ``limit`` and ``offset`` pick the page.

    The whole list of a body is built once per data version (for the last
    :data:`BODY_MEASURES_CACHED` bodies asked) and pages are cut from it.

    Raises
    ------
    UnknownEntity
        When no body matches ``key``.
    """
    iri = resolve_body(store, key)
    listing = store.memo(
        "body-measures", lambda s: lru_cache(maxsize=BODY_MEASURES_CACHED)(partial(_all_roles, s))
    )
    kept = [m for m in listing(iri) if role is None or m.role == role]
    return Page(kept[offset : offset + limit], len(kept))


def _all_roles(store: Store, iri: str) -> tuple[BodyMeasure, ...]:
    rows = select(
        store,
        """SELECT ?b ?m ?label ?status ?role ?inferred ?quote WHERE {
             ?m pkg:hasResponsibility ?r ; rdfs:label ?label .
             ?r pkg:responsibleBody ?b ; pkg:role/skos:notation ?role .
             OPTIONAL { ?m pkg:status/skos:notation ?status } OPTIONAL { ?r pkg:inferred ?inferred }
             OPTIONAL { ?r pkg:quote ?quote } } ORDER BY ?label ?role""",
        b=iri,
    )
    return tuple(
        BodyMeasure(
            entity_id(r["m"]),
            str(r["m"]),
            str(r["label"]),
            optional_str(r["status"]),
            str(r["role"]),
            bool(r["inferred"]),
            optional_str(r["quote"]),
        )
        for r in rows
    )
