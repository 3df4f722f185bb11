"""Killing a load of the on-disk store (SIGKILL) leaves the previous data serving, never a mix."""

from __future__ import annotations

import gc
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from graph.loading import data_files, load_files
from graph.settings import REPO_ROOT, Settings
from graph.vocab import PKG

SYNTHETIC_TRIPLES = 300_000
"""Large enough that its load is still running when the test kills it."""

LOADER = """
import sys
from pathlib import Path
from graph.loading import load_files
from graph.settings import REPO_ROOT
data = sorted(Path(sys.argv[2]).glob("*.ttl"))
load_files([REPO_ROOT / "ontology" / "policy.ttl", *data], spec="oxigraph:" + sys.argv[1])
"""


def _fresh_generation(folder: Path, current: Path) -> Path | None:
    """A generation folder other than ``current`` that already holds written data."""
    for candidate in folder.glob("v*.*"):
        written = candidate.is_dir() and any(
            f.is_file() and f.stat().st_size > 0 for f in candidate.iterdir()
        )
        if written and candidate.resolve() != current.resolve():
            return candidate
    return None


def test_sigkill_in_the_middle_of_a_load_leaves_the_old_data_serving(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    old_files = data_files(Settings())
    old = load_files(old_files, spec=f"oxigraph:{folder}")
    old_version, old_count = old.data_version, old.triple_count()
    del old
    gc.collect()
    old_generation = (folder / "current").resolve()

    synthetic = tmp_path / "synthetic"
    generator = REPO_ROOT / "scripts" / "generate_synthetic.py"
    subprocess.run(
        [sys.executable, str(generator), "--triples", str(SYNTHETIC_TRIPLES), "--seed", "7",
         "--out", str(synthetic)],
        check=True, cwd=REPO_ROOT, capture_output=True,
    )  # fmt: skip
    loader = subprocess.Popen(
        [sys.executable, "-c", LOADER, str(folder), str(synthetic)], cwd=REPO_ROOT
    )
    deadline = time.monotonic() + 120
    while _fresh_generation(folder, old_generation) is None and loader.poll() is None:
        assert time.monotonic() < deadline, "the loader never started writing"
        time.sleep(0.01)
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    assert loader.returncode == -signal.SIGKILL, "the load finished before it could be killed"

    assert (folder / "current").resolve() == old_generation
    direct = ox.Store.read_only(str(folder / "current"))
    assert len(direct) == old_count
    measures = f"SELECT (COUNT(?m) AS ?n) WHERE {{ ?m a <{PKG.Measure}> }}"
    assert next(iter(direct.query(measures)))["n"].value == "35"
    del direct
    gc.collect()

    reopened = load_files(old_files, spec=f"oxigraph:{folder}")
    assert (reopened.data_version, reopened.triple_count()) == (old_version, old_count)
