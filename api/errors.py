"""One place that turns exceptions into HTTP statuses and one JSON error body.

Every error answer looks like ``{"error": {"status": 404, "code": "unknown_entity",
"message": "..."}}``: domain exceptions from ``graph``, request validation errors and
HTTP errors (unknown path, wrong method) alike.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from api.admission import TooManyQueries
from api.pages import templates, wants_html
from graph.errors import (
    InvalidData,
    PolicyKGError,
    QueryRejected,
    QueryTimeout,
    ReloadDisabled,
    ResultTooLarge,
    ShapeViolations,
    UnknownEntity,
)
from graph.query_guard import OperationForbidden
from graph.resources import InvalidParameter

STATUSES: dict[type[PolicyKGError], tuple[int, str]] = {
    UnknownEntity: (404, "unknown_entity"),
    InvalidParameter: (400, "invalid_parameter"),
    OperationForbidden: (403, "operation_forbidden"),
    QueryRejected: (400, "query_rejected"),
    QueryTimeout: (503, "query_timeout"),
    TooManyQueries: (429, "too_many_queries"),
    ResultTooLarge: (503, "result_too_large"),
    InvalidData: (422, "invalid_data"),
    ShapeViolations: (422, "shape_violations"),
    ReloadDisabled: (404, "not_found"),
}
"""Status and code for each domain exception; the most specific class wins."""


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """The error body, with ``status`` as the HTTP status."""
    body = {"error": {"status": status, "code": code, "message": message}}
    return JSONResponse(body, status_code=status)


def negotiated_error(request: Request, status: int, code: str, message: str) -> Response:
    """The error as a readable page for browsers, else as the JSON error body."""
    if wants_html(request):
        context = {"status": status, "code": code, "message": message}
        return templates.TemplateResponse(request, "error.html", context, status_code=status)
    return error_response(status, code, message)


def _domain_error(request: Request, exc: Exception) -> Response:
    for cls in type(exc).__mro__:
        if cls in STATUSES:
            status, code = STATUSES[cls]
            response = negotiated_error(request, status, code, str(exc))
            if isinstance(exc, TooManyQueries):
                response.headers["Retry-After"] = str(exc.retry_after)
            return response
    return negotiated_error(request, 500, "internal_error", "the server failed to answer")


def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message = "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
    )
    return negotiated_error(request, 422, "invalid_request", message)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(
        exc.status_code, "http_error"
    )
    response = negotiated_error(request, exc.status_code, code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(PolicyKGError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
