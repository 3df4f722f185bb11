"""``POLICYKG_STORE=oxigraph:/path``: generations on disk, switched atomically, kept on restart."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic

from api.app import create_app
from graph.errors import InvalidData
from graph.loading import data_files, load_files
from graph.settings import Settings
from graph.store import Store
from tests.store.conftest import FIXTURE_DATA, api_settings

PROFIT_CAPS = "set-profit-caps-backstop"


def _files() -> list[Path]:
    return data_files(Settings(data_dir=FIXTURE_DATA))


def _graph(store: Store) -> rdflib.Graph:
    return rdflib.Graph().parse(data=store.dump(ox.RdfFormat.N_TRIPLES), format="nt")


def _generations(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_dir() and p.name.startswith("v")}


def test_on_disk_store_holds_the_same_triples_as_memory(tmp_path: Path) -> None:
    on_disk = load_files(_files(), spec=f"oxigraph:{tmp_path}")
    in_memory = load_files(_files())
    assert isomorphic(_graph(on_disk), _graph(in_memory))
    assert on_disk.data_version == in_memory.data_version


def test_same_data_reopens_the_current_generation_without_loading(tmp_path: Path) -> None:
    first = load_files(_files(), spec=f"oxigraph:{tmp_path}")
    current = (tmp_path / "current").resolve()
    second = load_files(_files(), spec=f"oxigraph:{tmp_path}")
    assert (tmp_path / "current").resolve() == current
    assert _generations(tmp_path) == {current.name}
    assert second.triple_count() == first.triple_count()


def test_new_data_switches_current_and_keeps_the_previous_generation(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    files = data_files(Settings(data_dir=data))
    store_dir = tmp_path / "store"
    load_files(files, spec=f"oxigraph:{store_dir}")
    old = (store_dir / "current").resolve()
    (data / "extra.ttl").write_text("<http://example.org/s> <http://example.org/p> 1 .\n")
    files = data_files(Settings(data_dir=data))
    store = load_files(files, spec=f"oxigraph:{store_dir}")
    assert (store_dir / "current").resolve() != old
    assert (store_dir / "previous").resolve() == old
    assert store.ask("ASK { <http://example.org/s> <http://example.org/p> 1 }")


def test_a_failed_load_leaves_current_serving_and_is_cleaned_up_later(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    store_dir = tmp_path / "store"
    good = load_files(data_files(Settings(data_dir=data)), spec=f"oxigraph:{store_dir}")
    current = (store_dir / "current").resolve()
    (data / "zz-broken.ttl").write_text("<http://example.org/s> <http://example.org/p> .\n")
    with pytest.raises(InvalidData):
        load_files(data_files(Settings(data_dir=data)), spec=f"oxigraph:{store_dir}")
    assert (store_dir / "current").resolve() == current
    assert len(_generations(store_dir)) == 2  # the half-built one is left for the next load
    (data / "zz-broken.ttl").unlink()
    again = load_files(data_files(Settings(data_dir=data)), spec=f"oxigraph:{store_dir}")
    assert _generations(store_dir) == {current.name}
    assert again.triple_count() == good.triple_count()


@pytest.fixture(scope="module")
def disk_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("store")
    with TestClient(create_app(api_settings(f"oxigraph:{folder}"))) as client:
        yield client


def test_api_over_the_on_disk_store(disk_client: TestClient) -> None:
    bodies = disk_client.get(f"/measures/{PROFIT_CAPS}/bodies").json()
    assert {b["code"] for b in bodies} == {"SoS", "Providers"}
    count = disk_client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
        headers={"accept": "text/csv"},
    )
    assert int(count.text.split()[1]) == disk_client.get("/health").json()["triples"]


def test_update_is_refused_on_the_on_disk_store(disk_client: TestClient) -> None:
    response = disk_client.post("/sparql", data={"query": "CLEAR ALL"})
    assert response.status_code == 403
