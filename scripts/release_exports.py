"""Write every export format of the whole graph into ``dist/`` with a ``manifest.json``.

Usage: ``python scripts/release_exports.py [--out dist]``. RDF files hold the whole
store (ontology included), so their triple count is the store's; graph and table
files hold the projected graph. The manifest lists, per format, the file, its media
type, its counts and its sha256, plus the store's triple count and data version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from graph.export import FORMATS, Kind, Scope, export
from graph.loading import load_graph
from graph.settings import REPO_ROOT, get_settings
from graph.store import Store


def release(store: Store, out: Path) -> dict[str, object]:
    """Write every format of ``store`` into ``out`` and return the manifest written beside them."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for name, fmt in FORMATS.items():
        scope = Scope(ontology=True) if fmt.kind is Kind.RDF else Scope()
        result = export(store, name, scope)
        filename = f"policykg.{fmt.extension}"
        (out / filename).write_bytes(result.content)
        files.append(
            {
                "format": name,
                "file": filename,
                "media_type": fmt.media_type,
                "triples": result.triples,
                "nodes": result.nodes,
                "edges": result.edges,
                "bytes": len(result.content),
                "sha256": hashlib.sha256(result.content).hexdigest(),
            }
        )
    manifest = {
        "data_version": store.data_version,
        "store_triples": store.triple_count(),
        "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "dist", help="output folder")
    args = parser.parse_args(argv)
    manifest = release(load_graph(get_settings()), args.out)
    for entry in manifest["files"]:
        counts = (
            entry["triples"] if entry["triples"] is not None else (entry["nodes"], entry["edges"])
        )
        print(f"{entry['file']:<28} {entry['format']:<10} {counts}")
    print(f"manifest: {args.out / 'manifest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
