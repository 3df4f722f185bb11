"""Exports: the graph, or a focused part of it, in the formats researchers open elsewhere.

Formats are a registry keyed by name (:data:`FORMATS`); :func:`export` applies a
:class:`~graph.export.scope.Scope` and writes one format. RDF formats are written from
the store's triples (:mod:`graph.export.rdf`); graph and table formats from the
projected graph of entities (:func:`graph.projection.project`,
:mod:`graph.export.networks`, :mod:`graph.export.tables`).

>>> sorted(FORMATS)[:4]
['csv', 'cytoscape', 'gexf', 'graphml']
>>> FORMATS["turtle"].media_type
'text/turtle'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph.errors import QueryRejected
from graph.export import networks, rdf, tables
from graph.export.scope import Scope, Selection, select_network, select_triples
from graph.projection import project
from graph.store import Store

__all__ = ["FORMATS", "Export", "ExportFormat", "Kind", "Scope", "UnknownFormat", "export"]


class Kind(StrEnum):
    """What a format is written from."""

    RDF = "rdf"
    """The triples of the store."""
    NETWORK = "network"
    """The projected graph of entities (nodes and edges)."""


class UnknownFormat(QueryRejected):
    """No export format has the name asked for."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, media type, file extension and writer."""

    name: str
    media_type: str
    extension: str
    kind: Kind
    write: Callable[..., bytes]
    description: str


def _rdf(name: str, media_type: str, extension: str, write, description: str) -> ExportFormat:
    return ExportFormat(name, media_type, extension, Kind.RDF, write, description)


def _net(name: str, media_type: str, extension: str, write, description: str) -> ExportFormat:
    return ExportFormat(name, media_type, extension, Kind.NETWORK, write, description)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        _rdf("turtle", "text/turtle", "ttl", rdf.turtle, "Turtle, in a stable order"),
        _rdf("ntriples", "application/n-triples", "nt", rdf.ntriples, "N-Triples, sorted"),
        _rdf("nquads", "application/n-quads", "nq", rdf.nquads, "N-Quads, a graph per source"),
        _rdf("trig", "application/trig", "trig", rdf.trig, "TriG, a graph per source"),
        _rdf("jsonld", "application/ld+json", "jsonld", rdf.jsonld, "JSON-LD, compacted"),
        _rdf("rdfxml", "application/rdf+xml", "rdf", rdf.rdfxml, "RDF/XML"),
        _net("graphml", "application/graphml+xml", "graphml", networks.graphml, "GraphML"),
        _net("gexf", "application/gexf+xml", "gexf", networks.gexf, "GEXF 1.3 for Gephi"),
        _net("cytoscape", "application/json", "cyjs", networks.cytoscape, "Cytoscape.js"),
        _net(
            "nodelink",
            "application/json",
            "nodelink.json",
            networks.node_link,
            "node-link JSON (d3)",
        ),
        _net("csv", "application/zip", "csv.zip", tables.csv_zip, "CSV nodes and edges, zipped"),
        _net("neo4j", "application/zip", "neo4j.zip", tables.neo4j_zip, "neo4j-admin import CSVs"),
    )
}
"""Every export format, keyed by name."""

FormatName = StrEnum("FormatName", {name: name for name in FORMATS})
"""The format names as an enum, for typed interfaces (the CLI, the API)."""


@dataclass(frozen=True)
class Export:
    """A written export and what it holds; counts that do not apply are ``None``."""

    format: ExportFormat
    content: bytes
    filename: str
    triples: int | None = None
    nodes: int | None = None
    edges: int | None = None


def export(store: Store, format_name: str, scope: Scope | None = None) -> Export:
    """Write the part of ``store`` that ``scope`` keeps (default: all of it) in one format.

    Parameters
    ----------
    store
        A loaded store.
    format_name
        A key of :data:`FORMATS`.
    scope
        What to keep; the whole graph without the ontology when ``None``.

    Returns
    -------
    Export
        The bytes, a file name (``policykg[-scope].ext``) and the counts: triples for
        RDF formats, nodes and edges for the others.

    Raises
    ------
    UnknownFormat
        When no format has that name.
    UnknownEntity
        When the scope's focus or body names no entity.
    QueryRejected
        When the scope does not apply to the format (a CONSTRUCT for a graph format).

    Examples
    --------
    >>> from graph.loading import load_files
    >>> from graph.settings import REPO_ROOT
    >>> store = load_files([REPO_ROOT / "ontology/policy.ttl"])
    >>> result = export(store, "ntriples", Scope(ontology=True))
    >>> result.filename, result.triples == store.triple_count()
    ('policykg-with-ontology.nt', True)
    """
    fmt = FORMATS.get(str(format_name))
    if fmt is None:
        raise UnknownFormat(f"unknown format {format_name!r}; known: {', '.join(FORMATS)}")
    scope = scope or Scope()
    stem = "-".join(part for part in ("policykg", scope.slug()) if part)
    filename = f"{stem}.{fmt.extension}"
    if fmt.kind is Kind.RDF:
        triples: Selection = select_triples(store, scope)
        return Export(fmt, fmt.write(triples), filename, triples=len(triples))
    graph: nx.MultiDiGraph = select_network(project(store), scope)
    return Export(
        fmt,
        fmt.write(graph),
        filename,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
    )
