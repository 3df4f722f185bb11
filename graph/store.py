"""The store: one small interface over the RDF engine.

The embedded engine is Oxigraph (pyoxigraph), in memory by default or on disk.
Callers use :class:`Store` only, so another engine (on disk, a remote SPARQL
server) can stand behind the same methods.

>>> store = open_store("memory")
>>> store.add_turtle(b"<http://a/s> <http://a/p> 'o' .", source="inline")
>>> store.triple_count()
1
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }")
[{'o': 'o'}]

``SERVICE`` in a query makes the engine open a network connection: the store
runs what it is given, so public entry points must vet queries first
(see :mod:`graph.query_guard` when present).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.errors import InvalidData, QueryRejected, UnknownEntity

PythonValue = str | int | float | bool | None
Row = dict[str, PythonValue]


def to_python(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> PythonValue:
    """Convert an Oxigraph term to a plain Python value (IRIs and literals to str, numbers, bools).

    >>> to_python(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    >>> to_python(ox.NamedNode("http://a/x"))
    'http://a/x'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith(("#integer", "#int", "#long", "#nonNegativeInteger")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value


Bindable = str | int | float | bool | ox.NamedNode | ox.Literal


def to_term(value: Bindable) -> ox.NamedNode | ox.Literal:
    """Turn a Python value into an RDF term for binding: ``http(s)://`` strings become IRIs."""
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    if value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    return ox.Literal(value)


_XSD = "http://www.w3.org/2001/XMLSchema#"


class Store:
    """An RDF dataset PolicyKG reads from: load, query, count, dump.

    Parameters
    ----------
    path
        Folder of an on-disk Oxigraph store, or ``None`` for memory.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._ox = ox.Store(str(path)) if path is not None else ox.Store()
        self.data_version = "empty"

    # -- writing (used by the loader only) ----------------------------------------
    def add_turtle(self, data: bytes, *, source: str) -> None:
        """Parse Turtle into the store; a syntax error raises :class:`InvalidData`."""
        try:
            self._ox.bulk_load(data, format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise InvalidData(source, _strip_position(str(exc)), exc.lineno, exc.offset) from exc

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL Update; for the loader's entailment rules, never for user input."""
        self._ox.update(sparql_update)

    def clear(self) -> None:
        """Remove every triple."""
        self._ox.clear()

    # -- reading -------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Any] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query and return the engine's result object.

        Raises
        ------
        QueryRejected
            When the query does not parse; the message is the parser's.
        """
        subs = {ox.Variable(k): to_term(v) for k, v in (substitutions or {}).items()}
        try:
            return self._ox.query(sparql, substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryRejected(str(exc)) from exc

    def select(self, sparql: str, **bindings: Any) -> list[Row]:
        """Run a SELECT and return rows of plain Python values; ``bindings`` pre-bind variables."""
        result = self.query(_with_values(sparql, bindings))
        if not isinstance(result, ox.QuerySolutions):
            raise QueryRejected("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: to_python(sol[n]) for n in names} for sol in result]

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """Run an ASK query; ``bindings`` pre-bind variables."""
        result = self.query(_with_values(sparql, bindings))
        if not isinstance(result, ox.QueryBoolean):
            raise QueryRejected("ask() needs an ASK query")
        return bool(result)

    def construct(self, sparql: str, **bindings: Any) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples; ``bindings`` pre-bind variables."""
        result = self.query(_with_values(sparql, bindings))
        if not isinstance(result, ox.QueryTriples):
            raise QueryRejected("construct() needs a CONSTRUCT or DESCRIBE query")
        return list(result)

    def triples(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        return iter(self._ox)

    def triple_count(self) -> int:
        """Number of triples (quads) held."""
        return len(self._ox)

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes:
        """Serialise the default graph in ``fmt``."""
        return self._ox.dump(format=fmt, from_graph=ox.DefaultGraph())

    def label(self, iri: str) -> str:
        """Return the ``rdfs:label`` of ``iri`` or raise :class:`UnknownEntity`."""
        rows = self.select(
            "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1",
            s=ox.NamedNode(iri),
        )
        if not rows:
            raise UnknownEntity(iri)
        return str(rows[0]["l"])


def _with_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Bind variables with a trailing ``VALUES`` clause of engine-serialised terms.

    Unlike pyoxigraph's ``substitutions`` this also binds variables the query does not
    project. Values are written by the engine's own term serialiser, never spliced as text.

    >>> print(_with_values("SELECT ?x WHERE { ?x ?p ?o }", {"p": "http://a/p"}))
    SELECT ?x WHERE { ?x ?p ?o }
    VALUES (?p) { (<http://a/p>) }
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(to_term(value)) for value in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({terms}) }}"


def _strip_position(message: str) -> str:
    """Drop oxigraph's 'Parser error between ...:' prefix; the position is reported separately."""
    head, sep, tail = message.partition(": ")
    return tail if sep and head.startswith("Parser error") else message


def open_store(spec: str = "memory") -> Store:
    """Open an empty store from a spec: ``memory`` or ``oxigraph:/path/to/folder``.

    >>> open_store("memory").triple_count()
    0
    """
    if spec == "memory":
        return Store()
    if spec.startswith("oxigraph:"):
        return Store(Path(spec.removeprefix("oxigraph:")))
    raise ValueError(f"unknown store spec {spec!r}: use 'memory' or 'oxigraph:/path'")
