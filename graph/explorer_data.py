"""The explorer's graph: the store's entities and relations as Cytoscape.js elements.

:func:`explorer_elements` reads the store with a few SPARQL queries and returns the
nodes (principles, measures, bodies, legislation, programmes, cohorts) and the edges
between them, each carrying what the page shows: the verbatim source sentence and its
document on nodes, the role, the quote and whether the link was inferred (with the
reason) on edges. Qualified links are read from their qualifying nodes
(``pkg:Responsibility``, ``pkg:Dependency``), so an edge has exactly one role or kind.

Element ids are ``type/slug`` (``body/ofsted``), the form the analysis and export
endpoints accept, so the page can pass them on unchanged.

>>> from graph.store import open_store
>>> store = open_store()
>>> store.add_turtle(b'''
...     @prefix pkg: <https://w3id.org/policykg/ontology#> .
...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...     <https://w3id.org/policykg/id/measure/m> a pkg:Measure ; rdfs:label "M" ;
...         pkg:servesPrinciple <https://w3id.org/policykg/id/principle/p> .
...     <https://w3id.org/policykg/id/principle/p> a pkg:Principle ; rdfs:label "P" .
...     ''', source="example")
>>> elements = explorer_elements(store)
>>> [n.data.id for n in elements.nodes]
['measure/m', 'principle/p']
>>> [(e.data.source, e.data.relation, e.data.target) for e in elements.edges]
[('measure/m', 'servesPrinciple', 'principle/p')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.projection import ENTITY_TYPES
from graph.store import Row, Store
from graph.vocab import PREFIXES, sparql_prologue, split_entity_iri

__all__ = ["NODE_TYPES", "RELATIONS", "SHOWN_TYPES", "Elements", "explorer_elements"]

_PKG = PREFIXES["pkg"]

SHOWN_TYPES = ("principle", "measure", "body", "legislation", "programme", "cohort")
"""The node types the explorer draws (the projection's names for them)."""

NODE_TYPES: dict[str, str] = {
    cls: node_type for cls, node_type in ENTITY_TYPES.items() if node_type in SHOWN_TYPES
}
"""``pkg:`` class -> explorer node type; instances of other classes are not shown."""

RELATIONS: dict[str, str] = {
    "servesPrinciple": "serves principle",
    "involves": "involves",
    "dependsOn": "depends on",
    "carriedBy": "carried by",
    "concernsCohort": "concerns cohort",
    "concernsProgramme": "concerns programme",
    "citesLegislation": "cites legislation",
    "drawsOnLearningFrom": "draws on learning from",
}
"""Edge relations the explorer draws, with their readable names."""

_DIRECT_RELATIONS = (
    "servesPrinciple",
    "carriedBy",
    "concernsCohort",
    "concernsProgramme",
    "citesLegislation",
    "drawsOnLearningFrom",
)


@dataclass(frozen=True)
class NodeData:
    """One entity as the page shows it."""

    id: str
    iri: str
    type: str
    label: str
    code: str | None = None
    aliases: list[str] = field(default_factory=list)
    status: str | None = None
    status_label: str | None = None
    description: str | None = None
    timeframe: str | None = None
    source_text: str | None = None
    document: str | None = None
    document_title: str | None = None


@dataclass(frozen=True)
class EdgeData:
    """One relation; ``role`` is the role (or dependency kind) notation when qualified."""

    id: str
    source: str
    target: str
    relation: str
    label: str
    role: str | None
    inferred: bool
    quote: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class NodeElement:
    data: NodeData


@dataclass(frozen=True)
class EdgeElement:
    data: EdgeData


@dataclass(frozen=True)
class Elements:
    """Cytoscape.js elements (``{"nodes": [...], "edges": [...]}``) of one data version."""

    data_version: str
    nodes: list[NodeElement]
    edges: list[EdgeElement]


_NODES = (
    """
SELECT ?s ?class ?label ?code ?status ?statusCode ?statusLabel ?definition ?timeframe
       ?text ?doc ?docTitle WHERE {
  VALUES ?class { """
    + " ".join(f"pkg:{cls}" for cls in NODE_TYPES)
    + """ }
  ?s a ?class .
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?s skos:notation ?code }
  OPTIONAL { ?s pkg:status ?status . OPTIONAL { ?status skos:notation ?statusCode }
             OPTIONAL { ?status rdfs:label ?statusLabel } }
  OPTIONAL { ?s skos:definition ?definition }
  OPTIONAL { ?s pkg:timeframe ?timeframe }
  OPTIONAL { ?s pkg:sourceText ?text }
  OPTIONAL { ?s dct:source ?doc . OPTIONAL { ?doc dct:title ?docTitle } }
}"""
)

_ALIASES = """
SELECT ?s ?alias WHERE { ?s skos:altLabel ?alias }"""

_RESPONSIBILITIES = """
SELECT ?m ?b ?role ?roleLabel ?quote ?inferred ?reason WHERE {
  ?m pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?b .
  OPTIONAL { ?r pkg:role ?c . ?c skos:notation ?role . OPTIONAL { ?c rdfs:label ?roleLabel } }
  OPTIONAL { ?r pkg:quote ?quote }
  OPTIONAL { ?r pkg:inferred ?inferred }
  OPTIONAL { ?r pkg:inferenceReason ?reason }
}"""

_DEPENDENCIES = """
SELECT ?m ?n ?kind ?kindLabel ?quote ?inferred ?reason WHERE {
  ?m pkg:hasDependency ?d . ?d pkg:onMeasure ?n .
  OPTIONAL { ?d pkg:quote ?quote }
  OPTIONAL { ?d pkg:dependencyKind ?c . ?c skos:notation ?kind .
             OPTIONAL { ?c rdfs:label ?kindLabel } }
  OPTIONAL { ?d pkg:inferred ?inferred }
  OPTIONAL { ?d pkg:inferenceReason ?reason }
}"""

_DIRECT = (
    "SELECT ?s ?p ?o ?reason WHERE {\n  VALUES ?p { "
    + " ".join(f"pkg:{name}" for name in _DIRECT_RELATIONS)
    + """ }
  ?s ?p ?o .
  OPTIONAL { ?st a pkg:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 pkg:inferenceReason ?reason }
}"""
)


def explorer_elements(store: Store) -> Elements:
    """Return the explorer's nodes and edges for ``store``, built once per data version.

    Parameters
    ----------
    store
        A loaded store.

    Returns
    -------
    Elements
        Nodes sorted by id; edges sorted by source, relation, target. An edge is drawn
        only when both its ends are nodes. ``inferred`` is true for a responsibility or
        dependency marked ``pkg:inferred true`` and for a direct triple described by a
        ``pkg:InferredStatement``; ``reason`` then says why.
    """
    return store.memo("explorer-elements", _build)


def _build(store: Store) -> Elements:
    prologue = sparql_prologue()
    nodes: dict[str, dict[str, object]] = {}
    for row in store.select(prologue + _NODES):
        iri = str(row["s"])
        key = _key(iri)
        if key is None:
            continue
        node = nodes.setdefault(key, {"id": key, "iri": iri, "type": None})
        node_type = NODE_TYPES[str(row["class"])[len(_PKG) :]]
        node["type"] = node["type"] or node_type
        for name, column in (
            ("label", "label"),
            ("code", "code"),
            ("status", "statusCode"),
            ("status_label", "statusLabel"),
            ("description", "definition"),
            ("timeframe", "timeframe"),
            ("source_text", "text"),
            ("document", "doc"),
            ("document_title", "docTitle"),
        ):
            if node.get(name) is None and row[column] is not None:
                value = str(row[column])
                node[name] = _key(value) or value if name == "document" else value
    aliases: dict[str, set[str]] = {}
    for row in store.select(prologue + _ALIASES):
        key = _key(str(row["s"]))
        if key in nodes:
            aliases.setdefault(key, set()).add(str(row["alias"]))
    node_data = [
        NodeData(
            **{**node, "label": node.get("label") or key},  # type: ignore[arg-type]
            aliases=sorted(aliases.get(key, ())),
        )
        for key, node in sorted(nodes.items())
    ]

    edges: dict[str, EdgeData] = {}
    for row in store.select(prologue + _RESPONSIBILITIES):
        _add_edge(edges, nodes, row, "m", "b", "involves", "role", "roleLabel", quote="quote")
    for row in store.select(prologue + _DEPENDENCIES):
        _add_edge(edges, nodes, row, "m", "n", "dependsOn", "kind", "kindLabel", quote="quote")
    direct = {_PKG + name: name for name in _DIRECT_RELATIONS}
    for row in store.select(prologue + _DIRECT):
        relation = direct.get(str(row["p"]))
        if relation is not None:
            row = {**row, "inferred": row["reason"] is not None}
            _add_edge(edges, nodes, row, "s", "o", relation, None, None)
    ordered = sorted(edges.values(), key=lambda e: (e.source, e.relation, e.target, e.id))
    return Elements(
        data_version=store.data_version,
        nodes=[NodeElement(data) for data in node_data],
        edges=[EdgeElement(data) for data in ordered],
    )


def _add_edge(
    edges: dict[str, EdgeData],
    nodes: dict[str, dict[str, object]],
    row: Row,
    source_column: str,
    target_column: str,
    relation: str,
    role_column: str | None,
    role_label_column: str | None,
    *,
    quote: str | None = None,
) -> None:
    source, target = _key(str(row[source_column])), _key(str(row[target_column]))
    if source not in nodes or target not in nodes:
        return
    role = str(row[role_column]) if role_column and row[role_column] is not None else None
    role_label = row[role_label_column] if role_label_column else None
    edge_id = f"{source}|{relation}|{role or ''}|{target}"
    if edge_id in edges:
        return
    edges[edge_id] = EdgeData(
        id=edge_id,
        source=str(source),
        target=str(target),
        relation=relation,
        label=str(role_label or role or RELATIONS[relation]),
        role=role,
        inferred=bool(row.get("inferred")),
        quote=str(row[quote]) if quote and row[quote] is not None else None,
        reason=str(row["reason"]) if row.get("reason") is not None else None,
    )


def _key(iri: str) -> str | None:
    """``https://w3id.org/policykg/id/body/ofsted`` -> ``body/ofsted``; ``None`` for others."""
    parts = split_entity_iri(iri)
    return f"{parts[0]}/{parts[1]}" if parts else None
