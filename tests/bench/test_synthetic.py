"""The synthetic graph generator (scripts/generate_synthetic.py): valid, sized, deterministic."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import rdflib

from graph.loading import data_files, load_files
from graph.settings import REPO_ROOT, Settings
from graph.validation import validate_store
from graph.vocab import PKG


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_synthetic", REPO_ROOT / "scripts" / "generate_synthetic.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("synthetic")
    return out, _generator().write(out, 2_000, seed=3)


def _parse(folder: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_small_synthetic_graph_loads_with_no_shacl_violations(small: tuple[Path, int]) -> None:
    folder, _ = small
    settings = Settings(data_dir=folder)
    report = validate_store(load_files(data_files(settings)), settings)
    assert report.violation_count == 0, str(report)


def test_written_count_is_what_an_independent_parser_reads(small: tuple[Path, int]) -> None:
    folder, count = small
    assert len(_parse(folder)) == count


@pytest.mark.parametrize("size", [2_000, 20_000])
def test_requested_size_is_met_within_ten_percent(tmp_path: Path, size: int) -> None:
    count = _generator().write(tmp_path, size, seed=1)
    assert abs(count - size) <= size // 10


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    generator = _generator()
    generator.write(tmp_path / "a", 2_000, seed=5)
    generator.write(tmp_path / "b", 2_000, seed=5)
    names = sorted(p.name for p in (tmp_path / "a").glob("*.ttl"))
    assert names == sorted(p.name for p in (tmp_path / "b").glob("*.ttl"))
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_measures_have_one_to_four_responsibilities_and_quotes_in_their_sentence(
    small: tuple[Path, int],
) -> None:
    graph = _parse(small[0])
    measures = set(graph.subjects(rdflib.RDF.type, PKG.Measure))
    assert measures
    for measure in measures:
        sentence = str(graph.value(measure, PKG.sourceText))
        responsibilities = list(graph.objects(measure, PKG.hasResponsibility))
        assert 1 <= len(responsibilities) <= 4
        for resp in responsibilities:
            assert str(graph.value(resp, PKG.quote)) in sentence
