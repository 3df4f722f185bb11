"""PolicyKG's vocabulary and the one place its namespaces are defined.

Every term of ``ontology/policy.ttl`` is a member of :class:`PKG`, so a misspelt
term fails at import rather than silently matching nothing in a query.

>>> str(PKG.Measure)
'https://w3id.org/policykg/ontology#Measure'
>>> entity_iri("measure", "set-profit-caps-backstop")
'https://w3id.org/policykg/id/measure/set-profit-caps-backstop'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/policykg/"
"""Root of every PolicyKG IRI."""

ID_BASE = BASE + "id/"
"""Instances live under ``{ID_BASE}{type}/{slug}``."""

ONTOLOGY_IRI = BASE + "ontology"


class PKG(DefinedNamespace):
    """The PolicyKG ontology (``pkg:``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    PolicyDocument: object
    Principle: object
    Objective: object
    FocusArea: object
    Measure: object
    Body: object
    Legislation: object
    Bill: object
    Act: object
    LegislationSection: object
    Programme: object
    Review: object
    Inquiry: object
    Audit: object
    EvidenceSubmission: object
    Cohort: object
    Person: object
    Responsibility: object
    Dependency: object
    StatusEvent: object
    InferredStatement: object
    Role: object
    MeasureKind: object
    Status: object
    DependencyKind: object
    # measure relations
    servesPrinciple: object
    underObjective: object
    hasResponsibility: object
    responsibleBody: object
    role: object
    shortcut: object
    quote: object
    inferred: object
    inferenceReason: object
    involves: object
    ledBy: object
    placesDutyOn: object
    confersPowerOn: object
    hasDeliveryPartner: object
    hasRegulator: object
    affects: object
    fundedBy: object
    supports: object
    consults: object
    drawsOnWorkOf: object
    hasDependency: object
    onMeasure: object
    dependencyKind: object
    dependsOn: object
    backstopFor: object
    informedBy: object
    pilotOf: object
    carriedBy: object
    citesLegislation: object
    concernsCohort: object
    concernsProgramme: object
    kind: object
    status: object
    hasStatusEvent: object
    eventStatus: object
    evidence: object
    timeframe: object
    keyFigure: object
    duty: object
    announcedIn: object
    sourceText: object
    sourceAnchor: object
    sourceFile: object
    # documents, principles, bodies
    precursorOf: object
    summarises: object
    setsOut: object
    drawsOnLearningFrom: object
    enactedAs: object
    collaborationOf: object
    roleTitle: object
    # reviews
    conductedBy: object
    announcedBy: object
    reviewLedBy: object
    aim: object
    lineOfEvidence: object
    submittedTo: object
    submittedBy: object
    evidenceForm: object


ID = Namespace(ID_BASE)
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES: dict[str, str] = {
    "pkg": str(PKG),
    "id": ID_BASE,
    "measure": ID_BASE + "measure/",
    "body": ID_BASE + "body/",
    "principle": ID_BASE + "principle/",
    "doc": ID_BASE + "document/",
    "leg": ID_BASE + "legislation/",
    "role": ID_BASE + "role/",
    "kind": ID_BASE + "kind/",
    "status": ID_BASE + "status/",
    "dep": ID_BASE + "dependency-kind/",
    "cohort": ID_BASE + "cohort/",
    "programme": ID_BASE + "programme/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "oa": str(OA),
    "eli": str(ELI),
}
"""Prefixes used in data files, canned queries and serialisations."""


def sparql_prologue() -> str:
    """Return ``PREFIX`` lines for every entry of :data:`PREFIXES`.

    >>> "PREFIX pkg: <https://w3id.org/policykg/ontology#>" in sparql_prologue()
    True
    """
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def entity_iri(entity_type: str, slug: str) -> str:
    """Build the IRI of an instance from its type folder and slug."""
    return f"{ID_BASE}{entity_type}/{slug}"


def split_entity_iri(iri: str) -> tuple[str, str] | None:
    """Return ``(type, slug)`` for a PolicyKG instance IRI, else ``None``.

    >>> split_entity_iri("https://w3id.org/policykg/id/body/ofsted")
    ('body', 'ofsted')
    >>> split_entity_iri("http://example.org/x") is None
    True
    """
    if not iri.startswith(ID_BASE):
        return None
    rest = iri[len(ID_BASE) :]
    entity_type, _, slug = rest.partition("/")
    return (entity_type, slug) if slug else None
