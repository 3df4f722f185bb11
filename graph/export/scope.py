"""Which part of the graph an export holds: the whole graph or a focused subgraph.

A :class:`Scope` says what to keep; :func:`select_triples` applies it to the store
(for the RDF formats) and :func:`select_network` to the projected graph (for the
graph and table formats). Both read a scope the same way:

1. without ``inferred``, links the modellers inferred are dropped first: qualified
   nodes marked ``pkg:inferred true`` with the shortcut triples only they entail,
   and every triple a ``pkg:InferredStatement`` marks (with that statement);
2. ``types`` keeps only entities of those node types (``measure``, ``body``, ... as in
   :data:`graph.projection.ENTITY_TYPES`);
3. ``focus`` (or ``body``) keeps the entities within ``depth`` links of one entity,
   links followed in either direction (an ego network);
4. ``ontology`` adds the ontology: every triple about a ``pkg:`` term or a concept of
   the role, kind, status and dependency-kind schemes.

At the RDF level an entity is an IRI under ``https://w3id.org/policykg/id/`` that is
not a concept of those schemes. A kept entity keeps every triple it is the subject
of whose object is a literal, a kept entity, a term outside the graph's entities
(a class, a concept, an outside web page) or a blank node (kept with its own
triples). Literal-only nodes reached from it (blank-node anchors and selectors) come
along; links to entities outside the scope are cut. Provenance follows what is kept:
an ``pkg:InferredStatement`` is kept when the triple it marks is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from graph.errors import QueryRejected, UnknownEntity
from graph.projection import ENTITY_TYPES, project, resolve
from graph.store import Store
from graph.vocab import ID_BASE, ONTOLOGY_IRI, PREFIXES, sparql_prologue

__all__ = [
    "Scope",
    "Selection",
    "is_entity_iri",
    "select_network",
    "select_triples",
    "split_types",
]

_VOCABULARY_ROOTS = (ONTOLOGY_IRI, *(PREFIXES[p] for p in ("role", "kind", "status", "dep")))
_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_PKG = PREFIXES["pkg"]

Selection = frozenset[ox.Triple]
"""The triples an RDF export writes."""


@dataclass(frozen=True)
class Scope:
    """What an export holds; the default is the whole graph without the ontology.

    Parameters
    ----------
    focus
        An entity (id, ``type/id``, IRI or body code): keep its ego network.
    depth
        How many links from ``focus`` the ego network reaches.
    body
        A body (id, code or IRI): keep everything it touches, its ego network at depth 1.
    types
        Keep only entities of these node types (empty: every type).
    inferred
        Keep links the modellers inferred (``False``: stated links only).
    ontology
        Add the ontology (classes, properties, concept schemes); RDF formats only.
    construct
        A SPARQL CONSTRUCT whose triples replace the selection; RDF formats only.

    Raises
    ------
    QueryRejected
        When the parameters contradict each other or ``depth`` is negative.

    Examples
    --------
    >>> Scope(focus="ofsted", depth=2).slug()
    'ofsted-depth2'
    >>> Scope(focus="a", body="b")
    Traceback (most recent call last):
    ...
    graph.errors.QueryRejected: give a focus or a body, not both
    """

    focus: str | None = None
    depth: int = 1
    body: str | None = None
    types: tuple[str, ...] = field(default=())
    inferred: bool = True
    ontology: bool = False
    construct: str | None = None

    def __post_init__(self) -> None:
        if self.depth < 0:
            raise QueryRejected("depth must be 0 or more")
        if self.focus and self.body:
            raise QueryRejected("give a focus or a body, not both")
        if self.construct and (self.focus or self.body or self.types):
            raise QueryRejected("a CONSTRUCT query replaces focus, body and types; give one")
        unknown = sorted(set(self.types) - set(ENTITY_TYPES.values()))
        if unknown:
            known = ", ".join(sorted(set(ENTITY_TYPES.values())))
            raise QueryRejected(f"unknown type(s) {', '.join(unknown)}; known: {known}")

    @property
    def center(self) -> str | None:
        """The entity the ego network is centred on, if any."""
        return self.focus or self.body

    @property
    def radius(self) -> int:
        """How far the ego network reaches (a body's is always 1)."""
        return 1 if self.body else self.depth

    def slug(self) -> str:
        """A short file-name part naming the scope (empty for the whole graph)."""
        parts: list[str] = []
        if self.center:
            parts.append(f"{self.center}-depth{self.radius}")
        if self.types:
            parts.append("-".join(sorted(self.types)))
        if self.construct:
            parts.append("construct")
        if not self.inferred:
            parts.append("stated")
        if self.ontology:
            parts.append("with-ontology")
        return re.sub(r"[^A-Za-z0-9-]+", "-", "-".join(parts)).strip("-")


def split_types(values: Iterable[str] | None) -> tuple[str, ...]:
    """Read ``--types``/``types=`` values, each repeated or comma-separated.

    >>> split_types(["measure,body", " cohort "])
    ('measure', 'body', 'cohort')
    """
    return tuple(t.strip() for value in values or () for t in value.split(",") if t.strip())


# -- RDF level ------------------------------------------------------------------------------


def select_triples(store: Store, scope: Scope) -> Selection:
    """Return the triples of ``store`` that ``scope`` keeps.

    Raises
    ------
    UnknownEntity
        When ``scope.focus`` or ``scope.body`` names no entity (or ``body`` no body).
    QueryRejected
        When ``scope.construct`` is not a CONSTRUCT query or calls a remote ``SERVICE``.

    Examples
    --------
    >>> from graph.loading import load_files
    >>> from graph.settings import REPO_ROOT
    >>> store = load_files([REPO_ROOT / "ontology/policy.ttl"])
    >>> len(select_triples(store, Scope()))
    0
    >>> len(select_triples(store, Scope(ontology=True))) == store.triple_count()
    True
    """
    everything = {quad.triple for quad in store.triples()}
    tbox = _closure(
        _Index(everything), {t.subject for t in everything if _is_vocabulary(t.subject)}
    )
    dropped = set() if scope.inferred else _inferred_triples(store)
    if scope.construct:
        kept = set(_construct(store, scope.construct)) - dropped
    else:
        abox = everything - tbox - dropped
        kept = _focused(store, abox, scope) if scope.center or scope.types else abox
    if scope.ontology:
        kept |= tbox
    return frozenset(kept)


def _focused(store: Store, abox: set[ox.Triple], scope: Scope) -> set[ox.Triple]:
    index = _Index(abox)
    nodes = {n for n in index.nodes() if _is_entity(n)}
    if scope.types:
        nodes &= _entities_of_types(store, scope.types)
    if scope.center:
        start = ox.NamedNode(_resolve(store, scope))
        if start not in nodes:
            raise UnknownEntity(f"{scope.center!r} is not of the types {', '.join(scope.types)}")
        nodes = index.ego(start, scope.radius, within=nodes)
    kept = _closure(index, nodes, keep_object=lambda o: not _is_entity(o) or o in nodes)
    return kept | _closure(index, _reifications_of(store, kept))


def _resolve(store: Store, scope: Scope) -> str:
    graph = project(store)
    if scope.body:
        return resolve(graph, scope.body, entity_type="body")
    assert scope.focus is not None
    return resolve(graph, scope.focus)


class _Index:
    """Triples by subject and links by node, for walking a selection."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.by_subject: dict[object, list[ox.Triple]] = defaultdict(list)
        self.links: dict[object, set[object]] = defaultdict(set)
        for t in triples:
            self.by_subject[t.subject].append(t)
            if t.predicate != _RDF_TYPE and _is_entity(t.object) and _is_entity(t.subject):
                self.links[t.subject].add(t.object)
                self.links[t.object].add(t.subject)

    def nodes(self) -> set[object]:
        return set(self.by_subject) | set(self.links)

    def ego(self, start: object, radius: int, *, within: set[object]) -> set[object]:
        """Nodes of ``within`` reachable from ``start`` in at most ``radius`` links."""
        seen, frontier = {start}, {start}
        for _ in range(radius):
            frontier = {n for f in frontier for n in self.links[f] if n in within} - seen
            seen |= frontier
        return seen


def _closure(index: _Index, subjects: Iterable[object], keep_object=None) -> set[ox.Triple]:
    """Triples about ``subjects`` and, recursively, about the blank nodes they point to."""
    kept: set[ox.Triple] = set()
    todo, seen = list(subjects), set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for t in index.by_subject.get(subject, ()):
            if keep_object is not None and not keep_object(t.object):
                continue
            kept.add(t)
            if isinstance(t.object, ox.BlankNode):
                todo.append(t.object)
    return kept


def _is_vocabulary(term: object) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(_VOCABULARY_ROOTS)


def is_entity_iri(iri: str) -> bool:
    """Whether ``iri`` names an instance of the graph rather than a term of the ontology.

    >>> is_entity_iri("https://w3id.org/policykg/id/body/ofsted")
    True
    >>> is_entity_iri("https://w3id.org/policykg/id/role/lead")
    False
    """
    return iri.startswith(ID_BASE) and not iri.startswith(_VOCABULARY_ROOTS)


def _is_entity(term: object) -> bool:
    return isinstance(term, ox.NamedNode) and is_entity_iri(term.value)


_TYPED = "SELECT ?s ?class WHERE { ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(pkg:))) }"


def _entities_of_types(store: Store, types: Iterable[str]) -> set[object]:
    wanted = set(types)
    return {
        ox.NamedNode(str(row["s"]))
        for row in store.select(sparql_prologue() + _TYPED)
        if ENTITY_TYPES.get(str(row["class"])[len(_PKG) :]) in wanted
    }


# Shortcut triples entailed by a qualified node, with whether that node is inferred.
_ENTAILED = """
SELECT ?m ?p ?t ?inferred WHERE {
  { ?m pkg:hasResponsibility ?q . ?q pkg:responsibleBody ?t ; pkg:role ?k .
    BIND(pkg:involves AS ?generic) }
  UNION
  { ?m pkg:hasDependency ?q . ?q pkg:onMeasure ?t ; pkg:dependencyKind ?k .
    BIND(pkg:dependsOn AS ?generic) }
  ?k pkg:shortcut ?specific .
  VALUES ?which { 0 1 }
  BIND(IF(?which = 0, ?specific, ?generic) AS ?p)
  OPTIONAL { ?q pkg:inferred ?inferred }
}"""

_INFERRED_NODES = """
CONSTRUCT { ?q ?p ?o . ?m ?link ?q }
WHERE { ?q pkg:inferred true ; ?p ?o . OPTIONAL { ?m ?link ?q } }"""

_INFERRED_STATEMENTS = """
CONSTRUCT { ?s ?p ?o . ?st ?sp ?so }
WHERE { ?st a pkg:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
            ?sp ?so }"""

_REIFIED = """
SELECT ?st ?s ?p ?o WHERE {
  ?st a pkg:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }"""


def _inferred_triples(store: Store) -> set[ox.Triple]:
    """Every triple that exists only because the modellers inferred a link."""
    prologue = sparql_prologue()
    entailed: dict[ox.Triple, bool] = {}
    for row in store.select(prologue + _ENTAILED):
        triple = ox.Triple(*(ox.NamedNode(str(row[k])) for k in ("m", "p", "t")))
        entailed[triple] = entailed.get(triple, True) and row["inferred"] is True
    inferred = {t for t, only_inferred in entailed.items() if only_inferred}
    inferred |= set(store.construct(prologue + _INFERRED_NODES))
    inferred |= set(store.construct(prologue + _INFERRED_STATEMENTS))
    return inferred


def _reifications_of(store: Store, kept: set[ox.Triple]) -> set[object]:
    """The ``pkg:InferredStatement`` nodes whose marked triple is in ``kept``."""
    found = set()
    for row in store.select(sparql_prologue() + _REIFIED):
        triple = ox.Triple(
            ox.NamedNode(str(row["s"])), ox.NamedNode(str(row["p"])), ox.NamedNode(str(row["o"]))
        )
        if triple in kept:
            found.add(ox.NamedNode(str(row["st"])))
    return found


_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _construct(store: Store, query: str) -> list[ox.Triple]:
    if _SERVICE.search(query):
        raise QueryRejected("SERVICE is not allowed: an export reads this graph only")
    return store.construct(query)


# -- network level --------------------------------------------------------------------------


def select_network(graph: nx.MultiDiGraph, scope: Scope) -> nx.MultiDiGraph:
    """Return the part of a projected graph (:func:`graph.projection.project`) ``scope`` keeps.

    The result is a new, unfrozen graph; ``scope.ontology`` and ``scope.construct`` do
    not apply to graphs of entities (a CONSTRUCT raises).

    Raises
    ------
    UnknownEntity
        When ``scope.focus`` or ``scope.body`` names no node.
    QueryRejected
        When ``scope.construct`` is set.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for n, t in [("m", "measure"), ("b", "body"), ("c", "body")]:
    ...     g.add_node(n, id=n, type=t, code=None)
    >>> _ = g.add_edge("m", "b", inferred=False)
    >>> _ = g.add_edge("m", "c", inferred=True)
    >>> sorted(select_network(g, Scope(focus="b", depth=1)))
    ['b', 'm']
    >>> sorted(select_network(g, Scope(inferred=False)).edges())
    [('m', 'b')]
    """
    if scope.construct:
        raise QueryRejected("a CONSTRUCT query selects triples: use an RDF format")
    kept = nx.MultiDiGraph(graph)
    if not scope.inferred:
        kept.remove_edges_from(
            [(u, v, k) for u, v, k, i in kept.edges(keys=True, data="inferred") if i]
        )
    if scope.types:
        kept = nx.MultiDiGraph(
            kept.subgraph(n for n, t in kept.nodes(data="type") if t in scope.types)
        )
    if scope.center:
        if scope.body:
            center = resolve(graph, scope.body, entity_type="body")
        else:
            center = resolve(graph, scope.center)
        if center not in kept:
            raise UnknownEntity(f"{scope.center!r} is not of the types {', '.join(scope.types)}")
        kept = nx.MultiDiGraph(nx.ego_graph(kept, center, radius=scope.radius, undirected=True))
    return kept
