"""Canned queries: SPARQL files with a metadata header, loaded into a registry by name.

A file ``queries/<name>.rq`` starts with comment lines such as::

    #+ title: Bodies of a measure
    #+ description: Every body a measure gives a role, with the role and the quote.
    #+ param measure (measure): The measure's id, e.g. set-profit-caps-backstop

Parameter types are ``string``, ``integer``, ``boolean``, ``iri`` or an entity type
(``measure``, ``body``, ``principle``, ``legislation``): an entity id is resolved to its
IRI (a body also by code or alias). Values are bound as RDF terms through the engine's
substitutions, never spliced into the text; a bound variable must be in the projection.

>>> query = parse_canned("x", "#+ title: T\\n#+ param n (integer): A number\\nSELECT ?n {}")
>>> query.title, [(p.name, p.type) for p in query.parameters]
('T', [('n', 'integer')])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import UnknownEntity
from graph.query_guard import vet_query
from graph.resources import InvalidParameter, resolve, resolve_body
from graph.store import Store, to_term
from graph.vocab import sparql_prologue

__all__ = ["CannedParameter", "CannedQuery", "CannedRegistry", "load_canned", "parse_canned"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_ENTITY_CLASSES = {
    "measure": "Measure",
    "principle": "Principle",
    "legislation": "Legislation",
    "document": "PolicyDocument",
    "cohort": "Cohort",
}
TYPES = ("string", "integer", "boolean", "iri", "body", *_ENTITY_CLASSES)
_META = re.compile(r"^#\+\s*(title|description):\s*(.*)$")
_PARAM = re.compile(r"^#\+\s*param\s+(\w+)\s*\((\w+)\)\s*:\s*(.*)$")


@dataclass(frozen=True)
class CannedParameter:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its name, header metadata and SPARQL text (prefixes added)."""

    name: str
    title: str
    description: str
    parameters: list[CannedParameter]
    sparql: str

    def bind(self, store: Store, values: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """Turn request values into RDF terms, one per declared parameter.

        Raises
        ------
        InvalidParameter
            When a parameter is missing or its value does not fit its type.
        UnknownEntity
            When an entity parameter names no entity.
        """
        bound = {}
        for param in self.parameters:
            if param.name not in values:
                raise InvalidParameter(f"missing parameter {param.name!r} ({param.type})")
            bound[param.name] = _term(store, param, values[param.name])
        return bound


def _term(store: Store, param: CannedParameter, value: str) -> ox.NamedNode | ox.Literal:
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise InvalidParameter(f"parameter {param.name!r} must be an integer, not {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    if param.type == "boolean":
        if value not in ("true", "false"):
            raise InvalidParameter(f"parameter {param.name!r} must be true or false")
        return to_term(value == "true")
    if param.type == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError as exc:
            raise InvalidParameter(f"parameter {param.name!r}: {exc}") from exc
    if param.type == "body":
        return ox.NamedNode(resolve_body(store, value))
    return ox.NamedNode(resolve(store, param.type, value, _ENTITY_CLASSES[param.type]))


def parse_canned(name: str, text: str) -> CannedQuery:
    """Read a canned query's header and check its SPARQL.

    Raises
    ------
    ValueError
        When the header has no title, a parameter type is unknown, or the SPARQL is
        refused by :func:`graph.query_guard.vet_query`.
    """
    meta: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        if match := _META.match(line):
            meta[match[1]] = match[2].strip()
        elif match := _PARAM.match(line):
            if match[2] not in TYPES:
                raise ValueError(f"{name}: parameter {match[1]} has unknown type {match[2]!r}")
            params.append(CannedParameter(match[1], match[2], match[3].strip()))
    if "title" not in meta:
        raise ValueError(f"{name}: the header needs a '#+ title:' line")
    sparql = sparql_prologue() + text
    try:
        vet_query(sparql)
    except (UnknownEntity, ValueError) as exc:
        raise ValueError(f"{name}: {exc}") from exc
    return CannedQuery(name, meta["title"], meta.get("description", ""), params, sparql)


CannedRegistry = dict[str, CannedQuery]
"""Canned queries by name, in name order."""


def load_canned(folder: Path) -> CannedRegistry:
    """Load every ``*.rq`` of ``folder``; the file stem is the query's name."""
    return {
        path.stem: parse_canned(path.stem, path.read_text()) for path in sorted(folder.glob("*.rq"))
    }
