"""The store: one small interface over the RDF engine.

Engines are registered by name and chosen with a spec (``POLICYKG_STORE``):

- ``memory``: Oxigraph (pyoxigraph) in memory, the default;
- ``oxigraph:/path``: Oxigraph on disk, kept across restarts (see :mod:`graph.loading`);
- ``sparql:http://host:port/query``: an existing SPARQL 1.1 server
  (see :mod:`graph.remote_store`).

Callers use :class:`Store` only.

>>> store = open_store("memory")
>>> store.add_turtle(b"<http://a/s> <http://a/p> 'o' .", source="inline")
>>> store.triple_count()
1
>>> store.select("SELECT ?o WHERE { ?s ?p ?o }")
[{'o': 'o'}]

``SERVICE`` in a query makes the engine open a network connection: the store
runs what it is given, so public entry points must vet queries first
(see :mod:`graph.query_guard`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pyoxigraph as ox

from graph.errors import InvalidData, QueryRejected, UnknownEntity

__all__ = ["ENGINES", "OxigraphStore", "Store", "open_store", "to_python", "to_term"]

PythonValue = str | int | float | bool | None
Row = dict[str, PythonValue]
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
T = TypeVar("T")


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

    Subclasses implement :meth:`query` and the writing and dumping methods; reading
    helpers (:meth:`select`, :meth:`ask`, :meth:`construct`, :meth:`label`) and the
    per-version cache (:meth:`memo`) are shared.
    """

    engine: ClassVar[str] = ""
    """The registry name of the engine (``memory``, ``oxigraph``, ``sparql``)."""
    writable = True
    """False for a store the loader must not fill (a remote server without an update URL)."""

    def __init__(self) -> None:
        self.data_version = "empty"
        self._count: int | None = None
        self._memo: dict[str, Any] = {}

    # -- writing (used by the loader only) ----------------------------------------
    def add_turtle(self, data: bytes, *, source: str) -> None:
        """Parse Turtle into the store; a syntax error raises :class:`InvalidData`."""
        raise NotImplementedError

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL Update; for the loader's entailment rules, never for user input."""
        raise NotImplementedError

    def clear(self) -> None:
        """Remove every triple."""
        raise NotImplementedError

    def _changed(self) -> None:
        self._count = None
        self._memo.clear()

    # -- reading -------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Any] | None = None,
        base_iri: str | None = None,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> QueryResult:
        """Run a SPARQL query and return Oxigraph's result object.

        Raises
        ------
        QueryRejected
            When the query does not parse; the message is the parser's.
        """
        raise NotImplementedError

    def select(self, sparql: str, **bindings: Any) -> list[Row]:
        """Run a SELECT and return rows of plain Python values; ``bindings`` pre-bind variables."""
        result = self.query(with_values(sparql, bindings))
        if not isinstance(result, ox.QuerySolutions):
            raise QueryRejected("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: to_python(sol[n]) for n in names} for sol in result]

    def ask(self, sparql: str, **bindings: Any) -> bool:
        """Run an ASK query; ``bindings`` pre-bind variables."""
        result = self.query(with_values(sparql, bindings))
        if not isinstance(result, ox.QueryBoolean):
            raise QueryRejected("ask() needs an ASK query")
        return bool(result)

    def construct(self, sparql: str, **bindings: Any) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE and return its triples; ``bindings`` pre-bind variables."""
        result = self.query(with_values(sparql, bindings))
        if not isinstance(result, ox.QueryTriples):
            raise QueryRejected("construct() needs a CONSTRUCT or DESCRIBE query")
        return list(result)

    def triples(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        raise NotImplementedError

    def triple_count(self) -> int:
        """Number of triples (quads) held; counted once per change of the data."""
        if self._count is None:
            self._count = self._count_triples()
        return self._count

    def _count_triples(self) -> int:
        raise NotImplementedError

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes:
        """Serialise the default graph in ``fmt``."""
        raise NotImplementedError

    def label(self, iri: str) -> str:
        """Return the ``rdfs:label`` of ``iri`` or raise :class:`UnknownEntity`."""
        rows = self.select(
            "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1",
            s=ox.NamedNode(iri),
        )
        if not rows:
            raise UnknownEntity(iri)
        return str(rows[0]["l"])

    def memo(self, key: str, compute: Callable[[Store], T]) -> T:
        """``compute(self)``, computed once until the data changes (an index, a lookup table).

        >>> store = open_store()
        >>> store.memo("n", lambda s: s.triple_count())
        0
        """
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]


class OxigraphStore(Store):
    """The embedded engine: an Oxigraph store in memory or opened from a folder.

    Parameters
    ----------
    location
        Folder of an on-disk Oxigraph store, or ``None`` for memory.
    read_only
        Open ``location`` read-only (several processes may then share it).
    """

    engine = "oxigraph"

    def __init__(self, location: Path | None = None, *, read_only: bool = False) -> None:
        super().__init__()
        self.location = location
        self.read_only = read_only
        if location is None:
            self._ox = ox.Store()
        elif read_only:
            self._ox = ox.Store.read_only(str(location))
        else:
            self._ox = ox.Store(str(location))

    def add_turtle(self, data: bytes, *, source: str) -> None:
        try:
            self._ox.bulk_load(data, format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise InvalidData(source, _strip_position(str(exc)), exc.lineno, exc.offset) from exc
        finally:
            self._changed()

    def update(self, sparql_update: str) -> None:
        self._ox.update(sparql_update)
        self._changed()

    def clear(self) -> None:
        self._ox.clear()
        self._changed()

    def flush(self) -> None:
        """Write pending changes of an on-disk store to disk."""
        if self.location is not None and not self.read_only:
            self._ox.flush()

    def query(
        self,
        sparql: str,
        *,
        substitutions: Mapping[str, Any] | None = None,
        base_iri: str | None = None,
        default_graph: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> QueryResult:
        subs = {ox.Variable(k): to_term(v) for k, v in (substitutions or {}).items()}
        try:
            return self._ox.query(
                sparql,
                substitutions=subs or None,
                base_iri=base_iri,
                default_graph=[ox.NamedNode(g) for g in default_graph] or None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
            )
        except SyntaxError as exc:
            raise QueryRejected(str(exc)) from exc

    def triples(self) -> Iterator[ox.Quad]:
        return iter(self._ox)

    def _count_triples(self) -> int:
        return len(self._ox)

    def dump(self, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> bytes:
        return self._ox.dump(format=fmt, from_graph=ox.DefaultGraph())

    def dump_dataset(self, path: Path) -> None:
        """Write every quad, all graphs, to ``path`` as N-Quads (for query workers)."""
        self._ox.dump(str(path), format=ox.RdfFormat.N_QUADS)


_PRE_BIND_AT = re.compile(
    r"""^(?P<head>(?:[^{"'#<]|<[^<>"{}|^`\\\s]*>|"[^"\\\n]*"|'[^'\\\n]*')*?
        \bWHERE\s*\{)""",
    re.IGNORECASE | re.VERBOSE,
)


def with_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Pre-bind variables with a ``VALUES`` block of engine-serialised terms.

    The block opens the ``WHERE`` group, so the engine starts its joins from the bound
    values (a trailing ``VALUES`` is joined last: 100x slower on 10^5 triples). When the
    query's ``WHERE`` cannot be found with certainty (a brace or comment before it) the
    block trails the query instead. Values are written by the engine's own term
    serialiser, never spliced as text. Unlike pyoxigraph's ``substitutions`` this also
    binds variables the query does not project.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?o }", {"p": "http://a/p"}))
    SELECT ?x WHERE { VALUES (?p) { (<http://a/p>) } ?x ?p ?o }
    >>> print(with_values("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", {"p": "http://a/p"}))
    CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }
    VALUES (?p) { (<http://a/p>) }
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(to_term(value)) for value in bindings.values())
    block = f"VALUES ({names}) {{ ({terms}) }}"
    split = _where_opens_at(sparql)
    if split is None:
        return f"{sparql}\n{block}"
    return f"{sparql[:split]} {block}{sparql[split:]}"


@lru_cache(maxsize=1024)
def _where_opens_at(sparql: str) -> int | None:
    """Where the ``WHERE`` group's brace ends, if certain; cached: the library's queries
    are a few fixed texts asked many times, and the scan costs as much as a lookup."""
    match = _PRE_BIND_AT.match(sparql)
    return None if match is None else len(match.group("head"))


def _strip_position(message: str) -> str:
    """Drop oxigraph's 'Parser error between ...:' prefix; the position is reported separately."""
    head, sep, tail = message.partition(": ")
    return tail if sep and head.startswith("Parser error") else message


def _open_memory(argument: str) -> Store:
    if argument:
        raise ValueError("the 'memory' store takes no argument")
    return OxigraphStore()


def _open_oxigraph(argument: str) -> Store:
    return OxigraphStore(Path(argument))


def _open_sparql(argument: str) -> Store:
    remote = importlib.import_module("graph.remote_store")  # httpx only when asked for
    return remote.SparqlStore.from_spec(argument)


ENGINES: dict[str, Callable[[str], Store]] = {
    "memory": _open_memory,
    "oxigraph": _open_oxigraph,
    "sparql": _open_sparql,
}
"""Store engines by name: ``name`` or ``name:argument`` in a spec."""


def parse_spec(spec: str) -> tuple[str, str]:
    """Split a store spec into engine name and argument, checking the name.

    >>> parse_spec("oxigraph:/var/lib/policykg")
    ('oxigraph', '/var/lib/policykg')
    >>> parse_spec("memory")
    ('memory', '')
    """
    name, _, argument = spec.partition(":")
    if name not in ENGINES or (name != "memory" and not argument):
        raise ValueError(
            f"unknown store spec {spec!r}: use 'memory', 'oxigraph:/path' or 'sparql:URL'"
        )
    return name, argument


def open_store(spec: str = "memory") -> Store:
    """Open a store from a spec: ``memory``, ``oxigraph:/path/to/folder`` or ``sparql:URL``.

    An on-disk store opened here is the folder itself, read-write; :func:`graph.loading.load_files`
    manages generations of it instead.

    >>> open_store("memory").triple_count()
    0
    """
    name, argument = parse_spec(spec)
    return ENGINES[name](argument)
