"""Entailment rules the loader applies, so simple queries need no reasoning.

The qualified nodes (:class:`~graph.vocab.PKG` ``Responsibility``, ``Dependency``) are the
facts; the shortcut triples they entail (``measure pkg:placesDutyOn body``,
``measure pkg:involves body``, ``measure pkg:backstopFor measure``,
``measure pkg:dependsOn measure``) are added here, as the ontology's property
chains and ``pkg:shortcut`` declarations say. A measure announced in a dated
document also gets an "announced" status event at that date.
"""

from __future__ import annotations

from graph.store import Store
from graph.vocab import sparql_prologue

RULES: dict[str, str] = {
    "responsibility shortcuts": """
        INSERT { ?m ?p ?b . ?m pkg:involves ?b }
        WHERE { ?m pkg:hasResponsibility ?r . ?r pkg:responsibleBody ?b ; pkg:role ?role .
                ?role pkg:shortcut ?p }""",
    "dependency shortcuts": """
        INSERT { ?m ?p ?n . ?m pkg:dependsOn ?n }
        WHERE { ?m pkg:hasDependency ?d . ?d pkg:onMeasure ?n ; pkg:dependencyKind ?k .
                ?k pkg:shortcut ?p }""",
    "announcement events": """
        INSERT { ?m pkg:hasStatusEvent ?e .
                 ?e a pkg:StatusEvent ; pkg:eventStatus status:announced ;
                    dct:date ?date ; pkg:evidence ?doc }
        WHERE { ?m a pkg:Measure ; pkg:announcedIn ?doc . ?doc dct:issued ?date .
                BIND(IRI(CONCAT(STR(?m), "/event/announced")) AS ?e) }""",
}


def apply_rules(store: Store) -> None:
    """Add every triple the rules entail; running it twice adds nothing new."""
    prologue = sparql_prologue()
    for rule in RULES.values():
        store.update(prologue + rule)
