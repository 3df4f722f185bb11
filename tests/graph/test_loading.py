"""Loading: idempotent, lossless round trip, clear errors for bad files and shape breaches."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from graph.errors import InvalidData
from graph.loading import data_files, load_files, load_graph
from graph.settings import REPO_ROOT, Settings
from graph.store import Store
from graph.validation import load_shapes, store_to_rdflib, validate_graph

FIXTURES = Path(__file__).parent.parent / "data" / "graph"
ONTOLOGY = REPO_ROOT / "ontology" / "policy.ttl"


def test_loading_twice_gives_the_same_triples_and_version(settings: Settings) -> None:
    first, second = load_graph(settings), load_graph(settings)
    assert first.triple_count() == second.triple_count() > 1000
    assert first.data_version == second.data_version


def test_turtle_to_store_to_turtle_is_isomorphic(settings: Settings) -> None:
    files = data_files(settings)
    original = rdflib.Graph()
    for path in files:
        original.parse(path, format="turtle")
    store = load_files(files, entail=False)
    turtle = store_to_rdflib(store).serialize(format="turtle")
    assert isomorphic(original, rdflib.Graph().parse(data=turtle, format="turtle"))


def test_store_dump_as_n_triples_is_lossless(settings: Settings) -> None:
    files = data_files(settings)
    store = load_files(files, entail=False)
    original = rdflib.Graph()
    for path in files:
        original.parse(path, format="turtle")
    dumped = rdflib.Graph().parse(data=store.dump(ox.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(original, dumped)


def test_a_syntax_error_is_refused_with_file_and_line() -> None:
    with pytest.raises(InvalidData) as caught:
        load_files([ONTOLOGY, FIXTURES / "broken.ttl"])
    assert caught.value.path.endswith("broken.ttl")
    assert caught.value.line == 7
    assert "broken.ttl:7" in str(caught.value)


def test_a_shape_violation_is_reported_with_focus_node_path_and_message(store: Store) -> None:
    data = rdflib.Graph()
    data.parse(ONTOLOGY, format="turtle")
    data.parse(FIXTURES / "violating.ttl", format="turtle")
    report = validate_graph(data, load_shapes(REPO_ROOT / "ontology"))
    assert not report.conforms
    found = {(i.focus.rsplit("/", 1)[-1], (i.path or "").rsplit("#", 1)[-1]) for i in report.issues}
    assert ("no-principle", "servesPrinciple") in found
    assert ("made-up-quote", "") in found or any("quote" in i.message for i in report.issues)
    assert ("twin-b", "") in found or any("unique" in i.message for i in report.issues)
    messages = " ".join(i.message for i in report.issues)
    assert "at least one principle" in messages
    assert "Body codes are unique" in messages
    assert "must occur in its measure's source sentence" in messages
