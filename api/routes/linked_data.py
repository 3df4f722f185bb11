"""Linked data: every entity IRI ``https://w3id.org/policykg/id/{type}/{slug}`` dereferences here.

One set of triples (:func:`graph.catalogue.describe`) is rendered twice: serialised as
Turtle, JSON-LD, N-Triples or RDF/XML for machines, and as an HTML page for people.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response

from api.deps import StoreDep, negotiate
from api.pages import templates
from graph import catalogue
from graph.query_runner import GRAPH_FORMATS
from graph.vocab import ID_BASE, PKG, PREFIXES

router = APIRouter(tags=["linked data"])

_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_HTML = "text/html"


@router.get(
    "/id/{entity_type}/{slug:path}",
    responses={200: {"content": {m: {} for m in (_HTML, *GRAPH_FORMATS)}}},
)
def dereference(request: Request, store: StoreDep, entity_type: str, slug: str) -> Response:
    """The entity's triples by ``Accept``: an HTML page for browsers, RDF for everything else."""
    iri = f"{ID_BASE}{entity_type}/{slug}"
    triples = catalogue.describe(store, iri)
    media_type = negotiate(request.headers.get("accept"), [*GRAPH_FORMATS, _HTML]) or "text/turtle"
    headers = {"Vary": "Accept"}
    if media_type != _HTML:
        body = ox.serialize(triples, format=GRAPH_FORMATS[media_type], prefixes=PREFIXES)
        return Response(body, media_type=media_type, headers=headers)
    context = _page(store, iri, triples)
    return templates.TemplateResponse(request, "entity.html", context, headers=headers)


def _page(store: StoreDep, iri: str, triples: list[ox.Triple]) -> dict[str, object]:
    """What the HTML page shows: label, type, source sentence and every statement as a link."""
    own = [t for t in triples if t.subject == ox.NamedNode(iri)]
    values = {t.predicate.value: t.object for t in own}
    rows = []
    for triple in sorted(triples, key=lambda t: (t.subject != ox.NamedNode(iri), str(t.subject))):
        rows.append(
            {
                "subject": _link(store, triple.subject),
                "predicate": _link(store, triple.predicate),
                "object": _link(store, triple.object),
            }
        )
    source = values.get(str(PKG.sourceText))
    return {
        "iri": iri,
        "label": values[_LABEL].value if _LABEL in values else iri,
        "source_text": source.value if source is not None else None,
        "rows": rows,
    }


def _link(store: StoreDep, term: object) -> dict[str, str | None]:
    """A term as text and, for IRIs, the link a browser should follow (local for our IRIs)."""
    if isinstance(term, ox.NamedNode):
        href: str | None = term.value
        if term.value.startswith(ID_BASE):
            href = "/id/" + term.value[len(ID_BASE) :]
        elif not term.value.startswith(("http://", "https://")):
            href = None  # a javascript: or data: IRI in the data is shown, never followed
        return {"text": _short(term.value), "href": href}
    if isinstance(term, ox.Literal):
        return {"text": term.value, "href": None}
    return {"text": str(term), "href": None}


def _short(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
