"""Load the ontology and instance data into a store: parse, entail, version.

Loading is idempotent (the same files give the same triples) and all-or-nothing:
files are parsed into a fresh store, so a syntax error in any of them raises
:class:`~graph.errors.InvalidData` naming the file and line and leaves any store
already serving untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from graph.inference import apply_rules
from graph.settings import Settings
from graph.store import Store, open_store

ONTOLOGY_FILES = ("policy.ttl",)
"""Ontology files loaded with the data (shapes are for validation only)."""


def data_files(settings: Settings) -> list[Path]:
    """The Turtle files a load reads: the ontology, then every ``*.ttl`` of the data folder."""
    ontology = [settings.ontology_dir / name for name in ONTOLOGY_FILES]
    return ontology + sorted(settings.data_dir.glob("*.ttl"))


def data_version(paths: Iterable[Path]) -> str:
    """A short content hash of the files: equal files, equal version.

    >>> data_version([]) == data_version([])
    True
    """
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def load_files(paths: Iterable[Path], *, spec: str = "memory", entail: bool = True) -> Store:
    """Parse ``paths`` into a new store, apply the entailment rules and set its data version.

    ``entail=False`` keeps exactly the files' triples (for round-trip checks).

    Raises
    ------
    InvalidData
        When a file does not parse; names the file, line and column.
    """
    paths = list(paths)
    store = open_store(spec)
    store.clear()
    for path in paths:
        store.add_turtle(path.read_bytes(), source=_display(path))
    if entail:
        apply_rules(store)
    store.data_version = data_version(paths)
    return store


def load_graph(settings: Settings) -> Store:
    """Load the ontology and the data folder named by ``settings``."""
    return load_files(data_files(settings), spec=settings.store)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
