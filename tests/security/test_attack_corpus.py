"""The attack corpus against a real server: each hostile request gets its designed answer.

Every case file of ``tests/data/attacks`` is sent raw to a uvicorn process started with
a 2 s query time limit. Each must get one of the statuses the case expects (with the
case's error code, in the one error shape) within the time limit plus a margin, leave
the graph as it was, make no connection to the loopback listener that its ``SERVICE``
and ``LOAD`` IRIs point at, and leave the server answering a normal query right after.

The margin bounds a cutoff, not speed: a query cut at the limit has its worker killed
and replaced, and its answer must still come well before a client would give up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.security.attacks import CORPUS, case_files, load_case, send
from tests.security.conftest import QUERY_TIMEOUT
from tests.servers import Listener

MARGIN = 5.0
"""Seconds past the query time limit within which every case must be answered."""

CATEGORIES = (
    "service", "update", "runaway", "regex", "values", "size", "encoding", "accept",
    "traversal", "limits",
)  # fmt: skip
"""One folder per kind of attack that issue 8 lists."""

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SAFE_FILENAME = re.compile(r'attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]*"')


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """The loopback listener the corpus' SERVICE and LOAD IRIs point at."""
    with Listener() as listening:
        yield listening


def _graph_state(base: str) -> tuple[int, str, int]:
    """Triple count and data version from /health, and the triple count a worker sees."""
    health = httpx.get(base + "/health", timeout=60).json()
    counted = httpx.get(
        base + "/sparql", params={"query": COUNT}, headers={"accept": "text/csv"}, timeout=60
    )
    return health["triples"], health["data_version"], int(counted.text.split()[1])


@pytest.fixture(scope="module")
def graph_before(attack_server: str) -> tuple[int, str, int]:
    return _graph_state(attack_server)


def test_corpus_covers_every_kind_of_attack() -> None:
    folders = {path.parent.name for path in case_files()}
    assert folders == set(CATEGORIES)
    updates = {path.name.split(".")[0] for path in (CORPUS / "update").glob("*.toml")}
    entries = {path.name.split(".")[1] for path in (CORPUS / "update").glob("*.toml")}
    assert len(updates) >= 12 and len(entries) == 6


@pytest.mark.parametrize(
    "path", case_files(), ids=lambda p: str(p.relative_to(CORPUS).with_suffix(""))
)
def test_attack_gets_its_designed_answer_in_time_and_harms_nothing(
    attack_server: str, listener: Listener, graph_before: tuple[int, str, int], path: Path
) -> None:
    case = load_case(path, listener=listener.url)
    answer = send(attack_server, case, timeout=QUERY_TIMEOUT + MARGIN + 60)

    assert answer.status in case.expect_status, answer.body[:500]
    if case.expect_codes:
        error = json.loads(answer.body)["error"]
        assert error["status"] == answer.status
        assert error["code"] in case.expect_codes
    if case.expect_content_type is not None:
        assert answer.headers["content-type"].startswith(case.expect_content_type)
    if "content-disposition" in answer.headers:
        assert SAFE_FILENAME.fullmatch(answer.headers["content-disposition"])
    assert answer.seconds <= QUERY_TIMEOUT + MARGIN
    assert listener.connections == []
    assert _graph_state(attack_server) == graph_before

    normal = httpx.get(attack_server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
    assert normal.status_code == 200
    assert normal.json()["boolean"] is True
