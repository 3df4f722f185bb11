"""Validate a loaded graph: SHACL shapes (pyshacl) and the dependency rules.

>>> report = validate_graph(rdflib.Graph(), rdflib.Graph())
>>> report.conforms
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from graph.settings import Settings
from graph.store import Store

SHAPE_FILES = ("shapes.ttl", "shapes-recommended.ttl")


@dataclass(frozen=True)
class Issue:
    """One validation result: where, what and how bad."""

    severity: str
    focus: str
    path: str | None
    message: str
    value: str | None = None
    shape: str | None = None


@dataclass
class ValidationReport:
    """Every issue found; ``conforms`` is false when any is a violation."""

    issues: list[Issue] = field(default_factory=list)

    @property
    def violation_count(self) -> int:
        return sum(1 for i in self.issues if i.severity == "Violation")

    @property
    def warning_count(self) -> int:
        return sum(1 for i in self.issues if i.severity == "Warning")

    @property
    def conforms(self) -> bool:
        return self.violation_count == 0

    def __str__(self) -> str:
        lines = [f"{self.violation_count} violations, {self.warning_count} warnings"]
        lines += [f"{i.severity}: {i.focus} {i.path or ''}: {i.message}" for i in self.issues]
        return "\n".join(lines)


def load_shapes(ontology_dir: Path) -> rdflib.Graph:
    """Parse the shape files of ``ontology_dir`` into one graph."""
    shapes = rdflib.Graph()
    for name in SHAPE_FILES:
        shapes.parse(ontology_dir / name, format="turtle")
    return shapes


def store_to_rdflib(store: Store) -> rdflib.Graph:
    """Copy the store's default graph into an rdflib graph (for pyshacl and rdflib tooling)."""
    graph = rdflib.Graph()
    graph.parse(data=store.dump(ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph) -> ValidationReport:
    """Run pyshacl over ``data`` (which holds the ontology too) and collect its results."""
    _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    report = ValidationReport()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        report.issues.append(
            Issue(
                severity=severity,
                focus=str(results.value(result, SH.focusNode)),
                path=_short(path),
                message=str(results.value(result, SH.resultMessage) or ""),
                value=None if value is None else str(value),
                shape=None if isinstance(shape, rdflib.BNode) or shape is None else str(shape),
            )
        )
    report.issues.sort(key=lambda i: (i.severity != "Violation", i.focus, i.path or "", i.message))
    return report


CycleFinder = Callable[[Store], list[list[str]]]


def validate_store(
    store: Store, settings: Settings, *, cycle_finder: CycleFinder | None = None
) -> ValidationReport:
    """Validate ``store`` against the shapes in ``settings.ontology_dir`` and report cycles.

    A dependency cycle is a data error (measures cannot each wait for the other), so every
    cycle ``cycle_finder`` returns becomes a violation.
    """
    report = validate_graph(store_to_rdflib(store), load_shapes(settings.ontology_dir))
    for cycle in (cycle_finder or _no_cycles)(store):
        report.issues.insert(
            0,
            Issue(
                severity="Violation",
                focus=cycle[0],
                path="pkg:dependsOn",
                message="Dependency cycle: " + " -> ".join(cycle + cycle[:1]),
            ),
        )
    return report


def _no_cycles(store: Store) -> list[list[str]]:
    return []


def _short(path: rdflib.term.Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, rdflib.BNode):
        return "(complex path)"
    return str(path)
