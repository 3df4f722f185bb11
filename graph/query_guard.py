"""Vet a user's SPARQL text before any engine sees it.

Both pyoxigraph and rdflib execute ``SERVICE <iri>`` by opening a network
connection to whatever the query names, so a public endpoint that runs queries
unvetted is a server-side request forgery hole. :func:`vet_query` refuses
updates and any ``SERVICE`` clause, wherever it sits in the query.

Two checks, one verdict (cached per query text):

- a lexical proof: a pure-ASCII text without codepoint escapes (``\\u``, ``\\U``) in
  which the letters ``service`` occur nowhere, in any case, cannot hold a ``SERVICE``
  keyword under any SPARQL parser. Such a text only needs its form (``SELECT`` ...),
  read after the prologue; the engine then parses it for real, and cannot run an
  update through its query entry point;
- anything else is parsed with rdflib's full SPARQL grammar (parsing never executes
  anything), which refuses updates and finds ``SERVICE`` in sub-queries, ``EXISTS``
  filters and every other nesting.

>>> vet_query("SELECT ?s WHERE { ?s ?p ?o }").form
<QueryForm.SELECT: 'select'>
>>> vet_query("SELECT * WHERE { SERVICE <http://127.0.0.1/> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.query_guard.OperationForbidden: SERVICE is not allowed: ...
"""

from __future__ import annotations

import enum
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.errors import QueryRejected

__all__ = ["OperationForbidden", "QueryForm", "VettedQuery", "explain_rejection", "vet_query"]


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
_UPDATE_REFUSED = "SPARQL Update is not allowed: this endpoint is read-only"
_SERVICE_REFUSED = "SERVICE is not allowed: this endpoint makes no outbound requests"

_IRI = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_GAP = r"(?:\s|\#[^\n\r]*)*"
_PREFIX_NAME = r"(?:[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?:"
_PROLOGUE_THEN_FORM = re.compile(
    rf"{_GAP}(?:(?:BASE{_GAP}{_IRI}|PREFIX{_GAP}{_PREFIX_NAME}{_GAP}{_IRI}){_GAP})*"
    rf"(?P<form>SELECT|CONSTRUCT|DESCRIBE|ASK)\b",
    re.IGNORECASE | re.ASCII,
)


@dataclass(frozen=True)
class VettedQuery:
    """A query that parsed, reads only and names no remote service."""

    text: str
    form: QueryForm


def vet_query(text: str, *, max_bytes: int = 100_000) -> VettedQuery:
    """Check ``text`` and return it with its form, or refuse it.

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
    >>> vet_query("PREFIX s: <http://a/> ASK { ?x s:service ?y }").form  # full parse, no SERVICE
    <QueryForm.ASK: 'ask'>
    """
    if len(text.encode()) > max_bytes:
        raise QueryRejected(f"query is longer than the limit of {max_bytes} bytes")
    if _nesting_depth(text) > MAX_NESTING:
        raise QueryRejected(f"query nests brackets more than {MAX_NESTING} levels deep")
    form, refusal, message = _verdict(text)
    if refusal is not None:
        raise refusal(message)
    assert form is not None
    return VettedQuery(text=text, form=form)


def explain_rejection(text: str, engine_message: str) -> QueryRejected:
    """The error to report for a query that passed :func:`vet_query` but the engine refused.

    A text that the lexical proof let through was never fully parsed here; when rdflib's
    grammar refuses it too, its message (which names what was expected) is the clearer one.
    """
    try:
        _parse(text)
    except QueryRejected as exc:
        return exc
    return QueryRejected(engine_message)


_Verdict = tuple[QueryForm | None, type[QueryRejected] | None, str | None]
_VERDICTS: OrderedDict[bytes, _Verdict] = OrderedDict()
_VERDICTS_KEPT = 4096
_VERDICTS_LOCK = threading.Lock()


def _verdict(text: str) -> _Verdict:
    """(form, refusal class, message) for ``text``; the last few thousand are kept by hash."""
    key = hashlib.sha256(text.encode()).digest()
    with _VERDICTS_LOCK:
        if key in _VERDICTS:
            _VERDICTS.move_to_end(key)
            return _VERDICTS[key]
    verdict: _Verdict
    form = _lexical_form(text)
    if form is not None:
        verdict = (form, None, None)
    else:
        try:
            verdict = (_parse(text), None, None)
        except QueryRejected as exc:
            verdict = (None, type(exc), str(exc))
    with _VERDICTS_LOCK:
        _VERDICTS[key] = verdict
        if len(_VERDICTS) > _VERDICTS_KEPT:
            _VERDICTS.popitem(last=False)
    return verdict


MAX_NESTING = 100
"""Deepest bracket nesting accepted; the engine's parser overflows its stack near 3,000."""

_NOT_BRACKETS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*'
)
"""String literals, IRIs and comments: brackets inside them do not nest."""


def _nesting_depth(text: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` outside literals, IRIs and comments.

    >>> _nesting_depth('ASK { FILTER(STR(?x) = "{{{") }  # ((')
    3
    """
    depth = deepest = 0
    for bracket in re.findall(r"[{}()\[\]]", _NOT_BRACKETS.sub(" ", text)):
        depth += 1 if bracket in "{([" else -1
        deepest = max(deepest, depth)
    return deepest


def _lexical_form(text: str) -> QueryForm | None:
    """The form of a query that provably holds no SERVICE keyword; ``None`` when unproven.

    >>> _lexical_form("PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT * { ?s ?p ?o }")
    <QueryForm.SELECT: 'select'>
    >>> _lexical_form("SELECT * { ?s <http://a/Service> ?o }") is None
    True
    >>> _lexical_form(r"SELECT * { \\u0053ERVICE <http://a/> { ?s ?p ?o } }") is None
    True
    """
    if not text.isascii() or "\\u" in text or "\\U" in text or "service" in text.lower():
        return None
    match = _PROLOGUE_THEN_FORM.match(text)
    return QueryForm(match.group("form").lower()) if match else None


def _parse(text: str) -> QueryForm:
    """Parse with rdflib's full grammar: the form, or the refusal (update, SERVICE, syntax)."""
    from pyparsing import ParseBaseException  # rdflib's parser costs 0.15 s to import
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except RecursionError:  # rdflib's parser recurses per nesting level: refuse, never a 500
        raise QueryRejected("malformed query: nested too deeply to check") from None
    except ParseBaseException as exc:
        try:
            parseUpdate(text)
        except (ParseBaseException, RecursionError):
            raise QueryRejected(f"malformed query: {exc}") from exc
        raise OperationForbidden(_UPDATE_REFUSED) from exc
    if any(node.name == "ServiceGraphPattern" for node in _walk(parsed)):
        raise OperationForbidden(_SERVICE_REFUSED)
    return _form(parsed)


def _form(parsed: Any) -> QueryForm:
    from rdflib.plugins.sparql.parserutils import CompValue

    for node in parsed:
        if isinstance(node, CompValue) and node.name in _FORMS:
            return _FORMS[node.name]
    raise QueryRejected("not a SELECT, ASK, CONSTRUCT or DESCRIBE query")


def _walk(node: object) -> Iterator[Any]:
    """Every ``CompValue`` in an rdflib parse tree, depth first."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for child in node.values():
            yield from _walk(child)
    elif isinstance(node, ParseResults | list | tuple):
        for child in node:
            yield from _walk(child)
