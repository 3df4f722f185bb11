"""RDF writers: Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML, all through rdflib.

Every writer takes a :data:`~graph.export.scope.Selection` and returns bytes that are
identical for identical graphs, so a release can be diffed: blank nodes get
canonical labels (:func:`rdflib.compare.to_canonical_graph`), triples reach the
serialiser in sorted order, and line formats are sorted line by line.

N-Quads and TriG put each triple in the named graph of the document it comes from
(see :func:`source_graph_of`); JSON-LD is compacted with ``ontology/context.jsonld``,
embedded in the file so that readers need no network.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.export.scope import is_entity_iri
from graph.projection import ENTITY_TYPES
from graph.settings import REPO_ROOT
from graph.vocab import PREFIXES

__all__ = [
    "CONTEXT_PATH",
    "jsonld",
    "nquads",
    "ntriples",
    "rdfxml",
    "source_graph_of",
    "to_rdflib",
    "trig",
    "turtle",
]

CONTEXT_PATH = REPO_ROOT / "ontology" / "context.jsonld"
"""The published JSON-LD context the JSON-LD export is compacted with."""

_DCT_SOURCE = URIRef(PREFIXES["dct"] + "source")
_RDF_TYPE = URIRef(PREFIXES["rdf"] + "type")
_DOCUMENT = URIRef(PREFIXES["pkg"] + "PolicyDocument")
_OX_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_TURTLE_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}


def _split(triples: Iterable[ox.Triple]) -> tuple[list[ox.Triple], Graph]:
    """Ground triples as they are, and the triples touching a blank node canonically labelled.

    Only the triples that touch a blank node take part in its canonical label, so only
    they go through rdflib's (costly) canonicalisation.
    """
    ground, with_blanks = [], []
    for triple in triples:
        blank = isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)
        (with_blanks if blank else ground).append(triple)
    parsed = Graph()
    if with_blanks:
        parsed.parse(data=ox.serialize(with_blanks, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return ground, to_canonical_graph(parsed)


def canonical_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Return ``triples`` with canonical blank-node labels, sorted (``rdf:type`` first).

    Examples
    --------
    >>> p = ox.NamedNode("http://a/p")
    >>> canonical_triples([ox.Triple(ox.BlankNode("x1"), p, ox.Literal("o"))]) == (
    ...     canonical_triples([ox.Triple(ox.BlankNode("y2"), p, ox.Literal("o"))]))
    True
    """
    ground, blanks = _split(triples)
    relabelled = blanks.serialize(format="nt", encoding="utf-8")
    return sorted([*ground, *ox.parse(relabelled, format=ox.RdfFormat.N_TRIPLES)], key=_order)


def _order(triple: ox.Triple) -> tuple[str, bool, str, str]:
    predicate = triple.predicate
    return (str(triple.subject), predicate != _OX_TYPE, str(predicate), str(triple.object))


def to_rdflib(triples: Iterable[ox.Triple]) -> Graph:
    """Return an rdflib graph of ``triples`` with canonical blank-node labels, built in order.

    Examples
    --------
    >>> t = ox.Triple(ox.BlankNode("x1"), ox.NamedNode("http://a/p"), ox.Literal("o"))
    >>> to_rdflib([t]).serialize(format="nt") == to_rdflib(
    ...     [ox.Triple(ox.BlankNode("y2"), t.predicate, t.object)]
    ... ).serialize(format="nt")
    True
    """
    ground, blanks = _split(triples)
    parsed = Graph()
    parsed.parse(data=ox.serialize(ground, format=ox.RdfFormat.N_TRIPLES), format="nt")
    graph = _new_graph()
    for triple in sorted([*parsed, *blanks]):
        graph.add(triple)
    return graph


def _new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        if prefix != "id":
            graph.bind(prefix, iri)
    return graph


def _sorted_lines(text: str) -> bytes:
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode() if lines else b""


def turtle(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle: prefixes, then one block per subject with ``a`` first, subjects in order.

    Written by Oxigraph's serialiser from :func:`canonical_triples` (rdflib's Turtle writer
    took 20 s at 10^5 triples).
    """
    return ox.serialize(
        canonical_triples(triples), format=ox.RdfFormat.TURTLE, prefixes=_TURTLE_PREFIXES
    )


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """N-Triples, one triple a line, lines sorted."""
    return _sorted_lines(
        ox.serialize(canonical_triples(triples), format=ox.RdfFormat.N_TRIPLES).decode()
    )


def rdfxml(triples: Iterable[ox.Triple]) -> bytes:
    """RDF/XML (rdflib's plain ``xml`` writer, which never nests and so never drops a node)."""
    return to_rdflib(triples).serialize(format="xml", encoding="utf-8")


@cache
def _context() -> dict[str, Any]:
    return json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]


def jsonld(triples: Iterable[ox.Triple]) -> bytes:
    """JSON-LD compacted with the published context, which the file embeds."""
    text = to_rdflib(triples).serialize(
        format="json-ld",
        context=_context(),
        auto_compact=True,
        use_native_types=True,
        sort_keys=True,
        indent=2,
    )
    return text.encode()


def source_graph_of(graph: Graph) -> dict[Any, URIRef | None]:
    """Map each subject of ``graph`` to the document it comes from, or ``None``.

    A document is its own source; an entity with ``dct:source`` comes from that
    document (the first in IRI order when it names several); nodes that are parts of
    another (responsibility and dependency nodes, anchors, status events, inferred
    statements: instances of no entity type of :data:`graph.projection.ENTITY_TYPES`)
    come from the source of a node that points to them. The rest (the ontology, shared
    reference data such as bodies) have ``None``.
    """
    documents = set(graph.subjects(_RDF_TYPE, _DOCUMENT))
    entity_classes = {URIRef(PREFIXES["pkg"] + name) for name in ENTITY_TYPES}
    own: dict[Any, URIRef | None] = {}
    parts: set[Any] = set()
    for subject in set(graph.subjects()):
        sources = sorted(graph.objects(subject, _DCT_SOURCE))
        own[subject] = subject if subject in documents else (sources[0] if sources else None)
        types = set(graph.objects(subject, _RDF_TYPE))
        if isinstance(subject, BNode) or (
            is_entity_iri(str(subject)) and not types & entity_classes
        ):
            parts.add(subject)
    referrers: dict[Any, list[Any]] = defaultdict(list)
    for s, p, o in graph:
        if o in parts and o != s and p != _RDF_TYPE:
            referrers[o].append(s)

    def source(node: Any, seen: frozenset[Any]) -> URIRef | None:
        if own.get(node) is not None:
            return own[node]
        found = sorted(
            s
            for r in referrers.get(node, ())
            if r not in seen and (s := _inherit(r, seen | {node})) is not None
        )
        return found[0] if found else None

    def _inherit(node: Any, seen: frozenset[Any]) -> URIRef | None:
        # A part passes on its whole's source; an entity its own source only.
        return source(node, seen) if node in parts else own.get(node)

    return {subject: source(subject, frozenset()) for subject in own}


def _dataset(triples: Iterable[ox.Triple]) -> Dataset:
    graph = to_rdflib(triples)
    sources = source_graph_of(graph)
    dataset = Dataset()
    for prefix, iri in graph.namespaces():
        dataset.bind(prefix, iri)
    for s, p, o in graph:
        name = sources.get(s)
        dataset.graph(name if name is not None else DATASET_DEFAULT_GRAPH_ID).add((s, p, o))
    return dataset


def nquads(triples: Iterable[ox.Triple]) -> bytes:
    """N-Quads, each triple in its source document's named graph; lines sorted."""
    return _sorted_lines(_dataset(triples).serialize(format="nquads", encoding="utf-8").decode())


def trig(triples: Iterable[ox.Triple]) -> bytes:
    """TriG, each triple in its source document's named graph."""
    return _dataset(triples).serialize(format="trig", encoding="utf-8")
