"""The attack corpus: read the case files of ``tests/data/attacks`` and send them raw.

Each case is one TOML file: a hostile request and the answer it must get (see the
corpus README). :func:`load_case` turns a file into an :class:`AttackCase`;
:func:`send` puts it on the wire with :mod:`http.client`, which sends the target,
headers and body byte for byte (no path normalisation, no URL length limit), and
returns the status, headers, body and how long the answer took.
"""

from __future__ import annotations

import contextlib
import http.client
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

CORPUS = Path(__file__).resolve().parents[1] / "data" / "attacks"
LISTENER = "@LISTENER@"
"""Placeholder in a case for the base URL of the loopback listener (``http://127.0.0.1:N``)."""

DROPPED = 0
"""The status of an answer that never came: the HTTP server closed the connection (as
uvicorn may when it refuses an oversized request line while the client is still sending)."""

_FORM = "application/x-www-form-urlencoded"
_ENTRIES = {
    "get-query": ("GET", "query"),
    "get-update": ("GET", "update"),
    "form-query": ("POST", "query"),
    "form-update": ("POST", "update"),
    "direct-query": ("POST", "application/sparql-query"),
    "direct-update": ("POST", "application/sparql-update"),
}
"""The SPARQL protocol's ways in: the method and the parameter or content type used."""


@dataclass(frozen=True)
class AttackCase:
    """One hostile request and the answers it may get."""

    name: str
    description: str
    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes | None
    expect_status: frozenset[int]
    expect_codes: frozenset[str]
    expect_content_type: str | None = None
    chunked: bool = False


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


def case_files() -> list[Path]:
    """Every case of the corpus, in a stable order."""
    return sorted(CORPUS.rglob("*.toml"))


def load_case(path: Path, *, listener: str) -> AttackCase:
    """Read one case file; ``listener`` replaces :data:`LISTENER` in its text."""
    data = tomllib.loads(path.read_text(encoding="utf-8").replace(LISTENER, listener))
    headers = list(data.get("headers", {}).items())
    body = _text(data["body"]).encode() if "body" in data else None
    if "body_escaped" in data:
        body = data["body_escaped"].encode("latin-1").decode("unicode_escape").encode("latin-1")
    method, target = data.get("method", "GET"), data.get("path", "/")
    if "entry" in data:
        method, target, body, content_type = _sparql_request(data["entry"], _text(data["sparql"]))
        if content_type:
            headers.append(("Content-Type", content_type))
    return AttackCase(
        name=str(path.relative_to(CORPUS).with_suffix("")),
        description=data["description"],
        method=method,
        target=target,
        headers=headers,
        body=body,
        expect_status=frozenset(data["expect_status"]),
        expect_codes=frozenset(_as_list(data.get("expect_code", []))),
        expect_content_type=data.get("expect_content_type"),
        chunked=data.get("chunked", False),
    )


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _text(value: str | dict[str, Any]) -> str:
    """A string as written, or built as ``prefix + repeat * times + suffix`` (huge inputs)."""
    if isinstance(value, str):
        return value
    return value.get("prefix", "") + value["repeat"] * value["times"] + value.get("suffix", "")


def _chunks(body: bytes, size: int = 65_536) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _sparql_request(entry: str, sparql: str) -> tuple[str, str, bytes | None, str | None]:
    method, how = _ENTRIES[entry]
    if method == "GET":
        return method, "/sparql?" + urlencode({how: sparql}, quote_via=quote), None, None
    if "/" in how:
        return method, "/sparql", sparql.encode(), how
    return method, "/sparql", urlencode({how: sparql}, quote_via=quote).encode(), _FORM


def send(base: str, case: AttackCase, *, timeout: float) -> Answer:
    """Send ``case`` to the server at ``base`` and read the whole answer.

    The server may answer (413, 400) before it has read a large body and then close
    the connection; a failed send is ignored so that answer can still be read.
    """
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    started = time.monotonic()
    try:
        connection.putrequest(case.method, case.target, skip_accept_encoding=True)
        for name, value in case.headers:
            connection.putheader(name, value)
        body: bytes | Iterator[bytes] | None = case.body
        if case.chunked and case.body is not None:
            connection.putheader("Transfer-Encoding", "chunked")
            body = _chunks(case.body)
        elif case.body is not None:
            connection.putheader("Content-Length", str(len(case.body)))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            connection.endheaders(body, encode_chunked=case.chunked)
        try:
            response = connection.getresponse()
            content = response.read()
        except (ConnectionResetError, http.client.RemoteDisconnected):
            return Answer(DROPPED, {}, b"", time.monotonic() - started)
        seconds = time.monotonic() - started
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Answer(response.status, headers, content, seconds)
    finally:
        connection.close()
