"""The data and queries every engine is measured on, prepared once per size."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from generate_synthetic import write as write_synthetic

from graph.loading import data_files, load_files
from graph.settings import Settings
from graph.store import Store

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


@dataclass
class Workload:
    """One size's data, as every engine gets it, and the ids its requests cycle through."""

    settings: Settings
    dump: Path
    """The store PolicyKG loads (ontology, data, entailed shortcuts) as N-Triples."""
    load_s: float
    """PolicyKG's in-process load time."""
    measures: list[str]
    codes: list[str]
    joins: list[str]
    """The join query, once per body code."""
    work: Path
    """Scratch folder for this run's files."""


def prepare(size: str, work: Path) -> tuple[Workload, Store]:
    """Load ``size`` (``seed`` or a triple count) as PolicyKG does and dump it for the others."""
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
    joins = [JOIN.format(code=json.dumps(code)) for code in codes]
    return Workload(settings, dump, load_s, measures, codes, joins, work), store
