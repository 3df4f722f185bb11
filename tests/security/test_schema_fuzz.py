"""Schema-driven fuzzing: every operation of the OpenAPI schema, with generated inputs.

Schemathesis reads the app's own schema (``/openapi.json``) and calls each operation
through ASGI with examples derived from it: valid ones (positive) and ones the schema
forbids (negative). Whatever it sends, the app must not fail (no 5xx) and each answer
must match the schema and content type the operation declares. The number of examples
per operation is bounded so the run stays short; ``derandomize`` makes it repeatable.

The operations are walked inside the test (not with schemathesis' pytest decorator)
so the app is built by a fixture, not at import.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    """The app's OpenAPI schema, with calls going to the app through ASGI."""
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _fuzz(operation: schemathesis.APIOperation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    call()


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
def test_every_operation_answers_without_server_error_and_as_declared(
    api_schema: schemathesis.BaseSchema, mode: GenerationMode
) -> None:
    failures = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        try:
            _fuzz(operation, mode)
        except Unsatisfiable:  # nothing the schema forbids can be sent (no constrained input)
            continue
        except Exception as exc:  # collect every operation's failure, not just the first
            failures.append(f"{operation.label}:\n{exc}")
    assert not failures, "\n\n".join(failures)
