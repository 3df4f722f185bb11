"""Graph and table exports re-read by networkx, igraph and the csv module."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from pathlib import Path

import igraph
import networkx as nx
import pytest

from graph.export import export
from graph.export.tables import CSV_COLUMNS, NEO4J_HEADERS
from graph.projection import project
from graph.store import Store

NODE_ATTRS = ("type", "label", "code")
EDGE_ATTRS = ("predicate", "label", "role", "inferred")


def expected_nodes(graph: nx.MultiDiGraph) -> dict[str, dict[str, object]]:
    return {
        n: {"entity_id": d["id"], **{k: d[k] for k in NODE_ATTRS if d[k] is not None}}
        for n, d in graph.nodes(data=True)
    }


def edge_multiset(edges) -> list[tuple]:
    return sorted((u, v, *(str(d.get(k)) for k in EDGE_ATTRS)) for u, v, d in edges)


def expected_edges(graph: nx.MultiDiGraph) -> list[tuple]:
    return edge_multiset(
        (u, v, {k: v_ for k, v_ in d.items() if v_ is not None})
        for u, v, d in graph.edges(data=True)
    )


def test_graphml_reread_by_networkx_has_the_same_nodes_edges_and_attributes(small: Store) -> None:
    graph = project(small)
    reread = nx.read_graphml(io.BytesIO(export(small, "graphml").content))
    assert isinstance(reread, nx.MultiDiGraph)
    assert dict(reread.nodes(data=True)) == expected_nodes(graph)
    assert edge_multiset(reread.edges(data=True)) == expected_edges(graph)
    assert all(isinstance(i, bool) for *_, i in reread.edges(data="inferred"))


def test_graphml_keys_are_named_after_their_attributes(small: Store) -> None:
    text = export(small, "graphml").content.decode()
    assert '<key id="label" for="node" attr.name="label" attr.type="string"' in text
    assert '<key id="inferred" for="edge" attr.name="inferred" attr.type="boolean"' in text
    assert 'id="d0"' not in text


def test_graphml_reread_by_igraph_has_the_same_counts_and_attributes(
    small: Store, tmp_path: Path
) -> None:
    graph = project(small)
    path = tmp_path / "graph.graphml"
    path.write_bytes(export(small, "graphml").content)
    reread = igraph.Graph.Read_GraphML(str(path))
    assert (reread.vcount(), reread.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert reread.is_directed()
    by_iri = {v["id"]: v.attributes() for v in reread.vs}
    for iri, attrs in expected_nodes(graph).items():
        assert {k: by_iri[iri][k] for k in attrs} == attrs
    assert sorted(reread.es["inferred"]) == sorted(i for *_, i in graph.edges(data="inferred"))


def test_gexf_is_version_1_3_and_reread_by_networkx(small: Store) -> None:
    graph = project(small)
    content = export(small, "gexf").content
    assert b'version="1.3"' in content and b"http://gexf.net/1.3" in content
    reread = nx.read_gexf(io.BytesIO(content))
    assert dict(reread.nodes(data=True)) == expected_nodes(graph)
    assert edge_multiset(reread.edges(data=True)) == expected_edges(graph)


def test_gexf_bytes_do_not_depend_on_the_day(small: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    today = export(small, "gexf").content
    monkeypatch.setattr(time, "strftime", lambda *_: "2031-01-01")
    assert export(small, "gexf").content == today
    assert b"lastmodifieddate" not in today


def test_cytoscape_elements_have_ids_and_edges_join_existing_nodes(small: Store) -> None:
    graph = project(small)
    elements = json.loads(export(small, "cytoscape").content)["elements"]
    nodes, edges = elements["nodes"], elements["edges"]
    assert (len(nodes), len(edges)) == (graph.number_of_nodes(), graph.number_of_edges())
    ids = [element["data"]["id"] for element in nodes + edges]
    assert len(ids) == len(set(ids))
    node_ids = {node["data"]["id"] for node in nodes}
    assert all({e["data"]["source"], e["data"]["target"]} <= node_ids for e in edges)
    assert all(node["data"]["name"] for node in nodes)


def test_node_link_json_uses_links_for_d3(small: Store) -> None:
    graph = project(small)
    data = json.loads(export(small, "nodelink").content)
    assert "links" in data and "edges" not in data
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["links"]) == graph.number_of_edges()
    reread = nx.node_link_graph(data, edges="links")
    assert set(reread) == set(graph)


def read_zip(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode())))
            for name in archive.namelist()
            if name.endswith(".csv")
        } | {"README.txt": [[archive.read("README.txt").decode()]]}


def test_csv_zip_has_node_and_edge_lists_with_a_readme_of_their_columns(small: Store) -> None:
    graph = project(small)
    files = read_zip(export(small, "csv").content)
    nodes, edges = files["nodes.csv"], files["edges.csv"]
    assert nodes[0] == list(CSV_COLUMNS["nodes.csv"])
    assert edges[0] == list(CSV_COLUMNS["edges.csv"])
    assert (len(nodes) - 1, len(edges) - 1) == (graph.number_of_nodes(), graph.number_of_edges())
    readme = files["README.txt"][0][0]
    for columns in CSV_COLUMNS.values():
        assert all(f"  {column}: " in readme for column in columns)


def test_neo4j_zip_has_admin_import_headers(small: Store) -> None:
    graph = project(small)
    files = read_zip(export(small, "neo4j").content)
    nodes, relationships = files["nodes.csv"], files["relationships.csv"]
    assert nodes[0] == NEO4J_HEADERS["nodes.csv"]
    assert relationships[0] == NEO4J_HEADERS["relationships.csv"]
    assert {":ID", ":LABEL"} <= {h[h.index(":") :] for h in nodes[0] if ":" in h}
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(relationships[0])
    assert len(relationships) - 1 == graph.number_of_edges()
    labels = {row[-1] for row in nodes[1:]}
    assert {"Entity;Measure", "Entity;Body", "Entity;Document"} <= labels
    assert "HAS_REGULATOR" in {row[2] for row in relationships[1:]}
    node_ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in node_ids and row[1] in node_ids for row in relationships[1:])


@pytest.mark.parametrize("name", ["graphml", "cytoscape", "nodelink", "csv", "neo4j"])
def test_graph_exports_are_byte_identical_for_the_same_graph(small: Store, name: str) -> None:
    assert export(small, name).content == export(small, name).content
