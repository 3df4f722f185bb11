"""Shared FastAPI dependencies: the serving store, the settings, the query workers.

The app keeps the store that serves requests on ``app.state.store`` and its
settings on ``app.state.settings``; routes get them through these typed
dependencies instead of globals. They are ``async`` because they only read
``app.state``: FastAPI runs a plain ``def`` dependency in its thread pool, one hop per
dependency per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, Request

from graph.canned import CannedRegistry
from graph.errors import QueryRejected
from graph.query_runner import QueryRunner
from graph.settings import Settings
from graph.store import Store


async def get_store(request: Request) -> Store:
    """The store serving this request (swapped atomically on reload)."""
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


async def get_runner(request: Request) -> QueryRunner:
    """The worker pool that runs user and canned queries under the time and size limits."""
    return request.app.state.runner


async def get_canned(request: Request) -> CannedRegistry:
    """The canned queries loaded from the queries folder."""
    return request.app.state.canned


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
CannedDep = Annotated[CannedRegistry, Depends(get_canned)]


FORMAT_NAMES: dict[str, tuple[str, str]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", ""),
    "tsv": ("text/tab-separated-values", ""),
    "turtle": ("", "text/turtle"),
    "ttl": ("", "text/turtle"),
    "ntriples": ("", "application/n-triples"),
    "nt": ("", "application/n-triples"),
    "jsonld": ("", "application/ld+json"),
    "rdfxml": ("", "application/rdf+xml"),
}
"""``format=`` short names: the media type for solutions (SELECT, ASK) and for triples
(CONSTRUCT, DESCRIBE); ``json`` and ``xml`` mean the natural one for each."""


def requested_format(
    name: str | None, accept: str | None, offered: Sequence[str], *, triples: bool
) -> str:
    """The media type to answer in: ``format=`` (a short name or a media type) when given,
    else the ``Accept`` header's choice, else the first offer.

    Browsers cannot set ``Accept`` from a link, hence ``format=`` (as Fuseki and Virtuoso
    offer). A format the query's result cannot take is refused, naming those it can.

    >>> requested_format("csv", "application/json", ["text/csv", "text/tsv"], triples=False)
    'text/csv'
    >>> requested_format("json", None, ["text/turtle", "application/ld+json"], triples=True)
    'application/ld+json'
    """
    if name is None:
        return negotiate(accept, offered) or offered[0]
    key = name.strip().lower()
    media_type = FORMAT_NAMES[key][triples] if key in FORMAT_NAMES else key
    if media_type not in offered:
        names = [n for n, types in FORMAT_NAMES.items() if types[triples] in offered]
        kind = "triples" if triples else "solutions"
        raise QueryRejected(
            f"format={name!r} is not offered for this query, whose result is {kind}; "
            f"use one of {', '.join(names)} or a media type: {', '.join(offered)}"
        )
    return media_type


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """Pick the offered media type the ``Accept`` header prefers; the first offer when absent.

    Each offer gets the quality of the most specific range that matches it; ties go to
    the earlier offer. Returns ``None`` when the header accepts none of the offers.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["a/b", "text/csv",
    ...           "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("text/*, */*;q=0.1", ["text/turtle", "application/ld+json"])
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    best, best_quality = None, 0.0
    for offer in offered:
        matching = [(_specificity(m), q) for m, q in ranges if _matches(m, offer)]
        quality = max(matching)[1] if matching else 0.0
        if quality > best_quality:
            best, best_quality = offer, quality
    return best


def _specificity(media_range: str) -> int:
    return 0 if media_range == "*/*" else 1 if media_range.endswith("/*") else 2


def _matches(media_range: str, offer: str) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return offer.startswith(media_range[:-1])
    return media_range == offer
