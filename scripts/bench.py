"""Benchmark PolicyKG against rdflib-endpoint and Oxigraph server on the same data, over loopback.

Usage: ``python scripts/bench.py --sizes seed,100000 --duration 5`` (``1000000`` too: slow).

For each size (``seed`` is the bundled data; a number is a synthetic graph of about that many
triples from ``scripts/generate_synthetic.py``) it starts each server in a subprocess on
127.0.0.1: PolicyKG twice (query workers holding the data in memory, then on disk),
``oxigraph serve`` in memory, ``oxigraph serve-read-only`` on disk, and rdflib-endpoint. It
measures load time, time to the first 200 and memory (peak RSS and sampled peak PSS of the
process tree), then for every query one client alone and then 8 concurrent clients, each
client its own process, for ``--duration`` seconds each, and reports p50/p99 latency,
throughput and the ratios the targets name. Every engine serves the same triples: the store
PolicyKG loads (ontology, data, entailed shortcuts), dumped once as N-Triples. In process it
also times the export of the whole graph (Turtle, GraphML), the NetworkX projection with
centrality and communities, and what the safety machinery costs a request (the guard; a
query through the worker against the same query run and serialised in process). Writes
``dist/bench.json`` and ``docs/benchmarks.md`` unless ``--json`` and ``--markdown`` say
otherwise.

The parts live in ``scripts/benchmarks/``; this file runs them in order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmarks.engines import ENGINES, auto_snapshot
from benchmarks.in_process import in_process
from benchmarks.report import markdown, to_json
from benchmarks.results import SizeResult
from benchmarks.workload import prepare

from graph.settings import REPO_ROOT


def run_size(size: str, work: Path, duration: float) -> SizeResult:
    """Prepare one size and measure every engine on it.

    An engine that fails (a server that exits, a client that cannot connect) is named in
    the result's failures, and the others are still measured.
    """
    workload, store = prepare(size, work)
    triples = store.triple_count()
    result = SizeResult(size, triples, auto_snapshot(triples))
    result.in_process = in_process(store, workload.joins[0])
    del store
    for name, engine in ENGINES:
        try:
            startup, loads = engine(workload, duration)
        except Exception as exc:  # a broken engine must not hide the others' figures
            result.failures.append(f"{name}: {type(exc).__name__}: {exc}")
            print(f"  {name}: FAILED: {exc!r}", file=sys.stderr)
            continue
        result.startups.append(startup)
        result.loads.extend(loads)
        print(f"  {startup.engine}: ready in {startup.ready_s:.2f} s", file=sys.stderr)
    return result


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
    args.json.write_text(to_json(results))
    report = markdown(results, args.duration)
    args.markdown.write_text(report)
    print(report)


if __name__ == "__main__":
    main()
