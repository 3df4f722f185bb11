"""The SPARQL 1.1 Protocol endpoint: GET, POST form and POST ``application/sparql-query``.

Every query is vetted first (no updates, no ``SERVICE``) and then run by the worker pool
under the time and row limits, in one of its client's query slots (:mod:`api.admission`).
Results are negotiated by ``Accept``, or chosen with ``format=`` (``json``, ``csv``,
``turtle`` ...); ``GET /sparql`` without a query returns the service description.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from api.admission import QuerySlot
from api.deps import RunnerDep, SettingsDep, negotiate, requested_format
from graph.errors import QueryRejected
from graph.query_guard import OperationForbidden, explain_rejection, vet_query
from graph.query_runner import GRAPH_FORMATS, RESULT_FORMATS, QueryRunner
from graph.settings import Settings

router = APIRouter(tags=["sparql"])

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMAT_IRIS = {
    "application/sparql-results+json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "application/sparql-results+xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "text/csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "text/tab-separated-values": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "text/turtle": "http://www.w3.org/ns/formats/Turtle",
    "application/n-triples": "http://www.w3.org/ns/formats/N-Triples",
    "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD",
    "application/rdf+xml": "http://www.w3.org/ns/formats/RDF_XML",
}
_QUERY_RESPONSES = {
    200: {
        "description": "Results in the negotiated format",
        "content": {media: {} for media in (*RESULT_FORMATS, *GRAPH_FORMATS)},
    }
}


@router.get("/sparql", responses=_QUERY_RESPONSES)
def sparql_get(
    request: Request, runner: RunnerDep, settings: SettingsDep, slot: QuerySlot
) -> Response:
    """Run ``query=`` (with ``default-graph-uri``/``named-graph-uri``), or describe the service."""
    params = request.query_params
    if "update" in params:
        raise OperationForbidden("SPARQL Update is not allowed: this endpoint is read-only")
    queries = params.getlist("query")
    if not queries:
        return _service_description(request)
    if len(queries) != 1:
        raise QueryRejected("the request must carry exactly one 'query' parameter")
    return _answer(
        queries[0],
        request,
        params.getlist("default-graph-uri"),
        params.getlist("named-graph-uri"),
        _one_format(params.getlist("format")),
        runner,
        settings,
        slot,
    )


@router.post("/sparql", responses=_QUERY_RESPONSES)
async def sparql_post(
    request: Request, runner: RunnerDep, settings: SettingsDep, slot: QuerySlot
) -> Response:
    """Run a query sent as a form (``query=``) or as an ``application/sparql-query`` body."""
    content_type, _, parameters = request.headers.get("content-type", "").partition(";")
    content_type = content_type.strip().lower()
    url = request.query_params
    if content_type == "application/sparql-update":
        raise OperationForbidden("SPARQL Update is not allowed: this endpoint is read-only")
    body = _utf8_body(await request.body(), parameters)
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body, keep_blank_values=True)
        if "update" in form:
            raise OperationForbidden("SPARQL Update is not allowed: this endpoint is read-only")
        if len(form.get("query", [])) != 1:
            raise QueryRejected("the form must carry exactly one 'query' field")
        query = form["query"][0]
        default_graphs = form.get("default-graph-uri", [])
        named_graphs = form.get("named-graph-uri", [])
        formats = form.get("format", []) + url.getlist("format")
    elif content_type == "application/sparql-query":
        query = body
        default_graphs = url.getlist("default-graph-uri")
        named_graphs = url.getlist("named-graph-uri")
        formats = url.getlist("format")
    else:
        raise QueryRejected(
            "send the query as application/x-www-form-urlencoded or application/sparql-query"
        )
    return await run_in_threadpool(
        _answer,
        query,
        request,
        default_graphs,
        named_graphs,
        _one_format(formats),
        runner,
        settings,
        slot,
    )


def _one_format(values: list[str]) -> str | None:
    if len(values) > 1:
        raise QueryRejected("give at most one 'format' parameter")
    return values[0] if values else None


def _utf8_body(body: bytes, content_type_parameters: str) -> str:
    """The body as text; the protocol sends queries in UTF-8 only."""
    for parameter in content_type_parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() != "utf-8":
            raise QueryRejected(f"the body must be UTF-8, not {value.strip()}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryRejected(f"the body must be UTF-8: {exc}") from exc


def _answer(
    query: str,
    request: Request,
    default_graphs: list[str],
    named_graphs: list[str],
    fmt: str | None,
    runner: QueryRunner,
    settings: Settings,
    slot: AbstractContextManager[None],
) -> Response:
    vetted = vet_query(query, max_bytes=settings.max_query_bytes)
    triples = vetted.form.gives_triples
    offered = list(GRAPH_FORMATS if triples else RESULT_FORMATS)
    media_type = requested_format(fmt, request.headers.get("accept"), offered, triples=triples)
    for iri in (*default_graphs, *named_graphs):
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryRejected(f"bad graph IRI {iri!r}: {exc}") from exc
    try:
        with slot:
            result = runner.serialize(
                vetted.text,
                media_type=media_type,
                default_graph=default_graphs,
                named_graphs=named_graphs,
                base_iri=_endpoint(request),  # the protocol lets it be the service endpoint
            )
    except QueryRejected as exc:
        raise explain_rejection(vetted.text, str(exc)) from exc
    return Response(result.body, media_type=result.media_type, headers={"Vary": "Accept"})


def _endpoint(request: Request) -> str:
    return str(request.url.replace(query=""))


def _service_description(request: Request) -> Response:
    """A SPARQL 1.1 Service Description of this endpoint, in the negotiated RDF format."""
    endpoint = _endpoint(request)
    service = ox.BlankNode("service")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(service, rdf_type, ox.NamedNode(_SD + "Service")),
        ox.Triple(service, ox.NamedNode(_SD + "endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(
            service, ox.NamedNode(_SD + "supportedLanguage"), ox.NamedNode(_SD + "SPARQL11Query")
        ),
    ]
    triples += [
        ox.Triple(service, ox.NamedNode(_SD + "resultFormat"), ox.NamedNode(iri))
        for iri in _FORMAT_IRIS.values()
    ]
    media_type = negotiate(request.headers.get("accept"), list(GRAPH_FORMATS)) or "text/turtle"
    body = ox.serialize(triples, format=GRAPH_FORMATS[media_type], prefixes={"sd": _SD})
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})
