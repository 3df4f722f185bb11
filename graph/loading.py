"""Load the ontology and instance data into a store: parse, entail, version.

Loading is idempotent (the same files give the same triples) and all-or-nothing:
files are parsed into a fresh store, so a syntax error in any of them raises
:class:`~graph.errors.InvalidData` naming the file and line and leaves any store
already serving untouched.

On disk (``oxigraph:/path``) the folder holds generations of the store, one per data
version: ``/path/current`` is a symbolic link to the one to serve. A load with the same
data version as ``current`` reopens it (nothing is parsed: data survives restarts);
otherwise the files are loaded into a new generation folder, flushed, and ``current`` is
switched to it by renaming a new link over the old one, which is atomic. A crash or a bad
file mid-load leaves ``current`` as it was; the half-built folder is removed by the next
load. The generation before ``current`` is kept (a server may still be reading it), older
ones are removed. One loader at a time per folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from graph.inference import apply_rules
from graph.settings import Settings
from graph.store import OxigraphStore, Store, open_store, parse_spec

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

    ``entail=False`` keeps exactly the files' triples (for round-trip checks). A remote
    store without an update endpoint is not filled: it serves what its server holds.

    Raises
    ------
    InvalidData
        When a file does not parse; names the file, line and column.
    """
    paths = list(paths)
    version = data_version(paths) + ("" if entail else "-asserted")
    engine, argument = parse_spec(spec)
    if engine == "oxigraph":
        return load_on_disk(Path(argument), paths, version=version, entail=entail)
    store = open_store(spec)
    if store.writable:
        _fill(store, paths, entail=entail)
        store.data_version = version
    return store


def load_graph(settings: Settings) -> Store:
    """Load the ontology and the data folder named by ``settings``."""
    return load_files(data_files(settings), spec=settings.store)


def load_on_disk(folder: Path, paths: list[Path], *, version: str, entail: bool) -> OxigraphStore:
    """Serve ``paths`` from a generation of the on-disk store in ``folder`` (see the module)."""
    folder.mkdir(parents=True, exist_ok=True)
    current = _generation(folder / "current")
    keep = {current, _generation(folder / "previous")}
    for stale in folder.glob("v*.*"):
        if stale.is_dir() and stale not in keep:
            shutil.rmtree(stale, ignore_errors=True)
    if current is not None and current.name.startswith(f"v{version}."):
        store = OxigraphStore(current, read_only=True)
        store.data_version = version
        return store
    fresh = Path(tempfile.mkdtemp(dir=folder, prefix=f"v{version}."))
    writer = OxigraphStore(fresh)
    _fill(writer, paths, entail=entail)
    writer.flush()
    del writer  # releases the folder's write lock before it is served read-only
    if current is not None:
        _point(folder / "previous", current)
    _point(folder / "current", fresh)
    store = OxigraphStore(fresh, read_only=True)
    store.data_version = version
    return store


def _fill(store: Store, paths: list[Path], *, entail: bool) -> None:
    store.clear()
    for path in paths:
        store.add_turtle(path.read_bytes(), source=_display(path))
    if entail:
        apply_rules(store)


def _generation(link: Path) -> Path | None:
    """The generation folder ``link`` points at, if any."""
    if not link.is_symlink():
        return None
    target = link.parent / os.readlink(link)
    return target if target.is_dir() else None


def _point(link: Path, target: Path) -> None:
    """Make ``link`` point at ``target`` atomically: a new link renamed over the old one."""
    staged = link.with_name(f".{link.name}.{os.getpid()}")
    staged.unlink(missing_ok=True)
    staged.symlink_to(target.name)
    staged.replace(link)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
