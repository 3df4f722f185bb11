"""Table writers: CSV node and edge lists, and ``neo4j-admin import`` CSVs, each zipped.

Both take the projected graph (see :mod:`graph.export.networks`, whose
:func:`~graph.export.networks.prepared` gives them the stable order and edge ids) and
return a zip archive with a README naming every column. Archives hold fixed
timestamps, so equal graphs give equal bytes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from graph.export.networks import prepared

__all__ = ["CSV_COLUMNS", "NEO4J_HEADERS", "csv_zip", "neo4j_zip"]

CSV_COLUMNS: dict[str, dict[str, str]] = {
    "nodes.csv": {
        "iri": "The entity's IRI; edges.csv refers to nodes by it.",
        "entity_id": "The entity's short id (the last part of its IRI).",
        "type": "Node type: measure, body, principle, document, legislation, ...",
        "label": "Human-readable name.",
        "code": "Body code (skos:notation), e.g. Ofsted, LA; empty for other types.",
    },
    "edges.csv": {
        "id": "Edge id, unique in the file.",
        "source": "IRI of the subject entity.",
        "target": "IRI of the object entity.",
        "predicate": "The relation as a CURIE, e.g. pkg:placesDutyOn, pkg:backstopFor.",
        "label": "The relation in words, e.g. 'places duty on'.",
        "role": "For a measure-body edge, the body's role (lead, duty-holder, ...).",
        "inferred": "true when the modellers inferred the link rather than read it.",
    },
}
"""The columns of the CSV export and what each means (written to its README)."""

NEO4J_HEADERS: dict[str, list[str]] = {
    "nodes.csv": ["iri:ID", "entity_id", "type", "label", "code", ":LABEL"],
    "relationships.csv": [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "predicate",
        "label",
        "role",
        "inferred:boolean",
    ],
}
"""The header rows of the Neo4j export."""

_NEO4J_README = """\
PolicyKG graph for neo4j-admin import

Import into an empty database with:

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

nodes.csv: one row per entity. iri:ID is the entity's IRI (the import id); :LABEL is
Entity plus its type (Measure, Body, Principle, ...); entity_id, type, label and code are
properties as in PolicyKG.

relationships.csv: one row per relation. :START_ID and :END_ID are IRIs of nodes.csv;
:TYPE is the relation in upper snake case (PLACES_DUTY_ON, BACKSTOP_FOR, ...);
predicate (a CURIE), label, role and inferred are properties.
"""


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_zip(graph: nx.MultiDiGraph) -> bytes:
    """A zip of ``nodes.csv``, ``edges.csv`` and ``README.txt`` (the column meanings).

    Attributes beyond the documented columns are added as extra columns, sorted.
    """
    g = prepared(graph)
    node_extra = sorted(
        {k for _, d in g.nodes(data=True) for k in d} - set(CSV_COLUMNS["nodes.csv"])
    )
    edge_extra = sorted(
        {k for *_, d in g.edges(data=True) for k in d} - set(CSV_COLUMNS["edges.csv"])
    )
    node_columns = [c for c in CSV_COLUMNS["nodes.csv"] if c != "iri"] + node_extra
    edge_columns = [c for c in CSV_COLUMNS["edges.csv"] if c not in {"id", "source", "target"}]
    edge_columns += edge_extra
    nodes = _csv(
        ["iri", *node_columns],
        ([n, *(_text(d.get(c)) for c in node_columns)] for n, d in g.nodes(data=True)),
    )
    edges = _csv(
        ["id", "source", "target", *edge_columns],
        (
            [k, u, v, *(_text(d.get(c)) for c in edge_columns)]
            for u, v, k, d in g.edges(keys=True, data=True)
        ),
    )
    readme = ["PolicyKG graph as CSV node and edge lists", ""]
    for file, columns in CSV_COLUMNS.items():
        readme += [f"{file}:", *(f"  {name}: {meaning}" for name, meaning in columns.items())]
        extra = node_extra if file == "nodes.csv" else edge_extra
        readme += [f"  {name}: attribute of the projected graph." for name in extra] + [""]
    return _zip({"nodes.csv": nodes, "edges.csv": edges, "README.txt": "\n".join(readme)})


def _neo4j_label(node_type: str) -> str:
    return "".join(part.capitalize() for part in node_type.split("-"))


def _neo4j_type(predicate: str) -> str:
    local = re.split(r"[:#/]", predicate)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local).upper()


def neo4j_zip(graph: nx.MultiDiGraph) -> bytes:
    """A zip of ``neo4j-admin import`` CSVs (``nodes.csv``, ``relationships.csv``) and a README."""
    g = prepared(graph)
    nodes = _csv(
        NEO4J_HEADERS["nodes.csv"],
        (
            [
                n,
                *(_text(d.get(c)) for c in ("entity_id", "type", "label", "code")),
                ";".join(["Entity", _neo4j_label(d["type"])] if d.get("type") else ["Entity"]),
            ]
            for n, d in g.nodes(data=True)
        ),
    )
    relationships = _csv(
        NEO4J_HEADERS["relationships.csv"],
        (
            [
                u,
                v,
                _neo4j_type(str(d.get("predicate", "related"))),
                *(_text(d.get(c)) for c in ("predicate", "label", "role", "inferred")),
            ]
            for u, v, d in g.edges(data=True)
        ),
    )
    return _zip(
        {"nodes.csv": nodes, "relationships.csv": relationships, "README.txt": _NEO4J_README}
    )
