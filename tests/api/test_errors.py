"""Every error answer has one JSON shape; unknown ids are 404, bad parameters 400/422."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/measures/no-such-measure", 404, "unknown_entity"),
        ("/measures/no-such-measure/bodies", 404, "unknown_entity"),
        ("/bodies/no-such-body", 404, "unknown_entity"),
        ("/bodies/no-such-body/measures", 404, "unknown_entity"),
        ("/principles/nope/measures", 404, "unknown_entity"),
        ("/legislation/nope", 404, "unknown_entity"),
        ("/queries/nope", 404, "unknown_entity"),
        ("/id/measure/nope", 404, "unknown_entity"),
        ("/no/such/path", 404, "not_found"),
        ("/measures?status=abolished", 400, "invalid_parameter"),
        ("/measures?body=nobody", 400, "invalid_parameter"),
        ("/measures?limit=0", 422, "invalid_request"),
        ("/search", 422, "invalid_request"),
        ("/queries/bodies-of-measure", 400, "invalid_parameter"),
        ("/sparql?query=SELECT%20*%20WHERE%20%7B", 400, "query_rejected"),
    ],
)
def test_error_has_one_shape(client: TestClient, path: str, status: int, code: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
