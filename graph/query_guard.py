"""Vet a user's SPARQL text before any engine sees it.

Both pyoxigraph and rdflib execute ``SERVICE <iri>`` by opening a network
connection to whatever the query names, so a public endpoint that runs queries
unvetted is a server-side request forgery hole. :func:`vet_query` parses the
text with rdflib's SPARQL grammar (parsing never executes anything) and refuses
updates and any ``SERVICE`` clause, wherever it sits in the query.

>>> vet_query("SELECT ?s WHERE { ?s ?p ?o }").form
<QueryForm.SELECT: 'select'>
>>> vet_query("SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.query_guard.OperationForbidden: SERVICE is not allowed: ...
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import QueryRejected

__all__ = ["OperationForbidden", "QueryForm", "VettedQuery", "vet_query"]


class OperationForbidden(QueryRejected):
    """A well-formed request for something the endpoint never does (update, SERVICE)."""


class QueryForm(enum.Enum):
    """The four SPARQL query forms; SELECT and ASK give results, the others give triples."""

    SELECT = "select"
    ASK = "ask"
    CONSTRUCT = "construct"
    DESCRIBE = "describe"

    @property
    def gives_triples(self) -> bool:
        """True for CONSTRUCT and DESCRIBE."""
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)


_FORMS = {
    "SelectQuery": QueryForm.SELECT,
    "AskQuery": QueryForm.ASK,
    "ConstructQuery": QueryForm.CONSTRUCT,
    "DescribeQuery": QueryForm.DESCRIBE,
}


@dataclass(frozen=True)
class VettedQuery:
    """A query that parsed, reads only and names no remote service."""

    text: str
    form: QueryForm


def vet_query(text: str, *, max_bytes: int = 100_000) -> VettedQuery:
    """Parse ``text`` and return it with its form, or refuse it.

    Parameters
    ----------
    text
        The SPARQL query as the client sent it.
    max_bytes
        Longest accepted query, in UTF-8 bytes.

    Returns
    -------
    VettedQuery
        The unchanged text and its query form.

    Raises
    ------
    QueryRejected
        When the text is too long or does not parse; the message is the parser's.
    OperationForbidden
        When the text is a SPARQL Update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ...)
        or contains ``SERVICE`` anywhere, including sub-queries and ``EXISTS`` filters.

    Examples
    --------
    >>> vet_query("INSERT DATA { <http://a/s> <http://a/p> 1 }")
    Traceback (most recent call last):
    ...
    graph.query_guard.OperationForbidden: SPARQL Update is not allowed: this endpoint is read-only
    """
    if len(text.encode()) > max_bytes:
        raise QueryRejected(f"query is longer than the limit of {max_bytes} bytes")
    try:
        parsed = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise OperationForbidden(
                "SPARQL Update is not allowed: this endpoint is read-only"
            ) from exc
        raise QueryRejected(f"malformed query: {exc}") from exc
    if any(node.name == "ServiceGraphPattern" for node in _walk(parsed)):
        raise OperationForbidden("SERVICE is not allowed: this endpoint makes no outbound requests")
    return VettedQuery(text=text, form=_form(parsed))


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseBaseException:
        return False
    return True


def _form(parsed: ParseResults) -> QueryForm:
    for node in parsed:
        if isinstance(node, CompValue) and node.name in _FORMS:
            return _FORMS[node.name]
    raise QueryRejected("not a SELECT, ASK, CONSTRUCT or DESCRIBE query")


def _walk(node: object) -> Iterator[CompValue]:
    """Every :class:`CompValue` in a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for child in node.values():
            yield from _walk(child)
    elif isinstance(node, ParseResults | list | tuple):
        for child in node:
            yield from _walk(child)
