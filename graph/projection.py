"""RDF -> NetworkX: the typed graph of the store and the focused views analysis runs on.

:func:`project` reads the store with a handful of SPARQL queries and builds one
:class:`networkx.MultiDiGraph` whose nodes are the entities (measures, bodies,
principles, documents, ...) and whose edges are the relations between them.
Qualified links become single edges carrying their qualification: a
``pkg:Responsibility`` becomes ``measure --role shortcut--> body`` with ``role`` and
``inferred``; a ``pkg:Dependency`` becomes ``measure --kind shortcut--> upstream measure``.

The graph is frozen (read-only) and cached per store and data version, so requests
share one build; the focused views analysis runs on are derived from it in
:mod:`graph.analysis.views`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from graph.errors import UnknownEntity
from graph.store import Store
from graph.vocab import PREFIXES, sparql_prologue, split_entity_iri

__all__ = ["ENTITY_TYPES", "Entity", "display_name", "entity", "project", "resolve"]

_PKG = PREFIXES["pkg"]
_ORG = PREFIXES["org"]

ENTITY_TYPES: dict[str, str] = {
    "Measure": "measure",
    "Body": "body",
    "Principle": "principle",
    "Objective": "objective",
    "FocusArea": "focus-area",
    "PolicyDocument": "document",
    "Legislation": "legislation",
    "Bill": "legislation",
    "Act": "legislation",
    "LegislationSection": "legislation",
    "Programme": "programme",
    "Review": "review",
    "Inquiry": "review",
    "Audit": "review",
    "EvidenceSubmission": "evidence-submission",
    "Cohort": "cohort",
    "Person": "person",
}
"""``pkg:`` class -> node ``type`` of its instances; instances of other classes are not nodes."""


@dataclass(frozen=True)
class Entity:
    """A node as results report it."""

    id: str
    type: str
    label: str
    iri: str
    code: str | None = None


# -- the full graph ----------------------------------------------------------------------

_NODES = """
SELECT ?s ?class ?label ?code WHERE {
  ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(pkg:)))
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?s skos:notation ?code }
}"""

_PREDICATE_LABELS = """
SELECT ?p ?label WHERE { ?p a owl:ObjectProperty ; rdfs:label ?label }"""

_FAMILIES = """
SELECT ?p ?family WHERE {
  VALUES ?family { pkg:involves pkg:dependsOn }
  ?p rdfs:subPropertyOf* ?family
}"""

_QUALIFIED = """
SELECT ?s ?o ?generic ?c ?inferred WHERE {
  {
    ?s pkg:hasResponsibility ?q . ?q pkg:responsibleBody ?o . BIND(pkg:involves AS ?generic)
    OPTIONAL { ?q pkg:role ?c } OPTIONAL { ?q pkg:inferred ?inferred }
  } UNION {
    ?s pkg:hasDependency ?q . ?q pkg:onMeasure ?o . BIND(pkg:dependsOn AS ?generic)
    OPTIONAL { ?q pkg:dependencyKind ?c } OPTIONAL { ?q pkg:inferred ?inferred }
  }
}"""
# The role and kind concepts are few: they are looked up from _CONCEPT_SHORTCUTS rather than
# joined here, which made Oxigraph's plan 30x slower at 10^5 triples.

_CONCEPT_SHORTCUTS = """
SELECT ?c ?shortcut ?notation ?label WHERE {
  ?c pkg:shortcut ?shortcut ; skos:notation ?notation . OPTIONAL { ?c rdfs:label ?label }
}"""

_DIRECT = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?o) && ?p != rdf:type)
  FILTER(STRSTARTS(STR(?s), STR(id:)) && STRSTARTS(STR(?o), STR(id:)))
}"""

_REIFIED = """
SELECT ?s ?p ?o WHERE {
  ?st a pkg:InferredStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
}"""


def project(store: Store) -> nx.MultiDiGraph:
    """Return the typed graph of every entity in ``store`` and the relations between them.

    Nodes are keyed by IRI and carry ``id``, ``iri``, ``type`` (see :data:`ENTITY_TYPES`),
    ``label`` and ``code`` (``skos:notation`` or ``None``). Edges carry ``predicate``
    (a CURIE such as ``pkg:backstopFor``), ``label`` (the predicate's or role's label),
    ``role`` (the role's notation on responsibility edges, else ``None``) and ``inferred``.

    The graph is built once per store and ``store.data_version`` and is frozen: copy it
    (``nx.MultiDiGraph(g)``) before changing it.

    Parameters
    ----------
    store
        A loaded store.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> from graph.loading import load_files
    >>> from graph.settings import REPO_ROOT
    >>> store = load_files([REPO_ROOT / "ontology/policy.ttl"])
    >>> g = project(store)
    >>> g.number_of_nodes(), g is project(store)
    (0, True)
    """
    return store.memo("projection", lambda s: nx.freeze(_build(s)))


def _build(store: Store) -> nx.MultiDiGraph:
    prologue = sparql_prologue()
    graph = nx.MultiDiGraph(data_version=store.data_version)
    for row in store.select(prologue + _NODES):
        entity_type = ENTITY_TYPES.get(str(row["class"])[len(_PKG) :])
        if entity_type is None:
            continue
        iri = str(row["s"])
        attrs = graph.nodes[iri] if iri in graph else None
        if attrs is None:
            graph.add_node(iri, iri=iri, id=_slug(iri), type=entity_type, label=None, code=None)
            attrs = graph.nodes[iri]
        if row["label"] is not None and attrs["label"] is None:
            attrs["label"] = str(row["label"])
        if row["code"] is not None and attrs["code"] is None:
            attrs["code"] = str(row["code"])
    for _, attrs in graph.nodes(data=True):
        attrs["label"] = attrs["label"] or attrs["id"]

    labels = {str(r["p"]): str(r["label"]) for r in store.select(prologue + _PREDICATE_LABELS)}
    family = {str(r["p"]): str(r["family"]) for r in store.select(prologue + _FAMILIES)}
    concept_rows = store.select(prologue + _CONCEPT_SHORTCUTS)
    concepts = {str(r["shortcut"]): r for r in concept_rows}
    by_concept = {str(r["c"]): r for r in concept_rows}
    reified = {(str(r["s"]), str(r["p"]), str(r["o"])) for r in store.select(prologue + _REIFIED)}

    qualified: set[tuple[str, str, str]] = set()
    for row in store.select(prologue + _QUALIFIED):
        s, o = str(row["s"]), str(row["o"])
        if s not in graph or o not in graph:
            continue
        concept = by_concept.get(str(row["c"]), {})
        predicate = str(concept.get("shortcut") or row["generic"])
        qualified.add((s, o, str(row["generic"])))
        is_role = row["generic"] == _PKG + "involves"
        notation = concept.get("notation")
        graph.add_edge(
            s,
            o,
            predicate=_curie(predicate),
            label=str(concept.get("label") or labels.get(predicate) or _words(predicate)),
            role=str(notation) if is_role and notation else None,
            inferred=bool(row["inferred"]),
        )

    direct = store.select(prologue + _DIRECT)
    specific = _specific_shortcuts(direct, family)
    for row in direct:
        s, p, o = str(row["s"]), str(row["p"]), str(row["o"])
        if s not in graph or o not in graph:
            continue
        if p in family:
            key = (s, o, family[p])
            if key in qualified or (p == family[p] and key in specific):
                continue
            concept = concepts.get(p)
            role = str(concept["notation"]) if concept and family[p] == _PKG + "involves" else None
        elif p.startswith(_PKG) and p[len(_PKG) :] in {"hasResponsibility", "hasDependency"}:
            continue
        else:
            concept, role = None, None
        label = concept["label"] if concept and concept["label"] else labels.get(p)
        graph.add_edge(
            s,
            o,
            predicate=_curie(p),
            label=str(label or _words(p)),
            role=role,
            inferred=(s, p, o) in reified,
        )
    return graph


def _specific_shortcuts(
    rows: list[dict[str, object]], family: dict[str, str]
) -> set[tuple[str, str, str]]:
    """The (subject, object, family) of bare triples stated with a sub-property of the family.

    Those pairs need no edge for the generic ``pkg:involves`` / ``pkg:dependsOn`` triple.
    """
    return {
        (str(r["s"]), str(r["o"]), family[str(r["p"])])
        for r in rows
        if str(r["p"]) in family and family[str(r["p"])] != str(r["p"])
    }


def _slug(iri: str) -> str:
    parts = split_entity_iri(iri)
    return parts[1] if parts else iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _curie(iri: str) -> str:
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and prefix != "id":
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def _words(iri: str) -> str:
    """``org:subOrganizationOf`` -> ``sub organization of`` (for predicates without a label)."""
    local = re.split(r"[#/]", iri)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower()


# -- entities ---------------------------------------------------------------------------


def entity(graph: nx.Graph, node: str) -> Entity:
    """Return the :class:`Entity` for a node of any graph of this module."""
    attrs = graph.nodes[node]
    return Entity(
        id=attrs["id"], type=attrs["type"], label=attrs["label"], iri=node, code=attrs["code"]
    )


def display_name(graph: nx.Graph, node: str) -> str:
    """A node's code where it has one (``NHSE``), else its label."""
    return graph.nodes[node]["code"] or graph.nodes[node]["label"]


def resolve(graph: nx.Graph, ref: str, *, entity_type: str | None = None) -> str:
    """Return the node an id, ``type/id``, IRI or body code names.

    Codes (``skos:notation``) match case-insensitively, so ``"nhse"`` finds the body
    ``NHSE``. An id shared by entities of two types needs the ``type/id`` form.

    Parameters
    ----------
    graph
        The full graph or a view of it.
    ref
        What the user typed.
    entity_type
        Accept only nodes of this type.

    Returns
    -------
    str
        The node's IRI.

    Raises
    ------
    UnknownEntity
        When no node (of ``entity_type``) matches, or several do.

    Examples
    --------
    >>> g = nx.Graph()
    >>> iri = "https://w3id.org/policykg/id/body/ofsted"
    >>> g.add_node(iri, id="ofsted", type="body", code="Ofsted")
    >>> resolve(g, "OFSTED")
    'https://w3id.org/policykg/id/body/ofsted'
    """
    wanted = ref.strip()
    typed = wanted.partition("/") if "/" in wanted and "://" not in wanted else None
    matches: list[str] = []
    for node, attrs in graph.nodes(data=True):
        if entity_type is not None and attrs["type"] != entity_type:
            continue
        if node == wanted or (typed and (attrs["type"], attrs["id"]) == (typed[0], typed[2])):
            return node
        code = attrs.get("code")
        if attrs["id"] == wanted or (
            attrs["type"] == "body" and code and code.casefold() == wanted.casefold()
        ):
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    what = entity_type or "entity"
    if matches:
        raise UnknownEntity(f"{ref!r} names several entities; write type/id: {sorted(matches)}")
    raise UnknownEntity(f"no {what} has the id, code or IRI {ref!r}")
