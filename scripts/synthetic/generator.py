"""Build a synthetic policy graph in memory: reference data, then measures until a size is met.

Each measure has the shape of those in ``data/keeping-children-safe.ttl``: one verbatim-looking
source sentence, one or two principles, a kind, a status, 1-4 qualified responsibilities whose
quotes are substrings of the sentence (some inferred, with a reason), and 0-2 dependencies on
earlier measures (so the dependencies form a DAG) whose quotes are in the sentence too.
The same seed and size give the same triples in the same order.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, XSD

from graph.vocab import ID_BASE, PKG

from .wordlists import (
    COHORTS,
    DEPENDENCY_CLAUSES,
    LOCAL_KINDS,
    NATIONAL_BODIES,
    OPENINGS,
    PLACES,
    ROLE_CLAUSES,
    STATUSES,
    TIMEFRAMES,
    TOPICS,
)

MEASURES_PER_DOCUMENT = 60
TRIPLES_PER_MEASURE = 34
"""A measured average, used only to size the reference data before measures are streamed."""


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _id(kind: str, slug: str) -> ox.NamedNode:
    return ox.NamedNode(f"{ID_BASE}{kind}/{slug}")


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


A, LABEL, NOTATION, SOURCE = (
    _iri(RDF.type),
    _iri(RDFS.label),
    _iri(SKOS.notation),
    _iri(DCTERMS.source),
)
TRUE = ox.Literal("true", datatype=_iri(XSD.boolean))
FALSE = ox.Literal("false", datatype=_iri(XSD.boolean))


@dataclass
class Body:
    node: ox.NamedNode
    code: str
    label: str
    mention: str
    """How a sentence names the body (a plural or its short label)."""


@dataclass
class Document:
    node: ox.NamedNode
    slug: str
    principles: list[ox.NamedNode] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)


@dataclass
class Reference:
    bodies: list[Body]
    cohorts: list[ox.NamedNode]
    bills: list[ox.NamedNode]
    acts: list[ox.NamedNode]
    documents: list[Document]
    triples: list[ox.Triple]


def _bodies(rng: random.Random, count: int, out: list[ox.Triple]) -> list[Body]:
    bodies = []
    for code, label in NATIONAL_BODIES[: max(4, min(len(NATIONAL_BODIES), count // 4))]:
        bodies.append(Body(_id("body", _slug(code)), code, label, label))
    places = list(PLACES)
    rng.shuffle(places)
    locals_ = [(kind, place) for place in places for kind in LOCAL_KINDS]
    for (prefix, _, pattern), place in locals_[: max(0, count - len(bodies))]:
        code = f"{prefix}-{place[:4].upper()}{places.index(place):02d}"
        label = pattern.format(place=place)
        bodies.append(Body(_id("body", _slug(code)), code, label, label))
    for body in bodies:
        out += [
            ox.Triple(body.node, A, _iri(PKG.Body)),
            ox.Triple(body.node, A, _iri(ORG.Organization)),
            ox.Triple(body.node, LABEL, _text(body.label)),
            ox.Triple(body.node, _iri(SKOS.prefLabel), _text(body.label)),
            ox.Triple(body.node, NOTATION, _text(body.code)),
            ox.Triple(body.node, _iri(SKOS.altLabel), _text(body.code)),
        ]
    by_code = {b.code: b for b in bodies}
    for body in bodies:
        if body.code.startswith("VSH-") and "LA-" + body.code[4:] in by_code:
            out.append(
                ox.Triple(
                    body.node, _iri(ORG.subOrganizationOf), by_code["LA-" + body.code[4:]].node
                )
            )
    if "SoS" in by_code:
        out.append(ox.Triple(by_code["SoS"].node, _iri(ORG.subOrganizationOf), by_code["DfE"].node))
    return bodies


def _reference(rng: random.Random, measures: int) -> Reference:
    triples: list[ox.Triple] = []
    bodies = _bodies(rng, max(20, min(300, measures // 4)), triples)
    cohorts = []
    for label in COHORTS[: max(6, min(len(COHORTS), measures // 10))]:
        node = _id("cohort", _slug(label))
        cohorts.append(node)
        triples += [ox.Triple(node, A, _iri(PKG.Cohort)), ox.Triple(node, LABEL, _text(label))]
    bills, acts = [], []
    for k in range(max(1, measures // 200)):
        year = 2020 + k % 6
        bill = _id("legislation", f"children-and-families-bill-{year}-{k}")
        act = _id("legislation", f"children-act-{1989 + k}")
        bills.append(bill)
        acts.append(act)
        for node, cls, label in (
            (bill, PKG.Bill, f"Children and Families Bill {year} (No. {k + 1})"),
            (act, PKG.Act, f"Children Act {1989 + k}"),
        ):
            triples += [
                ox.Triple(node, A, _iri(cls)),
                ox.Triple(node, LABEL, _text(label)),
                ox.Triple(node, _iri(DCTERMS.title), _text(label)),
            ]
    documents = []
    publishers = [b for b in bodies if "-" not in b.code]
    for k in range(max(1, -(-measures // MEASURES_PER_DOCUMENT))):
        topic = TOPICS[k % len(TOPICS)]
        title = f"Helping families thrive: {topic} (policy statement {k + 1})"
        doc = Document(
            _id("document", f"policy-statement-{k + 1:04d}"), f"policy-statement-{k + 1:04d}"
        )
        issued = f"{2018 + k % 8}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        triples += [
            ox.Triple(doc.node, A, _iri(PKG.PolicyDocument)),
            ox.Triple(doc.node, LABEL, _text(title)),
            ox.Triple(doc.node, _iri(DCTERMS.title), _text(title)),
            ox.Triple(doc.node, _iri(DCTERMS.issued), ox.Literal(issued, datatype=_iri(XSD.date))),
            ox.Triple(doc.node, _iri(DCTERMS.publisher), rng.choice(publishers).node),
        ]
        _principles(rng, doc)
        documents.append(doc)
    return Reference(bodies, cohorts, bills, acts, documents, triples)


def _principles(rng: random.Random, doc: Document) -> None:
    scheme = _id("principle", f"{doc.slug}-scheme")
    doc.triples += [
        ox.Triple(scheme, A, _iri(SKOS.ConceptScheme)),
        ox.Triple(scheme, LABEL, _text(f"Principles of {doc.slug}")),
        ox.Triple(scheme, SOURCE, doc.node),
    ]
    for n, topic in enumerate(rng.sample(TOPICS, 4), start=1):
        text = f"Children should be safe and supported through better {topic}"
        node = _id("principle", f"{doc.slug}-{n}")
        doc.principles.append(node)
        doc.triples += [
            ox.Triple(doc.node, _iri(PKG.setsOut), node),
            ox.Triple(node, A, _iri(PKG.Principle)),
            ox.Triple(node, _iri(SKOS.inScheme), scheme),
            ox.Triple(node, NOTATION, _text(str(n))),
            ox.Triple(node, LABEL, _text(f"Better {topic}")),
            ox.Triple(node, _iri(SKOS.definition), _text(text)),
            ox.Triple(node, SOURCE, doc.node),
            ox.Triple(node, _iri(PKG.sourceText), _text(text + ", as set out in the statement.")),
        ]


@dataclass
class Measure:
    node: ox.NamedNode
    slug: str
    label: str


def _measure(
    rng: random.Random, k: int, ref: Reference, doc: Document, earlier: list[Measure]
) -> tuple[Measure, list[ox.Triple]]:
    kind = rng.choice(list(OPENINGS))
    topic = rng.choice(TOPICS)
    cohort_index = rng.randrange(len(ref.cohorts))
    opening = OPENINGS[kind].format(topic=topic)
    label = opening.replace("Legislating for", "Legislate for")
    slug = f"{_slug(opening)[:60].rstrip('-')}-{k}"
    m = Measure(_id("measure", slug), slug, label)
    t = [
        ox.Triple(m.node, A, _iri(PKG.Measure)),
        ox.Triple(m.node, LABEL, _text(label)),
        ox.Triple(m.node, SOURCE, doc.node),
        ox.Triple(m.node, _iri(PKG.announcedIn), doc.node),
        ox.Triple(m.node, _iri(PKG.kind), _id("kind", kind)),
        ox.Triple(m.node, _iri(PKG.status), _id("status", rng.choice(STATUSES))),
    ]
    principles = rng.sample(doc.principles, rng.choice((1, 1, 2)))
    t += [ox.Triple(m.node, _iri(PKG.servesPrinciple), p) for p in principles]
    if len(principles) == 2:
        inf = _id("inference", f"{slug}--principle")
        t += [
            ox.Triple(inf, A, _iri(PKG.InferredStatement)),
            ox.Triple(inf, _iri(RDF.subject), m.node),
            ox.Triple(inf, _iri(RDF.predicate), _iri(PKG.servesPrinciple)),
            ox.Triple(inf, _iri(RDF.object), principles[1]),
            ox.Triple(
                inf,
                _iri(PKG.inferenceReason),
                _text(f"Work on {topic} also serves this principle."),
            ),
        ]
    if kind in ("legislative-commitment", "regulation-making-power", "backstop-power"):
        t.append(ox.Triple(m.node, _iri(PKG.carriedBy), rng.choice(ref.bills)))
    if rng.random() < 0.2:
        t.append(ox.Triple(m.node, _iri(PKG.citesLegislation), rng.choice(ref.acts)))
    if rng.random() < 0.6:
        t.append(ox.Triple(m.node, _iri(PKG.concernsCohort), ref.cohorts[cohort_index]))
    clauses = [f"{opening} for {COHORTS[cohort_index].lower()}"]
    for body in rng.sample(ref.bodies, rng.choice((1, 1, 2, 2, 3, 4))):
        role = rng.choice(list(ROLE_CLAUSES))
        resp = _id("responsibility", f"{slug}--{body.node.value.rsplit('/', 1)[1]}")
        inferred = rng.random() < 0.25
        quote = clauses[0] if inferred else ROLE_CLAUSES[role].format(body=body.mention)
        if not inferred:
            clauses.append(quote)
        t += [
            ox.Triple(m.node, _iri(PKG.hasResponsibility), resp),
            ox.Triple(resp, A, _iri(PKG.Responsibility)),
            ox.Triple(resp, _iri(PKG.responsibleBody), body.node),
            ox.Triple(resp, _iri(PKG.role), _id("role", role)),
            ox.Triple(resp, _iri(PKG.quote), _text(quote)),
            ox.Triple(resp, _iri(PKG.inferred), TRUE if inferred else FALSE),
        ]
        if inferred:
            reason = (
                f"The sentence names no body; {body.label} is responsible for {topic} in practice."
            )
            t.append(ox.Triple(resp, _iri(PKG.inferenceReason), _text(reason)))
    for upstream in rng.sample(earlier[-200:], min(len(earlier), rng.choice((0, 0, 1, 1, 2)))):
        dep_kind = rng.choice(list(DEPENDENCY_CLAUSES))
        quote = DEPENDENCY_CLAUSES[dep_kind].format(
            label=upstream.label[0].lower() + upstream.label[1:]
        )
        clauses.append(quote)
        dep = _id("dependency", f"{slug}--{upstream.slug}")
        t += [
            ox.Triple(m.node, _iri(PKG.hasDependency), dep),
            ox.Triple(dep, A, _iri(PKG.Dependency)),
            ox.Triple(dep, _iri(PKG.onMeasure), upstream.node),
            ox.Triple(dep, _iri(PKG.dependencyKind), _id("dependency-kind", dep_kind)),
            ox.Triple(dep, _iri(PKG.quote), _text(quote)),
            ox.Triple(dep, _iri(PKG.inferred), FALSE),
        ]
    if rng.random() < 0.3:
        timeframe = rng.choice(TIMEFRAMES)
        clauses.append(timeframe)
        t.append(ox.Triple(m.node, _iri(PKG.timeframe), _text(timeframe)))
    t.append(ox.Triple(m.node, _iri(PKG.sourceText), _text(", ".join(clauses))))
    return m, t


def generate(triples: int, *, seed: int = 0) -> Reference:
    """Build the reference data, then add measures to its documents until ``triples`` is reached."""
    rng = random.Random(seed)
    ref = _reference(rng, max(1, triples // TRIPLES_PER_MEASURE))
    total = len(ref.triples) + sum(len(d.triples) for d in ref.documents)
    earlier: list[Measure] = []
    while total < triples:
        k = len(earlier)
        doc = ref.documents[min(k // MEASURES_PER_DOCUMENT, len(ref.documents) - 1)]
        measure, new = _measure(rng, k, ref, doc, earlier)
        doc.triples += new
        earlier.append(measure)
        total += len(new)
    return ref
