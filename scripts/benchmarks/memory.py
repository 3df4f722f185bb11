"""Memory of a server's process tree (the server and every descendant, e.g. query workers).

Two measures, because they answer different questions:

- the sum of VmHWM (each process's peak resident set) counts a page shared by several
  processes (forked memory, shared libraries, a mapped on-disk store) once per process,
  so it overstates what a multi-process server costs the machine;
- the sum of PSS (proportional set size) counts a shared page once, split between the
  processes that map it. It is sampled every ``INTERVAL`` seconds by a background thread
  from the server's start until it is stopped, and its peak is kept. Page cache that no
  process maps (files read with ``read``/``pread``) is in neither.
"""

from __future__ import annotations

import threading
from pathlib import Path

import psutil

INTERVAL = 0.5
"""Seconds between PSS samples."""


def _tree(pid: int) -> list[psutil.Process]:
    """The process and its living descendants (none if it has exited)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def field_kb(text: str, name: str) -> int:
    """The ``name:  <n> kB`` field of a /proc status or smaps_rollup text, in kB (0 if absent).

    >>> field_kb("Rss:  1720 kB\\nPss:   437 kB\\n", "Pss")
    437
    """
    for line in text.splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def _read_kb(pid: int, file: str, name: str) -> int:
    try:
        return field_kb(Path(f"/proc/{pid}/{file}").read_text(), name)
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0  # the process ended between listing and reading


def peak_rss_mb(pid: int) -> float:
    """Sum of the high-water RSS (VmHWM) of a process and its living descendants, in MB."""
    return sum(_read_kb(p.pid, "status", "VmHWM") for p in _tree(pid)) / 1024


def pss_mb(pid: int) -> float:
    """Sum of the PSS of a process and its living descendants now, in MB."""
    return sum(_read_kb(p.pid, "smaps_rollup", "Pss") for p in _tree(pid)) / 1024


def worker_files(pid: int) -> int:
    """Regular files held open by the descendants of ``pid``.

    PolicyKG's query workers hold none once they have loaded an in-memory copy, and the
    files of the store when they share an on-disk copy: this shows which they did.
    """
    count = 0
    for proc in _tree(pid)[1:]:
        try:
            count += len(proc.open_files())
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return count


class PssSampler:
    """Samples :func:`pss_mb` of a process tree in a background thread; keeps the peak.

    >>> import os
    >>> sampler = PssSampler(os.getpid())
    >>> sampler.stop() > 0
    True
    """

    def __init__(self, pid: int, interval: float = INTERVAL) -> None:
        self.pid = pid
        self.peak_mb = 0.0
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pss-sampler", daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        self.peak_mb = max(self.peak_mb, pss_mb(self.pid))

    def _run(self) -> None:
        self._sample()
        while not self._stopping.wait(self._interval):
            self._sample()

    def stop(self) -> float:
        """Take a last sample, stop sampling and return the peak in MB."""
        self._stopping.set()
        self._thread.join()
        self._sample()
        return self.peak_mb
