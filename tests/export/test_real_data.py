"""The real graph (data/*.ttl) exports in every format with the counts the store reports."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import igraph
import networkx as nx
import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.export import FORMATS, Kind, Scope, export
from graph.loading import load_graph
from graph.projection import project
from graph.settings import REPO_ROOT, Settings
from graph.store import Store
from tests.export.test_rdf import OX_FORMATS, reread_with_oxigraph, store_graph

REAL = REPO_ROOT / "data" / "keeping-children-safe.ttl"
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="the real data is not written yet")


@pytest.fixture(scope="module")
def real() -> Store:
    return load_graph(Settings())


@pytest.mark.parametrize("name", sorted(OX_FORMATS))
def test_real_graph_rdf_exports_equal_the_store(real: Store, name: str) -> None:
    result = export(real, name, Scope(ontology=True))
    reread = reread_with_oxigraph(name, result.content)
    assert len(reread) == result.triples == real.triple_count()
    assert isomorphic(reread, store_graph(real))


def test_real_graph_jsonld_through_pyld_equals_the_store(real: Store) -> None:
    document = json.loads(export(real, "jsonld", Scope(ontology=True)).content)
    nquads = jsonld.to_rdf(jsonld.expand(document), {"format": "application/n-quads"})
    reread = Graph().parse(data=nquads, format="nt")
    assert len(reread) == real.triple_count()
    assert isomorphic(reread, store_graph(real))


def counts_of(name: str, content: bytes, tmp_path: Path) -> tuple[int, int]:
    if name == "graphml":
        path = tmp_path / "real.graphml"
        path.write_bytes(content)
        via_igraph = igraph.Graph.Read_GraphML(str(path))
        via_nx = nx.read_graphml(path)
        assert (via_igraph.vcount(), via_igraph.ecount()) == (
            via_nx.number_of_nodes(),
            via_nx.number_of_edges(),
        )
        return via_nx.number_of_nodes(), via_nx.number_of_edges()
    if name == "gexf":
        graph = nx.read_gexf(io.BytesIO(content))
        return graph.number_of_nodes(), graph.number_of_edges()
    if name == "cytoscape":
        elements = json.loads(content)["elements"]
        return len(elements["nodes"]), len(elements["edges"])
    if name == "nodelink":
        data = json.loads(content)
        return len(data["nodes"]), len(data["links"])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {
            n: list(csv.reader(io.StringIO(archive.read(n).decode())))
            for n in archive.namelist()
            if n.endswith(".csv")
        }
    edges = files.get("edges.csv") or files["relationships.csv"]
    return len(files["nodes.csv"]) - 1, len(edges) - 1


@pytest.mark.parametrize("name", sorted(n for n, f in FORMATS.items() if f.kind is Kind.NETWORK))
def test_real_graph_network_exports_have_the_projection_counts(
    real: Store, name: str, tmp_path: Path
) -> None:
    graph = project(real)
    result = export(real, name)
    expected = (graph.number_of_nodes(), graph.number_of_edges())
    assert (result.nodes, result.edges) == expected
    assert counts_of(name, result.content, tmp_path) == expected
