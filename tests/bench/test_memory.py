"""Memory of a server's process tree (scripts/benchmarks/memory.py): /proc fields, the PSS
sampler, and the open-file count that tells workers on disk from workers in memory."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.memory import PssSampler, field_kb, peak_rss_mb, pss_mb, worker_files

SMAPS_ROLLUP = """564482bc4000-7ffcf4f60000 ---p 00000000 00:00 0  [rollup]
Rss:                1720 kB
Pss:                 437 kB
Pss_Dirty:           116 kB
"""


@pytest.fixture
def parent_of_a_file_holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A process whose child holds one file open until its stdin closes."""
    held = tmp_path / "held.txt"
    held.write_text("x")
    child = (
        "import subprocess, sys; "
        "p = subprocess.Popen([sys.executable, '-c', "
        "'import sys; f = open(sys.argv[1]); print(\"open\", flush=True); sys.stdin.read()', "
        "sys.argv[1]], stdout=subprocess.PIPE, text=True); "
        "print(p.stdout.readline().strip(), flush=True); sys.stdin.read(); p.kill()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", child, str(held)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
    yield proc
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait()
    proc.stdout.close()


def test_a_field_is_read_in_kb_and_a_missing_one_is_zero() -> None:
    assert field_kb(SMAPS_ROLLUP, "Pss") == 437
    assert field_kb(SMAPS_ROLLUP, "Rss") == 1720
    assert field_kb(SMAPS_ROLLUP, "VmHWM") == 0


def test_pss_and_peak_rss_of_this_process_are_positive() -> None:
    assert pss_mb(os.getpid()) > 0
    assert peak_rss_mb(os.getpid()) > 0


def test_a_process_that_has_exited_weighs_nothing() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert pss_mb(gone.pid) == 0
    assert peak_rss_mb(gone.pid) == 0


def test_sampler_returns_its_peak_on_stop() -> None:
    sampler = PssSampler(os.getpid(), interval=0.01)
    peak = sampler.stop()
    assert peak > 0
    assert peak == sampler.peak_mb


def test_the_tree_counts_descendants(parent_of_a_file_holder: subprocess.Popen[str]) -> None:
    pid = parent_of_a_file_holder.pid
    assert peak_rss_mb(pid) > 0
    assert worker_files(pid) == 1  # the grandchild's file; the root's own files not counted


def test_a_process_without_children_has_no_worker_files() -> None:
    with subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE) as proc:
        assert worker_files(proc.pid) == 0
        assert proc.stdin is not None
        proc.stdin.close()
