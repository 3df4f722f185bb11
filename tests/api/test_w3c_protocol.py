"""The W3C SPARQL 1.1 Protocol test manifest, one test per case.

Cases come from ``sparql/sparql11/protocol/manifest.ttl`` in w3c/rdf-tests; each
docstring names the case IRI. The manifest's requests are sent as written, with its
``/sparql/`` path prefix replaced by this service's ``/sparql``. The endpoint is
read-only, so every update case (which the manifest expects to succeed) is asserted
refused with a 4xx, with the dataset's size unchanged and, where the manifest follows
the update with an ASK, that ASK now answering ``false``.

The dataset cases need the manifest's ``data1.nt``..``data3.nt``, each loaded as the
named graph its label gives; :func:`w3c_client` adds them to the API fixture graph.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
import rdflib
from fastapi.testclient import TestClient

from api.app import create_app
from graph.loading import load_graph
from graph.query_runner import GRAPH_FORMATS
from graph.settings import Settings

KASEI = "http://kasei.us/2009/09/sparql/data/"
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
DATA0 = "default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf"
DATA12_DEFAULT = (
    "default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf"
    "&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf"
)
DATA12_NAMED = (
    "named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf"
    "&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf"
)
ASK_DATA12_DEFAULT = (
    "ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type . "
    "<http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type . }"
)
ASK_DATA12_NAMED = (
    "ASK { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } "
    "GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }"
)
COUNT_ALL_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


@pytest.fixture(scope="module")
def w3c_client(settings: Settings) -> Iterator[TestClient]:
    """The API fixture graph plus the manifest's three one-triple named graphs.

    ``<.../dataN.rdf>`` holds ``<.../dataN.rdf> a foaf:Document`` for N = 1, 2, 3.
    """
    store = load_graph(settings)
    document = "<http://xmlns.com/foaf/0.1/Document>"
    graphs = " ".join(
        f"GRAPH <{KASEI}data{n}.rdf> {{ <{KASEI}data{n}.rdf> a {document} }}" for n in (1, 2, 3)
    )
    store.update(f"INSERT DATA {{ {graphs} }}")
    with TestClient(create_app(settings, store=store)) as test_client:
        yield test_client


def _post(
    client: TestClient, body: str | bytes, content_type: str | None, query_string: str = ""
) -> httpx.Response:
    headers = {"content-type": content_type} if content_type else {}
    url = f"/sparql?{query_string}" if query_string else "/sparql"
    return client.post(url, content=body, headers=headers)


def _assert_boolean(response: httpx.Response, expected: bool) -> None:
    """``mf:expectedFormat "boolean"`` with 2xx: a SPARQL results document holding ``expected``."""
    assert response.status_code == 200, response.text
    media_type = response.headers["content-type"].split(";")[0]
    result = rdflib.query.Result.parse(io.BytesIO(response.content), content_type=media_type)
    assert result.type == "ASK"
    assert result.askAnswer is expected


def _assert_4xx(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["message"]


def _dataset_size(client: TestClient) -> tuple[int, int]:
    """Quads in the app's store and, through the endpoint, in the workers' copy."""
    response = client.get(
        "/sparql", params={"query": COUNT_ALL_GRAPHS}, headers={"accept": "text/csv"}
    )
    return client.app.state.store.triple_count(), int(response.text.split()[1])


# -- queries ------------------------------------------------------------------------


def test_query_post_form(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_post_form>"""
    _assert_boolean(_post(w3c_client, "query=ASK%20%7B%7D", FORM, DATA0), True)


def test_query_dataset_default_graphs_get(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_dataset_default_graphs_get>"""
    query = quote(ASK_DATA12_DEFAULT, safe="")
    _assert_boolean(w3c_client.get(f"/sparql?query={query}&{DATA12_DEFAULT}"), True)


def test_query_dataset_default_graphs_post(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_dataset_default_graphs_post>"""
    _assert_boolean(_post(w3c_client, ASK_DATA12_DEFAULT, QUERY, DATA12_DEFAULT), True)


def test_query_dataset_named_graphs_post(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_dataset_named_graphs_post>"""
    _assert_boolean(_post(w3c_client, ASK_DATA12_NAMED, QUERY, DATA12_NAMED), True)


def test_query_dataset_named_graphs_get(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_dataset_named_graphs_get>"""
    query = quote(ASK_DATA12_NAMED, safe="")
    _assert_boolean(w3c_client.get(f"/sparql?query={query}&{DATA12_NAMED}"), True)


def test_query_dataset_full(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_dataset_full>"""
    query = """ASK {
  <http://kasei.us/2009/09/sparql/data/data3.rdf> a ?type
  GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }
  GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type }
}"""
    data3 = "default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf"
    _assert_boolean(_post(w3c_client, query, QUERY, f"{data3}&{DATA12_NAMED}"), True)


def test_query_multiple_dataset(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_multiple_dataset>"""
    query = (
        "ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> "
        "{ GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } "
        "GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }"
    )
    _assert_boolean(_post(w3c_client, query, QUERY, DATA12_NAMED), True)


def test_query_get(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_get>"""
    _assert_boolean(w3c_client.get(f"/sparql?query=ASK%20%7B%7D&{DATA0}"), True)


def test_query_content_type_select(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_content_type_select>"""
    response = _post(w3c_client, "SELECT (1 AS ?value) {}", QUERY, DATA0)
    assert response.status_code == 200
    media_type = response.headers["content-type"].split(";")[0]
    assert media_type in {
        "application/sparql-results+xml",
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
    }
    result = rdflib.query.Result.parse(io.BytesIO(response.content), content_type=media_type)
    assert [row.value.toPython() for row in result] == [1]


def test_query_content_type_ask(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_content_type_ask>"""
    response = _post(w3c_client, "ASK {}", QUERY, DATA0)
    media_type = response.headers["content-type"].split(";")[0]
    assert media_type in {"application/sparql-results+xml", "application/sparql-results+json"}
    _assert_boolean(response, True)


def _assert_rdf(response: httpx.Response) -> rdflib.Graph:
    """``mf:expectedFormat "RDF"`` with 2xx: an RDF document another parser reads."""
    assert response.status_code == 200, response.text
    media_type = response.headers["content-type"].split(";")[0]
    assert media_type in GRAPH_FORMATS
    return rdflib.Graph().parse(data=response.content, format=media_type)


def test_query_content_type_describe(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_content_type_describe>"""
    graph = _assert_rdf(_post(w3c_client, "DESCRIBE <http://example.org/>", QUERY, DATA0))
    assert len(graph) == 0


def test_query_content_type_construct(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_content_type_construct>

    The template's relative IRIs ``<s>`` and ``<p>`` resolve against the service endpoint.
    """
    response = _post(w3c_client, "CONSTRUCT { <s> <p> 1 } WHERE {}", QUERY, DATA0)
    graph = _assert_rdf(response)
    base = "http://testserver/"
    assert list(graph) == [
        (rdflib.URIRef(base + "s"), rdflib.URIRef(base + "p"), rdflib.Literal(1))
    ]


def test_query_post_direct(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#query_post_direct>"""
    _assert_boolean(_post(w3c_client, "ASK {}", QUERY), True)


# -- updates: the manifest expects success; a read-only service refuses ---------------

UPDATE_DATASET_PROLOGUE = """PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }
} ;
"""  # noqa: E501
USING_DATA1 = "using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf"
USING_DATA2 = "using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf"
USING_NAMED_DATA1 = (
    "using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf"
)
USING_NAMED_DATA2 = (
    "using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf"
)


def _assert_update_has_no_effect(
    client: TestClient, update: str, query_string: str, follow_up_ask: str
) -> None:
    """Refused with 4xx, the dataset the same size, the manifest's follow-up ASK now false."""
    before = _dataset_size(client)
    _assert_4xx(_post(client, update, UPDATE, query_string))
    assert _dataset_size(client) == before
    _assert_boolean(_post(client, follow_up_ask, QUERY), False)


def _assert_refused_unchanged(
    client: TestClient, body: str | bytes, content_type: str | None, query_string: str = ""
) -> httpx.Response:
    """A request carrying an update is refused with 4xx and the dataset keeps its size."""
    before = _dataset_size(client)
    response = _post(client, body, content_type, query_string)
    _assert_4xx(response)
    assert _dataset_size(client) == before
    return response


def test_update_dataset_default_graph(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_dataset_default_graph>"""
    update = """PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document
    }
} ;
INSERT {
    GRAPH <http://example.org/protocol-update-dataset-test/> {
        ?s a dc:BibliographicResource
    }
}
WHERE {
    ?s a foaf:Document
}"""
    ask = """ASK {
    GRAPH <http://example.org/protocol-update-dataset-test/> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource>
    }
}"""
    _assert_update_has_no_effect(w3c_client, update, USING_DATA1, ask)


def _ask_data12_not_data3(graph: str) -> str:
    """The follow-up ASK of the ``update_dataset_*graphs`` cases for ``graph``."""
    return f"""ASK {{
    GRAPH <{graph}> {{
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
    }}
    FILTER NOT EXISTS {{
        GRAPH <{graph}> {{
            <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        }}
    }}
}}"""  # noqa: E501


def _update_dataset_graphs(graph: str, where: str) -> str:
    """The ``update_dataset_*graphs`` update: tag what ``where`` finds into ``graph``."""
    return UPDATE_DATASET_PROLOGUE + (
        f"INSERT {{\n    GRAPH <{graph}> {{\n        ?s a dc:BibliographicResource\n    }}\n}}\n"
        f"WHERE {{\n{where}\n}}"
    )


def test_update_dataset_default_graphs(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_dataset_default_graphs>"""
    graph = "http://example.org/protocol-update-dataset-graphs-test/"
    update = _update_dataset_graphs(graph, "    ?s a foaf:Document")
    query_string = f"{USING_DATA1}&{USING_DATA2}"
    _assert_update_has_no_effect(w3c_client, update, query_string, _ask_data12_not_data3(graph))


def test_update_dataset_named_graphs(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_dataset_named_graphs>"""
    graph = "http://example.org/protocol-update-dataset-named-graphs-test/"
    update = _update_dataset_graphs(graph, "    GRAPH ?g {\n        ?s a foaf:Document\n    }")
    query_string = f"{USING_NAMED_DATA1}&{USING_NAMED_DATA2}"
    _assert_update_has_no_effect(w3c_client, update, query_string, _ask_data12_not_data3(graph))


def test_update_dataset_full(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_dataset_full>"""
    update = (
        UPDATE_DATASET_PROLOGUE
        + """INSERT {
    GRAPH <http://example.org/protocol-update-dataset-full-test/> {
        ?s <http://example.org/in> ?in
    }
}
WHERE {
    {
        GRAPH ?g { ?s a foaf:Document }
        BIND(?g AS ?in)
    }
    UNION
    {
        ?s a foaf:Document .
        BIND("default" AS ?in)
    }
}"""
    )
    ask = """ASK {
    GRAPH <http://example.org/protocol-update-dataset-full-test/> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> <http://example.org/in> "default" .
        <http://kasei.us/2009/09/sparql/data/data2.rdf> <http://example.org/in> <http://kasei.us/2009/09/sparql/data/data2.rdf> .
    }
    FILTER NOT EXISTS {
        GRAPH <http://example.org/protocol-update-dataset-full-test/> {
            <http://kasei.us/2009/09/sparql/data/data3.rdf> ?p ?o
        }
    }
}"""  # noqa: E501
    _assert_update_has_no_effect(w3c_client, update, f"{USING_DATA1}&{USING_NAMED_DATA2}", ask)


def test_update_post_form(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_post_form>"""
    _assert_refused_unchanged(w3c_client, "update=CLEAR+ALL", FORM)


def test_update_post_direct(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_post_direct>"""
    _assert_refused_unchanged(w3c_client, "CLEAR ALL", UPDATE)


def test_update_base_uri(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#update_base_uri>"""
    update = """CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;
INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }"""  # noqa: E501
    ask = """ASK {
    GRAPH <http://example.org/protocol-base-test/> {
        <http://example.org/s> <http://example.org/p> ?o
        FILTER (isIRI(?o) && STR(?o) != "test")
    }
}"""
    _assert_update_has_no_effect(w3c_client, update, "", ask)


# -- requests the protocol says to refuse ---------------------------------------------


def test_bad_query_method(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_query_method>"""
    response = w3c_client.put(f"/sparql?query=ASK%20%7B%7D&{DATA0}", headers={"content-type": FORM})
    assert response.status_code == 405
    _assert_4xx(response)


def test_bad_multiple_queries(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_multiple_queries>"""
    _assert_4xx(w3c_client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D"))


def test_bad_query_wrong_media_type(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_query_wrong_media_type>"""
    _assert_4xx(_post(w3c_client, "ASK {}", "text/plain"))


def test_bad_query_missing_form_type(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_query_missing_form_type>"""
    _assert_4xx(_post(w3c_client, "query=ASK%20%7B%7D", None))


def test_bad_query_missing_direct_type(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_query_missing_direct_type>"""
    _assert_4xx(_post(w3c_client, "ASK {}", None))


def test_bad_query_non_utf8(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_query_non_utf8>"""
    response = _post(w3c_client, "ASK {}".encode("utf-16"), f"{QUERY}; charset=UTF-16")
    _assert_4xx(response)
    assert "UTF-8" in response.json()["error"]["message"]


def test_bad_query_syntax(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_query_syntax>"""
    _assert_4xx(w3c_client.get("/sparql?query=ASK%20%7B"))


def test_bad_update_get(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_update_get>"""
    before = _dataset_size(w3c_client)
    _assert_4xx(w3c_client.get("/sparql?update=CLEAR%20ALL"))
    assert _dataset_size(w3c_client) == before


def test_bad_multiple_updates(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_multiple_updates>"""
    _assert_refused_unchanged(w3c_client, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", FORM)


def test_bad_update_wrong_media_type(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_update_wrong_media_type>"""
    _assert_refused_unchanged(w3c_client, "CLEAR NAMED", "text/plain")


def test_bad_update_missing_form_type(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_update_missing_form_type>"""
    _assert_refused_unchanged(w3c_client, "update=CLEAR%20NAMED", None)


def test_bad_update_non_utf8(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_update_non_utf8>"""
    _assert_refused_unchanged(
        w3c_client, "CLEAR NAMED".encode("utf-16"), f"{UPDATE}; charset=UTF-16"
    )


def test_bad_update_syntax(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_update_syntax>"""
    _assert_refused_unchanged(w3c_client, "update=CLEAR%20XYZ", FORM)


def test_bad_update_dataset_conflict(w3c_client: TestClient) -> None:
    """<http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#bad_update_dataset_conflict>"""
    update = """PREFIX foaf:  <http://xmlns.com/foaf/0.1/>
WITH <http://example/addresses>
DELETE { ?person foaf:givenName 'Bill' }
INSERT { ?person foaf:givenName 'William' }
WHERE {
    ?person foaf:givenName 'Bill'
}"""
    query_string = "using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople"
    _assert_refused_unchanged(w3c_client, update, UPDATE, query_string)
