"""Exception handlers: every error leaves as problem+json, through the one table in
error_table.py."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Match

from adapters.postgres.unavailable import DATABASE_UNAVAILABLE
from domain.shared.errors import DomainError, DomainValidationError
from entrypoints.http.edge_errors import EdgeError
from entrypoints.http.error_table import STATUS_CODES, code_of, headers_for, spec_for
from entrypoints.http.problems import DETAIL_MAX, MAX_ERRORS, problem

RETRY_AFTER_SECONDS = "1"
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


async def _domain_error(request: Request, error: Exception) -> Response:
    if isinstance(error, DomainValidationError) and error.field is not None:
        # One field broke a rule: answered like any invalid field (SPEC §5), with its pointer.
        return _invalid(request, [{"pointer": f"/{error.field}", "detail": str(error)}])
    spec = spec_for(error)
    return problem(
        request,
        status=spec.status,
        code=code_of(error),
        title=spec.title,
        detail=str(error),
        headers=headers_for(error),
    )


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)  # noqa: S101 - registered for this type only
    return _invalid(request, [_describe(item) for item in error.errors()])


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)  # noqa: S101 - registered for this type only
    if error.status_code == 400:
        # The framework's only 400: a body it could not even decode. That is invalid input
        # like any other (SPEC §5), so it answers as one.
        return _invalid(request, [{"pointer": "", "detail": "The body is not valid JSON."}])
    detail = error.detail if error.status_code != 404 else "No resource at this address."
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = ", ".join(_allowed_methods(request))
    return problem(
        request,
        status=error.status_code,
        code=STATUS_CODES.get(error.status_code, "http_error"),
        detail=str(detail),
        headers=headers,
    )


def _allowed_methods(request: Request) -> list[str]:
    """Asks the router which methods fully match this path; it reports only the first route's."""
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    ]


def _invalid(request: Request, errors: list[dict[str, str]]) -> Response:
    """At most `MAX_ERRORS` of them: a body with thousands of unknown fields would otherwise
    be answered with a longer list still, and the first ones are enough to fix a request."""
    return problem(
        request,
        status=422,
        code="validation_error",
        title="Invalid request",
        detail="The request has invalid fields; see `errors`.",
        extra={"errors": errors[:MAX_ERRORS]},
    )


async def _database_unavailable(request: Request, _: Exception) -> Response:
    """Pool exhausted or database down: tell the client to retry rather than hang."""
    return problem(
        request,
        status=503,
        code="service_unavailable",
        detail="The service is overloaded or its database is unreachable; retry shortly.",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Unexpected exceptions are not registered here: `EdgeMiddleware` answers them,
    so a 500 still carries the request id and gets logged once with its traceback.
    """
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(EdgeError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    for database_error in DATABASE_UNAVAILABLE:  # the client should retry, not give up
        app.add_exception_handler(database_error, _database_unavailable)


def _describe(item: Any) -> dict[str, str]:
    """Body errors point into the document (RFC 6901); others name the parameter."""
    location, *path = item["loc"]
    detail = str(item["msg"])[:DETAIL_MAX]
    if location == "body":
        return {"pointer": "".join(f"/{_escape(part)}" for part in path), "detail": detail}
    name = str(path[0]) if path else str(location)
    return {"parameter": name, "detail": detail}


def _escape(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")
