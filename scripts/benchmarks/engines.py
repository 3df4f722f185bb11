"""The servers compared, each started in a subprocess on 127.0.0.1, measured, then stopped.

Every engine takes the same ``Workload`` and the seconds per run, and returns its startup
figures and its loads; ``ENGINES`` names them in the order a size runs them. PolicyKG
runs twice, once per way its query workers hold the data (``POLICYKG_WORKER_SNAPSHOT``).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from graph.settings import DEFAULT_SNAPSHOT_AUTO_TRIPLES

from .load_driver import rest_loads, sparql_loads
from .memory import worker_files
from .results import OXI_DISK, OXI_MEMORY, PKG_DISK, PKG_MEMORY, RDFLIB, Load, Startup
from .servers import Server, free_port
from .workload import Workload

BIN = Path(sys.executable).parent
RDFLIB_ENDPOINT = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
graph = rdflib.Graph()
graph.parse(sys.argv[1], format="nt")
uvicorn.run(SparqlEndpoint(graph=graph), host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
"""
ASK = "?query=ASK%7B%7D"

POLICYKG_ENV = {
    "POLICYKG_MAX_ROWS": "100000",
    "POLICYKG_QUERY_TIMEOUT": "120",
    "POLICYKG_MAX_QUERIES_PER_CLIENT": "0",
}
"""So that PolicyKG neither cuts nor refuses an answer the other engines give: every
aggregate row; the slow on-disk scans of 8 clients queued on the workers; and 8 clients
that all come from 127.0.0.1, which a per-client limit would take for one client."""

Engine = Callable[[Workload, float], tuple[Startup, list[Load]]]


def auto_snapshot(triples: int, threshold: int = DEFAULT_SNAPSHOT_AUTO_TRIPLES) -> str:
    """What ``POLICYKG_WORKER_SNAPSHOT=auto`` picks for ``triples``: disk from ``threshold`` up.

    >>> auto_snapshot(3_260), auto_snapshot(1_354_349)
    ('memory', 'disk')
    """
    return "disk" if triples >= threshold else "memory"


def policykg(
    workload: Workload, duration: float, *, snapshot: str, rest: bool
) -> tuple[Startup, list[Load]]:
    """``policykg serve`` on the workload's data folder, its workers holding the data as
    ``snapshot`` says ('memory' or 'disk'); the REST routes too when ``rest``."""
    name = {"memory": PKG_MEMORY, "disk": PKG_DISK}[snapshot]
    port = free_port()
    env = os.environ | POLICYKG_ENV
    env |= {
        "POLICYKG_DATA_DIR": str(workload.settings.data_dir),
        "POLICYKG_WORKER_SNAPSHOT": snapshot,
    }
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    cmd = [str(BIN / "policykg"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with Server(cmd, env=env) as server:
        server.wait_ok(base + "/health")
        startup = Startup(name, workload.load_s, time.perf_counter() - started)
        server.wait_ok(base + "/sparql" + ASK)
        startup.first_query_s = time.perf_counter() - started
        loads = rest_loads(name, base, workload, duration) if rest else []
        loads += sparql_loads(name, base + "/sparql", workload.joins, duration)
        startup.worker_files = worker_files(server.pid)
    startup.peak_rss_mb, startup.peak_pss_mb = server.peak_rss_mb, server.peak_pss_mb
    return startup, loads


def oxigraph_memory(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """In-memory ``oxigraph serve``, loaded over HTTP with the N-Triples dump."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    with Server([str(BIN / "oxigraph"), "serve", "--bind", f"127.0.0.1:{port}"]) as server:
        server.wait_ok(base + "/query" + ASK)
        loading = time.perf_counter()
        response = httpx.post(
            base + "/store?default",
            content=workload.dump.read_bytes(),
            headers={"Content-Type": "application/n-triples"},
            timeout=600,
        )
        response.raise_for_status()
        now = time.perf_counter()
        startup = Startup(OXI_MEMORY, now - loading, now - started)
        loads = sparql_loads(OXI_MEMORY, base + "/query", workload.joins, duration)
    startup.peak_rss_mb, startup.peak_pss_mb = server.peak_rss_mb, server.peak_pss_mb
    return startup, loads


def oxigraph_disk(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """``oxigraph serve-read-only`` on a store built by ``oxigraph load`` from the dump; the
    store is removed afterwards."""
    with tempfile.TemporaryDirectory(dir=workload.work, prefix="oxigraph-") as location:
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "oxigraph"), "load", "--location", location, "--file", str(workload.dump)],
            check=True,
            capture_output=True,
        )
        load_s = time.perf_counter() - started
        port = free_port()
        cmd = [
            *(str(BIN / "oxigraph"), "serve-read-only", "--location", location),
            *("--bind", f"127.0.0.1:{port}"),
        ]
        url = f"http://127.0.0.1:{port}/query"
        return _sparql_server(OXI_DISK, cmd, url, load_s, workload, duration)


def rdflib_endpoint(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """rdflib-endpoint serving an rdflib ``Graph`` parsed from the dump (load is in ready)."""
    port = free_port()
    cmd = [sys.executable, "-c", RDFLIB_ENDPOINT, str(workload.dump), str(port)]
    return _sparql_server(RDFLIB, cmd, f"http://127.0.0.1:{port}/", None, workload, duration)


def _sparql_server(
    engine: str,
    cmd: list[str],
    url: str,
    load_s: float | None,
    workload: Workload,
    duration: float,
) -> tuple[Startup, list[Load]]:
    """Start a SPARQL server that loads its data itself, wait for ``url``, load it, stop it."""
    started = time.perf_counter()
    with Server(cmd) as server:
        server.wait_ok(url + ASK)
        startup = Startup(engine, load_s, time.perf_counter() - started)
        loads = sparql_loads(engine, url, workload.joins, duration)
    startup.peak_rss_mb, startup.peak_pss_mb = server.peak_rss_mb, server.peak_pss_mb
    return startup, loads


ENGINES: tuple[tuple[str, Engine], ...] = (
    (PKG_MEMORY, functools.partial(policykg, snapshot="memory", rest=True)),
    # The REST routes are answered in the server process, not by the workers: measured once.
    (PKG_DISK, functools.partial(policykg, snapshot="disk", rest=False)),
    (OXI_MEMORY, oxigraph_memory),
    (OXI_DISK, oxigraph_disk),
    (RDFLIB, rdflib_endpoint),
)
