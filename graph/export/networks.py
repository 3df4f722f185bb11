"""Graph-file writers: GraphML, GEXF 1.3, Cytoscape.js elements and node-link JSON.

Every writer takes the projected graph (:func:`graph.projection.project`, or a part of it
from :func:`~graph.export.scope.select_network`) and writes it with networkx, after
:func:`prepared` has made it safe for the format:

- nodes are keyed by IRI and every edge gets a unique id (``e0``, ``e1``, ... in a
  stable order), since Gephi merges edges that share one;
- values are flat: ``None`` is left out (the attribute is missing on that element),
  lists become ``"; "``-joined strings, so writers that reject dicts and lists
  (GraphML) accept them;
- the entity's short id travels as ``entity_id``: every format here uses ``id`` for
  the element's own identifier (the IRI), and igraph drops GraphML node ids when a
  data key is also called ``id``.

Known traps of the writers, handled here: GraphML keys are named after their attributes
(``named_key_ids=True``), not ``d0``, ``d1``; GEXF is written as version 1.3, not the
1.2 draft; node-link JSON uses ``links`` as d3 expects; Cytoscape.js edges get ids.
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

__all__ = ["cytoscape", "gexf", "graphml", "node_link", "prepared"]


def _flat(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return "; ".join(str(v) for v in items)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    out = {k: _flat(v) for k, v in data.items() if v is not None and k != "iri"}
    if "id" in out:
        out["entity_id"] = out.pop("id")
    return out


def prepared(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return a copy of ``graph`` ready for a file format, in a stable order.

    Parameters
    ----------
    graph
        A projected graph.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("http://x/b", id="b", iri="http://x/b", code=None, tags=["x", "y"])
    >>> g.add_node("http://x/a", id="a", iri="http://x/a", code="A")
    >>> _ = g.add_edge("http://x/a", "http://x/b", role=None, inferred=False)
    >>> p = prepared(g)
    >>> list(p.nodes(data="entity_id")), p.nodes["http://x/b"]["tags"]
    ([('http://x/a', 'a'), ('http://x/b', 'b')], 'x; y')
    >>> list(p.edges(keys=True, data=True))
    [('http://x/a', 'http://x/b', 'e0', {'inferred': False})]
    """
    copy = nx.MultiDiGraph()
    nodes = sorted(graph.nodes(data=True), key=lambda item: str(item[0]))
    for node, data in nodes:
        copy.add_node(str(data.get("iri") or node), **_attrs(data))
    key_of = {node: str(data.get("iri") or node) for node, data in nodes}
    edges = sorted(
        ((key_of[u], key_of[v], _attrs(data)) for u, v, data in graph.edges(data=True)),
        key=lambda e: (e[0], e[1], sorted(e[2].items(), key=str)),
    )
    for i, (u, v, data) in enumerate(edges):
        copy.add_edge(u, v, key=f"e{i}", **data)
    return copy


def graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML with typed keys named after their attributes (Gephi, yEd, igraph)."""
    buffer = io.BytesIO()
    nx.write_graphml(prepared(graph), buffer, named_key_ids=True, edge_id_from_attribute=None)
    return buffer.getvalue()


def gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.3 (Gephi): node ``type`` is a string attribute, so Gephi partitions by it.

    networkx stamps today's date on ``<meta lastmodifieddate>``, an optional attribute;
    it is dropped so that the same graph always gives the same bytes (release checksums).
    """
    writer = GEXFWriter(version="1.3")
    writer.add_graph(prepared(graph))
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def cytoscape(graph: nx.MultiDiGraph) -> bytes:
    """Cytoscape.js elements JSON (also Cytoscape desktop's ``.cyjs``); every edge has an id."""
    data = nx.cytoscape_data(prepared(graph), name="label")
    for edge in data["elements"]["edges"]:
        edge["data"]["id"] = edge["data"].pop("key")
    return _json(data)


def node_link(graph: nx.MultiDiGraph) -> bytes:
    """Node-link JSON for d3: ``nodes`` (with ``id``) and ``links`` (``source``, ``target``)."""
    return _json(nx.node_link_data(prepared(graph), edges="links"))


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
