"""A store that is an existing SPARQL 1.1 server, spoken to over the SPARQL 1.1 Protocol.

``POLICYKG_STORE=sparql:http://host:port/query`` serves whatever the server's default graph
holds; ``sparql:http://host:port/query update=http://host:port/update`` also lets the
loader replace that default graph with PolicyKG's data (``CLEAR DEFAULT``, one
``INSERT DATA`` per file, then the entailment rules as SPARQL Update). Any server that
speaks the protocol works: Oxigraph server, Apache Jena Fuseki, GraphDB, Amazon Neptune.

Every query is a direct protocol call (httpx, one kept-alive connection pool). User
queries keep the API's guarantees: they are vetted by :mod:`graph.query_guard` before
they get here (no ``SERVICE``, no update; this store sends queries to the query endpoint
only), run under a client-side deadline after which the connection is dropped, and their
results are capped while they stream in: SELECT results are asked for as SPARQL TSV and
graph results as N-Triples, where one line is one row or triple, so the reading stops at
the cap.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import httpx
import pyoxigraph as ox

from graph.errors import InvalidData, QueryRejected, QueryTimeout
from graph.query_worker import GRAPH_FORMATS, Reply, Request, capped
from graph.store import QueryResult, Store, with_values

__all__ = ["SparqlStore"]

_TSV = "text/tab-separated-values"
_NTRIPLES = "application/n-triples"
_PARSED_RESULTS = {
    _TSV: ox.QueryResultsFormat.TSV,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
}
_ACCEPT_ANY = (
    "application/sparql-results+json, application/n-triples;q=0.9, "
    "application/sparql-results+xml;q=0.5, text/turtle;q=0.5"
)
_ACCEPT_CAPPED = (
    "text/tab-separated-values, application/n-triples;q=0.9, "
    "application/sparql-results+json;q=0.5, application/sparql-results+xml;q=0.4"
)


class SparqlStore(Store):
    """A remote SPARQL 1.1 server behind the :class:`~graph.store.Store` interface.

    Parameters
    ----------
    query_url
        The server's query endpoint.
    update_url
        Its update endpoint; without one the store is read-only and serves what is there.
    timeout
        Seconds an internal (non-user) request may take.
    """

    engine = "sparql"

    def __init__(
        self, query_url: str, *, update_url: str | None = None, timeout: float = 60.0
    ) -> None:
        super().__init__()
        self.query_url = query_url
        self.update_url = update_url
        self.writable = update_url is not None
        self.data_version = "remote-" + hashlib.sha256(query_url.encode()).hexdigest()[:8]
        self._timeout = timeout
        self._http = httpx.Client(timeout=timeout, follow_redirects=False)

    @classmethod
    def from_spec(cls, argument: str) -> SparqlStore:
        """Build from the part of a spec after ``sparql:``: a URL, then ``update=URL``.

        >>> store = SparqlStore.from_spec("http://127.0.0.1:7878/query update=http://127.0.0.1:7878/update")
        >>> store.query_url, store.update_url
        ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
        """
        query_url, *options = argument.split()
        settings = dict(option.partition("=")[::2] for option in options)
        update_url = settings.pop("update", None)
        if settings or not query_url.startswith(("http://", "https://")):
            raise ValueError(f"bad sparql store spec {argument!r}: use 'URL [update=URL]'")
        return cls(query_url, update_url=update_url)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    # -- writing (the loader's, through the update endpoint) ----------------------
    def add_turtle(self, data: bytes, *, source: str) -> None:
        try:
            triples = [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.TURTLE)]
        except SyntaxError as exc:
            raise InvalidData(source, str(exc), exc.lineno, exc.offset) from exc
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
        self.update(f"INSERT DATA {{\n{body}}}")  # one request per file keeps blank nodes whole

    def update(self, sparql_update: str) -> None:
        if self.update_url is None:
            raise QueryRejected(f"the store {self.query_url} has no update endpoint")
        response = self._http.post(self.update_url, data={"update": sparql_update})
        response.raise_for_status()
        self._changed()

    def clear(self) -> None:
        self.update("CLEAR DEFAULT")

    # -- reading -----------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Any] | None = None,
        base_iri: str | None = None,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> QueryResult:
        form = _form_of(sparql, substitutions, base_iri, default_graph, named_graphs)
        response = self._http.post(self.query_url, data=form, headers={"Accept": _ACCEPT_ANY})
        if response.status_code == 400:
            raise QueryRejected(response.text)
        response.raise_for_status()
        media_type = _media_type(response)
        if media_type in _PARSED_RESULTS:
            return ox.parse_query_results(response.content, format=_PARSED_RESULTS[media_type])
        return _as_query_triples(_parse_triples(response.content, media_type))

    def run_capped(self, request: Request, *, timeout: float) -> Reply:
        """Run a vetted user query with a client-side deadline; cap its result while reading.

        Returns the same replies as a query worker (:func:`graph.query_worker.capped`).

        Raises
        ------
        QueryTimeout
            When the server has not answered in full within ``timeout`` seconds; the
            connection is dropped.
        """
        form = _form_of(
            request["query"],
            request["substitutions"],
            request["base_iri"],
            request["default_graph"],
            request["named_graphs"],
        )
        cap = request["max_rows"]
        deadline = time.monotonic() + timeout
        chunks: list[bytes] = []
        lines = 0
        try:
            with self._http.stream(
                "POST",
                self.query_url,
                data=form,
                headers={"Accept": _ACCEPT_CAPPED},
                timeout=httpx.Timeout(timeout),
            ) as response:
                if response.status_code == 400:
                    return ("rejected", response.read().decode("utf-8", "replace")[:2000])
                response.raise_for_status()
                media_type = _media_type(response)
                line_based = media_type in (_TSV, _NTRIPLES)
                header = 1 if media_type == _TSV else 0
                for chunk in response.iter_bytes():
                    if time.monotonic() > deadline:
                        raise QueryTimeout(f"the query ran past the {timeout:g} s time limit")
                    chunks.append(chunk)
                    lines += chunk.count(b"\n") if line_based else 0
                    if line_based and lines > cap + header:
                        break
        except httpx.TimeoutException as exc:
            raise QueryTimeout(f"the query ran past the {timeout:g} s time limit") from exc
        body = b"".join(chunks)
        if line_based and lines > cap + header:
            if request["media_type"] is not None:
                return ("too_large",)
            body = b"\n".join(body.split(b"\n", cap + header + 1)[: cap + header + 1]) + b"\n"
        if media_type in _PARSED_RESULTS:
            result = ox.parse_query_results(body, format=_PARSED_RESULTS[media_type])
            return capped(result, request["media_type"], cap)
        return capped(_parse_triples(body, media_type), request["media_type"], cap)

    def triples(self) -> Iterator[ox.Quad]:
        result = self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(result, ox.QueryTriples)
        return (ox.Quad(t.subject, t.predicate, t.object) for t in result)

    def _count_triples(self) -> int:
        [row] = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(row["n"] or 0)

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes:
        return ox.serialize([quad.triple for quad in self.triples()], format=fmt)


def _form_of(
    sparql: str,
    substitutions: Mapping[str, Any] | None,
    base_iri: str | None,
    default_graph: Sequence[str],
    named_graphs: Sequence[str],
) -> dict[str, Any]:
    """The protocol's form fields; the base IRI travels as a ``BASE`` the query can override."""
    text = with_values(sparql, substitutions or {})
    if base_iri is not None:
        text = f"BASE {ox.NamedNode(base_iri)}\n{text}"
    return {
        "query": text,
        "default-graph-uri": list(default_graph),
        "named-graph-uri": list(named_graphs),
    }


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").partition(";")[0].strip().lower()


def _parse_triples(body: bytes, media_type: str) -> list[ox.Triple]:
    rdf_format = GRAPH_FORMATS.get(media_type) or ox.RdfFormat.from_media_type(media_type)
    if rdf_format is None:
        raise QueryRejected(f"the SPARQL server answered in an unknown format {media_type!r}")
    return [quad.triple for quad in ox.parse(body, format=rdf_format)]


def _as_query_triples(triples: list[ox.Triple]) -> ox.QueryTriples:
    """Oxigraph's own result type for triples received over the wire (as local results are)."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    result = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result
