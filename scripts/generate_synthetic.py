"""Generate a synthetic policy graph of a given size, shaped like the real data and valid.

Usage: ``python scripts/generate_synthetic.py --triples 100000 --seed 7 --out dist/synthetic``.

The output folder is a data folder (``POLICYKG_DATA_DIR``): ``reference.ttl`` (bodies with unique
codes, cohorts, legislation, documents) and one Turtle file per synthetic policy document (its
principles and measures). The ontology is not copied: PolicyKG loads it from ``ontology/``.
What a measure looks like is described in ``scripts/synthetic/generator.py``; this file writes
the graph it builds as Turtle.
The same ``--seed`` and size give byte-identical files. The size counted is the triples in the
files; loading adds the ontology and the entailed shortcut triples on top.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic.generator import generate

from graph.vocab import ID_BASE, PREFIXES

TURTLE_PREFIXES = PREFIXES | {
    "resp": ID_BASE + "responsibility/",
    "depn": ID_BASE + "dependency/",
    "inf": ID_BASE + "inference/",
}


def write(out: Path, triples: int, *, seed: int = 0) -> int:
    """Write a data folder of about ``triples`` triples into ``out``; return the exact count."""
    ref = generate(triples, seed=seed)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.ttl"):
        stale.unlink()
    files = {"reference": ref.triples} | {doc.slug: doc.triples for doc in ref.documents}
    for name, triples_ in files.items():
        ox.serialize(
            _by_subject(triples_),
            out / f"{name}.ttl",
            ox.RdfFormat.TURTLE,
            prefixes=TURTLE_PREFIXES,
        )
    return sum(len(t) for t in files.values())


def _by_subject(triples: list[ox.Triple]) -> list[ox.Triple]:
    """One block per resource, in order of first mention (its ``a`` triple comes first)."""
    blocks: dict[ox.NamedNode, list[ox.Triple]] = {}
    for triple in triples:
        blocks.setdefault(triple.subject, []).append(triple)
    return [triple for block in blocks.values() for triple in block]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--triples", type=int, required=True, help="Triples to generate (files only)."
    )
    parser.add_argument("--seed", type=int, default=0, help="Random seed; same seed, same files.")
    parser.add_argument(
        "--out", type=Path, required=True, help="Folder to write (usable as POLICYKG_DATA_DIR)."
    )
    args = parser.parse_args(argv)
    count = write(args.out, args.triples, seed=args.seed)
    print(f"{count} triples written to {args.out}")


if __name__ == "__main__":
    main()
