"""The servers compared, each started in a subprocess on 127.0.0.1, measured, then stopped.

Every engine takes the same ``Workload`` and returns its startup figures and its loads; the
``ENGINES`` tuple is the order in which a size runs them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import psutil

from .load_driver import hammer, sparql_loads
from .results import Load, Startup
from .workload import Workload

BIN = Path(sys.executable).parent
RDFLIB_ENDPOINT = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
graph = rdflib.Graph()
graph.parse(sys.argv[1], format="nt")
uvicorn.run(SparqlEndpoint(graph=graph), host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
"""

Engine = Callable[[Workload, float], tuple[Startup, list[Load]]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_ok(url: str, proc: subprocess.Popen[bytes], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before {url} answered")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.02)
    raise TimeoutError(url)


def _peak_rss_mb(pid: int) -> float:
    """Sum of the high-water RSS (VmHWM) of a process and its children, in MB."""
    total = 0
    root = psutil.Process(pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def _spawn(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _measure_sparql(
    engine: str,
    proc: subprocess.Popen[bytes],
    url: str,
    load_s: float | None,
    started: float,
    workload: Workload,
    duration: float,
) -> tuple[Startup, list[Load]]:
    """Wait for a started SPARQL server at ``url``, put it under load, then stop it."""
    try:
        _wait_ok(url + "?query=ASK%7B%7D", proc)
        startup = Startup(engine, load_s, time.perf_counter() - started)
        loads = sparql_loads(engine, url, workload.joins, duration)
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def policykg(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """``policykg serve`` on the workload's data folder: REST routes and /sparql."""
    port = _free_port()
    env = os.environ | {
        "POLICYKG_DATA_DIR": str(workload.settings.data_dir),
        "POLICYKG_MAX_ROWS": "100000",
    }
    started = time.perf_counter()
    cmd = [str(BIN / "policykg"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = _spawn(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ok(base + "/health", proc)
        startup = Startup("PolicyKG", workload.load_s, time.perf_counter() - started)
        _wait_ok(base + "/sparql?query=ASK%7B%7D", proc)
        startup.first_query_s = time.perf_counter() - started
        loads = [
            hammer(
                "PolicyKG",
                "GET /measures/{id}/bodies",
                [lambda h, m=m: h.get(f"{base}/measures/{m}/bodies") for m in workload.measures],
                duration,
            ),
            hammer(
                "PolicyKG",
                "GET /bodies/{id}/measures",
                [lambda h, c=c: h.get(f"{base}/bodies/{c}/measures") for c in workload.codes],
                duration,
            ),
            *sparql_loads("PolicyKG", base + "/sparql", workload.joins, duration),
        ]
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def oxigraph_memory(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """In-memory ``oxigraph serve``, loaded over HTTP with the N-Triples dump."""
    port = _free_port()
    started = time.perf_counter()
    proc = _spawn([str(BIN / "oxigraph"), "serve", "--bind", f"127.0.0.1:{port}"])
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ok(base + "/query?query=ASK%7B%7D", proc)
        loading = time.perf_counter()
        response = httpx.post(
            base + "/store?default",
            content=workload.dump.read_bytes(),
            headers={"Content-Type": "application/n-triples"},
            timeout=600,
        )
        response.raise_for_status()
        now = time.perf_counter()
        startup = Startup("oxigraph serve (memory)", now - loading, now - started)
        loads = sparql_loads(startup.engine, base + "/query", workload.joins, duration)
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def oxigraph_disk(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """``oxigraph serve-read-only`` on a store built by ``oxigraph load`` from the dump."""
    location = Path(tempfile.mkdtemp(dir=workload.work, prefix="oxigraph-"))
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(workload.dump)],
        check=True,
        capture_output=True,
    )
    load_s = time.perf_counter() - started
    port = _free_port()
    started = time.perf_counter()
    proc = _spawn(
        [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ]
    )
    url = f"http://127.0.0.1:{port}/query"
    engine = "oxigraph serve-read-only (disk)"
    return _measure_sparql(engine, proc, url, load_s, started, workload, duration)


def rdflib_endpoint(workload: Workload, duration: float) -> tuple[Startup, list[Load]]:
    """rdflib-endpoint serving an rdflib ``Graph`` parsed from the dump (load is in ready)."""
    port = _free_port()
    started = time.perf_counter()
    proc = _spawn([sys.executable, "-c", RDFLIB_ENDPOINT, str(workload.dump), str(port)])
    url = f"http://127.0.0.1:{port}/"
    return _measure_sparql("rdflib-endpoint", proc, url, None, started, workload, duration)


ENGINES: tuple[Engine, ...] = (policykg, oxigraph_memory, oxigraph_disk, rdflib_endpoint)
