"""Verdicts on the performance targets (the performance issue and PERFORMANCE.md) that one
size's results can check: each says met or MISSED, and the value as a multiple of the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from .load_driver import CLIENTS
from .ratios import ratios
from .results import AGGREGATE, JOIN, POLICYKG_VARIANTS, REST_QUERIES, SizeResult

MILLION = 900_000
"""From this many triples a size counts as the 10^6 the targets name."""
GB_1_5 = 1.5 * 1024
"""The issue's 1.5 GB in the report's MB (MiB)."""
POINT = "PERFORMANCE.md, point queries"
SCANS = "PERFORMANCE.md, scans"
THROUGHPUT = "req/s ÷ rdflib-endpoint's, {n} clients"
SPEEDUP = "rdflib-endpoint's p50 ÷ PolicyKG's, 1 client"
P50_N = "p50 ÷ in-memory `oxigraph serve`'s, {n} clients"
P50_1 = "p50 ÷ in-memory `oxigraph serve`'s, 1 client"
RATIO_TARGETS = (
    (JOIN, "throughput_vs_rdflib", THROUGHPUT, 20, "issue 7"),
    (JOIN, "throughput_vs_rdflib", THROUGHPUT, 2, POINT),
    (JOIN, "crowd_vs_oxigraph_memory", P50_N, 2.0, "issue 7"),
    (JOIN, "crowd_vs_oxigraph_memory", P50_N, 1.5, POINT),
    (JOIN, "single_vs_oxigraph_memory", P50_1, 1.5, POINT),
    (AGGREGATE, "throughput_vs_rdflib", THROUGHPUT, 20, "issue 7 and " + SCANS),
    (AGGREGATE, "single_speedup_vs_rdflib", SPEEDUP, 20, SCANS),
    (AGGREGATE, "crowd_vs_oxigraph_memory", P50_N, 1.2, SCANS),
    (AGGREGATE, "single_vs_oxigraph_memory", P50_1, 1.2, SCANS),
)
"""(query, ``Ratios`` field, what it is, target, source)."""
HIGHER_IS_BETTER = frozenset({"throughput_vs_rdflib", "single_speedup_vs_rdflib"})
"""Ratios that must reach their target; the others (latency ratios) must not exceed it."""


@dataclass(frozen=True)
class Verdict:
    """One target: what is measured, the bound, where the target comes from, the value.

    >>> Verdict("ready", "PERFORMANCE.md", 7.5, 5.0, at_most=True, unit=" s").line()
    'ready ≤ 5 s (PERFORMANCE.md): 7.50 s — MISSED, 1.50x the target'
    """

    measure: str
    source: str
    value: float
    target: float
    at_most: bool
    """True when the value must not exceed the target, False when it must reach it."""
    unit: str = "x"
    note: str = ""

    @property
    def met(self) -> bool:
        return self.value <= self.target if self.at_most else self.value >= self.target

    @property
    def factor(self) -> float:
        """The value as a multiple of the target."""
        return self.value / self.target

    def line(self) -> str:
        """The verdict as one line of the report."""
        bound = "≤" if self.at_most else "≥"
        digits = 0 if self.unit == " MB" else 3 if self.target < 1 else 2
        note = f" ({self.note})" if self.note else ""
        return (
            f"{self.measure} {bound} {self.target:g}{self.unit} ({self.source}): "
            f"{self.value:.{digits}f}{self.unit} — {'met' if self.met else 'MISSED'}, "
            f"{self.factor:.2f}x the target{note}"
        )


def _variant(result: SizeResult, variant: str) -> list[Verdict]:
    """The targets one PolicyKG variant is held to at this size."""
    out: list[Verdict] = []
    startup = result.startup(variant)
    assert startup is not None
    if result.size == "seed":
        out.append(
            Verdict("cold start (ready)", "PERFORMANCE.md", startup.ready_s, 1.5, True, " s")
        )
    for query, name, measure, target, source in RATIO_TARGETS:
        value = getattr(ratios(result, variant, query), name)
        if value is not None:
            label = f"{query}: {measure.format(n=CLIENTS)}"
            out.append(Verdict(label, source, value, target, at_most=name not in HIGHER_IS_BETTER))
    if result.triples >= MILLION:
        out += _million(result, variant)
    return out


def _million(result: SizeResult, variant: str) -> list[Verdict]:
    """Targets that name 10^6 triples: ready time, memory, REST lookups."""
    startup = result.startup(variant)
    assert startup is not None
    out = [
        Verdict("ready at 10^6", "PERFORMANCE.md", startup.ready_s, 5, True, " s"),
        Verdict("peak PSS serving 10^6", "issue: 1.5 GB", startup.peak_pss_mb, GB_1_5, True, " MB"),
        Verdict("peak PSS serving 10^6", "PERFORMANCE.md", startup.peak_pss_mb, 600, True, " MB"),
    ]
    for query in REST_QUERIES:
        for clients in (CLIENTS, 1):
            load = result.load(variant, query, clients)
            if load is not None:
                who = f"{clients} clients" if clients > 1 else "1 client"
                label = f"{query} at 10^6: p50, {who}"
                out.append(Verdict(label, "issue", load.p50_ms, 5, True, " ms"))
    return out


def _shared(result: SizeResult) -> list[Verdict]:
    """Targets on what the variants share: the in-process load and the safety machinery."""
    out: list[Verdict] = []
    x = result.in_process
    if x is not None:
        note = (
            f"guard {x.guard_repeat_ms:.3f} ms + isolation {x.isolation_ms:.3f} ms; "
            f"the guard on a new query text: {x.guard_first_ms:.3f} ms"
        )
        cost = x.guard_repeat_ms + x.isolation_ms
        label = "safety machinery per request (guard on a repeated query + isolation)"
        out.append(Verdict(label, "PERFORMANCE.md", cost, 0.2, True, " ms", note))
    startup = next((s for v in POLICYKG_VARIANTS if (s := result.startup(v))), None)
    if result.triples >= MILLION and startup is not None and startup.load_s is not None:
        out.append(Verdict("load of 10^6 in process", "issue", startup.load_s, 10, True, " s"))
    return out


def targets(result: SizeResult) -> list[tuple[str, list[Verdict]]]:
    """The verdicts at this size, grouped: each PolicyKG variant run, then what they share."""
    groups = [(v, _variant(result, v)) for v in POLICYKG_VARIANTS if result.startup(v)]
    return [*groups, ("both variants", _shared(result))]
