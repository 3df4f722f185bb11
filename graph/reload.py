"""Prepare a replacement graph: load and validate it fully before anything serves it.

A reload is all-or-nothing. :func:`prepare_graph` parses every file into a new store
and checks it against the shapes and the dependency rules; only a graph that passes
is returned, so the caller can swap it in atomically and a bad file never reaches
users. The store already serving is never touched.
"""

from __future__ import annotations

from graph.analysis.dependencies import find_dependency_cycles
from graph.errors import ShapeViolations
from graph.loading import load_graph
from graph.settings import Settings
from graph.store import Store
from graph.validation import validate_store


def prepare_graph(settings: Settings) -> Store:
    """Load ``settings``' data into a new store and validate it.

    Raises
    ------
    InvalidData
        When a file does not parse (names the file and line).
    ShapeViolations
        When the data breaks a shape or has a dependency cycle (names each focus node).
    """
    store = load_graph(settings)
    report = validate_store(store, settings, cycle_finder=find_dependency_cycles)
    if not report.conforms:
        raise ShapeViolations(report)
    return store
