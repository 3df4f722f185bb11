"""PolicyKG against the other engines on the same query: the ratios the targets are about.

Latency ratios divide medians (p50). A ratio is ``None`` when either side was not
measured (an engine failed, or a variant skipped the query).
"""

from __future__ import annotations

from dataclasses import dataclass

from .load_driver import CLIENTS
from .results import OXI_DISK, OXI_MEMORY, RDFLIB, Load, SizeResult


@dataclass(frozen=True)
class Ratios:
    """One PolicyKG variant's query against the in-memory and on-disk Oxigraph servers and
    rdflib-endpoint; below 1 is better for the first three, above 1 for the last two."""

    single_vs_oxigraph_memory: float | None
    """p50 ÷ in-memory ``oxigraph serve``'s, one client (PERFORMANCE.md's measure)."""
    crowd_vs_oxigraph_memory: float | None
    """p50 ÷ in-memory ``oxigraph serve``'s, ``CLIENTS`` clients."""
    crowd_vs_oxigraph_disk: float | None
    """p50 ÷ ``oxigraph serve-read-only``'s, ``CLIENTS`` clients."""
    single_speedup_vs_rdflib: float | None
    """rdflib-endpoint's p50 ÷ PolicyKG's, one client: how many times faster PolicyKG is."""
    throughput_vs_rdflib: float | None
    """req/s ÷ rdflib-endpoint's, ``CLIENTS`` clients."""


def _p50(load: Load | None) -> float | None:
    return load.p50_ms if load else None


def _divide(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def ratios(result: SizeResult, variant: str, query: str) -> Ratios:
    """The ratios of ``variant`` (a PolicyKG engine name) on ``query`` at this size."""
    mine_1, mine_n = result.load(variant, query, 1), result.load(variant, query, CLIENTS)
    rdflib_n = result.load(RDFLIB, query, CLIENTS)
    return Ratios(
        single_vs_oxigraph_memory=_divide(_p50(mine_1), _p50(result.load(OXI_MEMORY, query, 1))),
        crowd_vs_oxigraph_memory=_divide(
            _p50(mine_n), _p50(result.load(OXI_MEMORY, query, CLIENTS))
        ),
        crowd_vs_oxigraph_disk=_divide(_p50(mine_n), _p50(result.load(OXI_DISK, query, CLIENTS))),
        single_speedup_vs_rdflib=_divide(_p50(result.load(RDFLIB, query, 1)), _p50(mine_1)),
        throughput_vs_rdflib=_divide(
            mine_n.req_per_s if mine_n else None, rdflib_n.req_per_s if rdflib_n else None
        ),
    )
