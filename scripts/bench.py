"""Benchmark PolicyKG against rdflib-endpoint and Oxigraph server on the same data, over loopback.

Usage: ``python scripts/bench.py --sizes seed,100000 --duration 5`` (``1000000`` too: slow).

For each size (``seed`` is the bundled data; a number is a synthetic graph of about that many
triples from ``scripts/generate_synthetic.py``) it starts each server in a subprocess on
127.0.0.1, measures load time, time to the first 200 and peak RSS, then runs 8 concurrent
clients for ``--duration`` seconds per query and reports p50/p99 latency and throughput.
Every engine serves the same triples: the store PolicyKG loads (ontology, data, entailed
shortcuts), dumped once as N-Triples. In process it also times the export of the whole graph
(Turtle, GraphML), the NetworkX projection with centrality and communities, and what the
safety machinery costs a request (the guard; the worker round trip over running the same
query in process). Writes ``dist/bench.json`` and ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
import psutil
import pyoxigraph as ox

from graph.analysis.influence import centrality
from graph.analysis.structure import communities
from graph.analysis.views import body_projection
from graph.export import export
from graph.loading import data_files, load_files
from graph.projection import project
from graph.query_guard import vet_query
from graph.query_runner import QueryRunner
from graph.settings import REPO_ROOT, Settings
from graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_synthetic import write as write_synthetic

CLIENTS = 8
BIN = Path(sys.executable).parent
SPARQL_JSON = "application/sparql-results+json"
PREFIXES = (
    "PREFIX pkg: <https://w3id.org/policykg/ontology#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)
JOIN = PREFIXES + (
    "SELECT ?measure ?role ?quote WHERE {{ ?body skos:notation {code} . "
    "?measure pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?body ; "
    "pkg:role/skos:notation ?role ; pkg:quote ?quote }}"
)
AGGREGATE = PREFIXES + (
    "SELECT ?code (COUNT(DISTINCT ?measure) AS ?measures) WHERE { "
    "?measure pkg:hasResponsibility/pkg:responsibleBody ?body . ?body skos:notation ?code } "
    "GROUP BY ?code ORDER BY DESC(?measures) ?code"
)
RDFLIB_ENDPOINT = """
import sys, rdflib, uvicorn
from rdflib_endpoint import SparqlEndpoint
graph = rdflib.Graph()
graph.parse(sys.argv[1], format="nt")
uvicorn.run(SparqlEndpoint(graph=graph), host="127.0.0.1", port=int(sys.argv[2]), log_level="error")
"""


@dataclass
class Startup:
    engine: str
    load_s: float | None
    ready_s: float
    peak_rss_mb: float = 0.0
    first_query_s: float | None = None
    """Start to the first /sparql answer (PolicyKG's workers start after /health answers)."""


@dataclass
class Load:
    engine: str
    query: str
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float
    req_per_s: float
    rows: int | None = None


@dataclass
class InProcess:
    """Seconds for whole-graph work, and the safety machinery's cost per request in ms."""

    export_turtle_s: float
    export_graphml_s: float
    projection_s: float
    centrality_s: float
    communities_s: float
    guard_first_ms: float
    guard_repeat_ms: float
    worker_round_trip_ms: float


@dataclass
class SizeResult:
    size: str
    triples: int
    startups: list[Startup] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)
    in_process: InProcess | None = None

    def load(self, engine: str, query: str) -> Load | None:
        return next((x for x in self.loads if x.engine == engine and x.query == query), None)

    def startup(self, engine: str) -> Startup | None:
        return next((x for x in self.startups if x.engine == engine), None)


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


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _hammer(
    engine: str,
    name: str,
    requests: list[Callable[[httpx.Client], httpx.Response]],
    duration: float,
) -> Load:
    """Run CLIENTS threads, each cycling through ``requests``, for ``duration`` seconds."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    with httpx.Client(timeout=120) as warm:
        for request in requests[:3]:
            request(warm)
    stop_at = time.perf_counter() + duration

    def client(offset: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        with httpx.Client(timeout=120) as http:
            i = offset
            while time.perf_counter() < stop_at:
                start = time.perf_counter()
                response = requests[i % len(requests)](http)
                mine.append(time.perf_counter() - start)
                bad += response.status_code != 200
                i += 1
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Load(
        engine,
        name,
        len(latencies),
        errors,
        statistics.median(latencies) * 1000,
        p99 * 1000,
        len(latencies) / elapsed,
    )


def _sparql_get(url: str, query: str) -> Callable[[httpx.Client], httpx.Response]:
    return lambda http: http.get(url, params={"query": query}, headers={"Accept": SPARQL_JSON})


def _rows(url: str, query: str) -> int:
    response = httpx.get(url, params={"query": query}, headers={"Accept": SPARQL_JSON}, timeout=600)
    response.raise_for_status()
    return len(response.json()["results"]["bindings"])


def _sparql_loads(engine: str, url: str, joins: list[str], duration: float) -> list[Load]:
    join = _hammer(engine, "sparql join", [_sparql_get(url, q) for q in joins], duration)
    join.rows = _rows(url, joins[0])
    aggregate = _hammer(engine, "sparql aggregate", [_sparql_get(url, AGGREGATE)], duration)
    aggregate.rows = _rows(url, AGGREGATE)
    return [join, aggregate]


def _prepare(size: str, work: Path) -> tuple[Settings, Path, Store, float, list[str], list[str]]:
    """Data folder, N-Triples dump, loaded store, in-process load time, measure ids, body codes."""
    if size == "seed":
        settings = Settings()
    else:
        folder = work / f"data-{size}"
        write_synthetic(folder, int(size), seed=0)
        settings = Settings(data_dir=folder)
    started = time.perf_counter()
    store = load_files(data_files(settings))
    load_s = time.perf_counter() - started
    dump = work / f"{size}.nt"
    dump.write_bytes(store.dump(ox.RdfFormat.N_TRIPLES))
    measures = [
        r["m"].rsplit("/", 1)[1]
        for r in store.select(
            PREFIXES + "SELECT ?m WHERE { ?m a pkg:Measure } ORDER BY ?m LIMIT 32"
        )
    ]
    codes = [
        r["code"]
        for r in store.select(
            PREFIXES + "SELECT DISTINCT ?code WHERE { ?r pkg:responsibleBody ?b . "
            "?b skos:notation ?code } ORDER BY ?code LIMIT 32"
        )
    ]
    return settings, dump, store, load_s, measures, codes


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _median_ms(action: Callable[[], object], repeat: int = 200) -> float:
    return statistics.median(_timed(action) for _ in range(repeat)) * 1000


def _in_process(store: Store, join: str) -> InProcess:
    """Whole-graph export and analysis times; the guard's and the workers' cost per request."""
    turtle = _timed(lambda: export(store, "turtle"))
    projection = _timed(lambda: project(store))  # the first projection of this store
    graphml = _timed(lambda: export(store, "graphml"))  # written from that projection
    view = body_projection(project(store))
    ranked = _timed(lambda: centrality(view))
    grouped = _timed(lambda: communities(view))
    fresh = iter(range(10**9))
    first = _median_ms(lambda: vet_query(f"{join}\n# {next(fresh)}"))
    repeat = _median_ms(lambda: vet_query(join))
    runner = QueryRunner(store, timeout=60, max_rows=100_000, workers=1)
    try:
        media = SPARQL_JSON
        runner.serialize(join, media_type=media)
        isolated = _median_ms(lambda: runner.serialize(join, media_type=media))
        direct = _median_ms(lambda: store.query(join).serialize(format=ox.QueryResultsFormat.JSON))
    finally:
        runner.close()
    return InProcess(turtle, graphml, projection, ranked, grouped, first, repeat, isolated - direct)


def _policykg(
    settings: Settings,
    load_s: float,
    measures: list[str],
    codes: list[str],
    joins: list[str],
    duration: float,
) -> tuple[Startup, list[Load]]:
    port = _free_port()
    env = os.environ | {
        "POLICYKG_DATA_DIR": str(settings.data_dir),
        "POLICYKG_MAX_ROWS": "100000",
    }
    started = time.perf_counter()
    cmd = [str(BIN / "policykg"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ok(base + "/health", proc)
        startup = Startup("PolicyKG", load_s, time.perf_counter() - started)
        _wait_ok(base + "/sparql?query=ASK%7B%7D", proc)
        startup.first_query_s = time.perf_counter() - started
        loads = [
            _hammer(
                "PolicyKG",
                "GET /measures/{id}/bodies",
                [lambda h, m=m: h.get(f"{base}/measures/{m}/bodies") for m in measures],
                duration,
            ),
            _hammer(
                "PolicyKG",
                "GET /bodies/{id}/measures",
                [lambda h, c=c: h.get(f"{base}/bodies/{c}/measures") for c in codes],
                duration,
            ),
            *_sparql_loads("PolicyKG", base + "/sparql", joins, duration),
        ]
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def _oxigraph_disk(
    dump: Path, work: Path, joins: list[str], duration: float
) -> tuple[Startup, list[Load]]:
    location = Path(tempfile.mkdtemp(dir=work, prefix="oxigraph-"))
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    load_s = time.perf_counter() - started
    port = _free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_ok(url + "?query=ASK%7B%7D", proc)
        startup = Startup("oxigraph serve-read-only (disk)", load_s, time.perf_counter() - started)
        loads = _sparql_loads(startup.engine, url, joins, duration)
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def _oxigraph_memory(dump: Path, joins: list[str], duration: float) -> tuple[Startup, list[Load]]:
    port = _free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "oxigraph"), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ok(base + "/query?query=ASK%7B%7D", proc)
        loading = time.perf_counter()
        response = httpx.post(
            base + "/store?default",
            content=dump.read_bytes(),
            headers={"Content-Type": "application/n-triples"},
            timeout=600,
        )
        response.raise_for_status()
        now = time.perf_counter()
        startup = Startup("oxigraph serve (memory)", now - loading, now - started)
        loads = _sparql_loads(startup.engine, base + "/query", joins, duration)
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def _rdflib_endpoint(dump: Path, joins: list[str], duration: float) -> tuple[Startup, list[Load]]:
    port = _free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", RDFLIB_ENDPOINT, str(dump), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_ok(url + "?query=ASK%7B%7D", proc)
        startup = Startup("rdflib-endpoint", None, time.perf_counter() - started)
        loads = _sparql_loads(startup.engine, url, joins, duration)
        startup.peak_rss_mb = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    return startup, loads


def run_size(size: str, work: Path, duration: float) -> SizeResult:
    """Prepare one size and measure every engine on it."""
    settings, dump, store, load_s, measures, codes = _prepare(size, work)
    joins = [JOIN.format(code=json.dumps(code)) for code in codes]
    result = SizeResult(size, store.triple_count())
    result.in_process = _in_process(store, joins[0])
    del store
    for startup, loads in (
        _policykg(settings, load_s, measures, codes, joins, duration),
        _oxigraph_memory(dump, joins, duration),
        _oxigraph_disk(dump, work, joins, duration),
        _rdflib_endpoint(dump, joins, duration),
    ):
        result.startups.append(startup)
        result.loads.extend(loads)
        print(f"  {startup.engine}: ready in {startup.ready_s:.2f} s", file=sys.stderr)
    return result


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a and b else "-"


def _targets(result: SizeResult) -> list[str]:
    """Verdicts on the targets of issue 7 and PERFORMANCE.md that this size can check."""
    lines = []
    pkg_start = result.startup("PolicyKG")
    if result.size == "seed" and pkg_start:
        met = "met" if pkg_start.ready_s < 1.5 else "MISSED"
        lines.append(f"cold start at seed size < 1.5 s: {pkg_start.ready_s:.2f} s ({met})")
    for query, factor, oxi_factor, source in (
        ("sparql join", 20, 2.0, "issue 7"),
        ("sparql join", 2, 1.5, "PERFORMANCE.md, point queries"),
        ("sparql aggregate", 20, 1.2, "issue 7 and PERFORMANCE.md, scans"),
    ):
        pkg = result.load("PolicyKG", query)
        rdf = result.load("rdflib-endpoint", query)
        oxi = result.load("oxigraph serve (memory)", query)
        if not (pkg and rdf and oxi):
            continue
        speedup = pkg.req_per_s / rdf.req_per_s
        slowdown = pkg.p50_ms / oxi.p50_ms
        lines.append(
            f"{query} ({source}): {speedup:.1f}x rdflib-endpoint's throughput (target ≥ "
            f"{factor}x: {'met' if speedup >= factor else 'MISSED'}); p50 {slowdown:.2f}x "
            f"in-memory `oxigraph serve` (target ≤ {oxi_factor}x: "
            f"{'met' if slowdown <= oxi_factor else 'MISSED'})"
        )
    if result.in_process is not None:
        cost = result.in_process.guard_repeat_ms + result.in_process.worker_round_trip_ms
        lines.append(
            f"safety machinery per request (guard + worker round trip) < 0.2 ms: "
            f"{cost:.3f} ms ({'met' if cost < 0.2 else 'MISSED'}; a new query's guard: "
            f"{result.in_process.guard_first_ms:.3f} ms)"
        )
    if int(result.triples) >= 900_000 and pkg_start:
        for query in ("GET /measures/{id}/bodies", "GET /bodies/{id}/measures"):
            rest = result.load("PolicyKG", query)
            if rest:
                met = "met" if rest.p50_ms < 5 else "MISSED"
                lines.append(f"{query} p50 < 5 ms at 10^6: {rest.p50_ms:.2f} ms ({met})")
        lines.append(
            f"10^6 load < 10 s: {pkg_start.load_s:.1f} s; serve < 1.5 GB RSS: "
            f"{pkg_start.peak_rss_mb:.0f} MB"
        )
    return lines


def markdown(results: list[SizeResult], duration: float) -> str:
    """The report: per size, startup, latency/throughput, ratios and target verdicts."""
    out = [
        "# Benchmarks",
        "",
        f"Generated by `python scripts/bench.py` on {time.strftime('%Y-%m-%d')}: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Loopback HTTP, {CLIENTS} concurrent client "
        f"threads in the benchmark process (which shares the cores with the server), "
        f"{duration:g} s per query. Latencies are client-side, in ms. JSON: `dist/bench.json`.",
        "",
        "*Ready* is the first 200 from `/health`; PolicyKG starts its query workers in the "
        "background after that, and *first query* is its first `/sparql` answer. The *in "
        "process* table times whole-graph work through the library (`graph.export` Turtle; the "
        "first `graph.projection.project`; GraphML written from it; centrality and communities "
        "of the body projection) and what the safety machinery costs a request: the guard on a "
        "new and on a repeated query text, and the worker round trip (the join through "
        "`QueryRunner` minus the same join run in process).",
        "",
    ]
    for result in results:
        out += [
            f"## {result.size} ({result.triples:,} triples served)",
            "",
            "| engine | load (s) | ready (s) | first query (s) | peak RSS (MB) |",
            "|---|---|---|---|---|",
        ]
        for s in result.startups:
            load = f"{s.load_s:.2f}" if s.load_s is not None else "-"
            first = f"{s.first_query_s:.2f}" if s.first_query_s is not None else "-"
            out.append(f"| {s.engine} | {load} | {s.ready_s:.2f} | {first} | {s.peak_rss_mb:.0f} |")
        out += [
            "",
            "| engine | query | p50 | p99 | req/s | requests | errors | rows |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for x in result.loads:
            rows = "" if x.rows is None else str(x.rows)
            out.append(
                f"| {x.engine} | {x.query} | {x.p50_ms:.2f} | {x.p99_ms:.2f} | "
                f"{x.req_per_s:.0f} | {x.requests} | {x.errors} | {rows} |"
            )
        out += [
            "",
            "| query | PolicyKG req/s ÷ rdflib-endpoint | PolicyKG p50 ÷ oxigraph (memory) "
            "| PolicyKG p50 ÷ oxigraph (disk) |",
            "|---|---|---|---|",
        ]
        for query in ("sparql join", "sparql aggregate"):
            pkg = result.load("PolicyKG", query)
            rdf = result.load("rdflib-endpoint", query)
            mem = result.load("oxigraph serve (memory)", query)
            disk = result.load("oxigraph serve-read-only (disk)", query)
            out.append(
                f"| {query} | {_ratio(pkg and pkg.req_per_s, rdf and rdf.req_per_s)} | "
                f"{_ratio(pkg and pkg.p50_ms, mem and mem.p50_ms)} | "
                f"{_ratio(pkg and pkg.p50_ms, disk and disk.p50_ms)} |"
            )
        if result.in_process is not None:
            x = result.in_process
            out += [
                "",
                "| in process | export Turtle (s) | projection (s) | export GraphML (s) "
                "| centrality (s) | communities (s) | guard, new query (ms) "
                "| guard, repeated (ms) | worker round trip (ms) |",
                "|---|---|---|---|---|---|---|---|---|",
                f"| PolicyKG | {x.export_turtle_s:.2f} | {x.projection_s:.2f} | "
                f"{x.export_graphml_s:.2f} | {x.centrality_s:.2f} | {x.communities_s:.2f} | "
                f"{x.guard_first_ms:.3f} | {x.guard_repeat_ms:.3f} | "
                f"{x.worker_round_trip_ms:.3f} |",
            ]
        out += ["", "Targets:", ""] + [f"- {line}" for line in _targets(result)] + [""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="seed,100000",
        help="Comma-separated: 'seed' and/or triple counts (1000000 is slow).",
    )
    parser.add_argument("--duration", type=float, default=5.0, help="Seconds per query.")
    parser.add_argument("--json", type=Path, default=REPO_ROOT / "dist" / "bench.json")
    parser.add_argument("--markdown", type=Path, default=REPO_ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    work = REPO_ROOT / "dist" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes.split(","):
        print(f"size {size}", file=sys.stderr)
        results.append(run_size(size.strip(), work, args.duration))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    report = markdown(results, args.duration)
    args.markdown.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
