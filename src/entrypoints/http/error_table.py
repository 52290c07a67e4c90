"""The one table from errors to HTTP: status, title, and the headers some problems carry.

Each context lists its own errors (`<context>/errors.py`, declared with the context in
`entrypoints/contexts/`); this module joins them with the shared and edge errors. The
exception handlers answer from it, and `openapi.py` documents each route's responses from
it, so the documentation cannot drift from the behaviour.
"""

from __future__ import annotations

from application.identity.errors import InvalidTokenError
from application.shared.caller import NotAuthenticatedError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.rate_limit import RateLimitedError, RateLimiterUnavailableError
from domain.shared.errors import (
    ConcurrentModificationError,
    DomainError,
    DomainValidationError,
    NotFoundError,
)
from domain.shared.money import CurrencyMismatchError
from entrypoints.contexts import context_errors
from entrypoints.contexts.all import CONTEXTS
from entrypoints.http.edge_errors import (
    EdgeError,
    IdempotencyKeyRequiredError,
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
    InvalidCursorError,
    InvalidIdempotencyKeyError,
    ServiceUnavailableError,
)
from entrypoints.http.problems import ProblemSpec
from entrypoints.http.rate_limits import rate_limit_headers

_SHARED_ERRORS: dict[type[Exception], ProblemSpec] = {
    InvalidCursorError: ProblemSpec(400, "Invalid cursor"),
    InvalidIdempotencyKeyError: ProblemSpec(400, "Invalid Idempotency-Key"),
    IdempotencyKeyRequiredError: ProblemSpec(400, "Idempotency-Key required"),
    NotAuthenticatedError: ProblemSpec(401, "Not authenticated"),
    PermissionDeniedError: ProblemSpec(403, "Forbidden"),
    NotFoundError: ProblemSpec(404, "Not found"),
    ConcurrentModificationError: ProblemSpec(409, "Concurrent modification"),
    IdempotencyRequestInProgressError: ProblemSpec(409, "Request in progress"),
    PreconditionFailedError: ProblemSpec(412, "Precondition failed"),
    IdempotencyKeyReusedError: ProblemSpec(422, "Idempotency-Key reused"),
    CurrencyMismatchError: ProblemSpec(422, "Currency mismatch"),
    DomainValidationError: ProblemSpec(422, "Invalid input"),
    DomainError: ProblemSpec(422, "Request refused"),
    RateLimitedError: ProblemSpec(429, "Too many requests"),
    RateLimiterUnavailableError: ProblemSpec(503, "Service unavailable"),
    ServiceUnavailableError: ProblemSpec(503, "Service unavailable"),
}

ERRORS: dict[type[Exception], ProblemSpec] = {**_SHARED_ERRORS, **context_errors(CONTEXTS)}

# Codes for errors raised by the framework itself rather than by our code.
STATUS_CODES: dict[int, str] = {
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
}


def spec_for(error: Exception) -> ProblemSpec:
    """The most specific entry along the class hierarchy wins."""
    for cls in type(error).__mro__:
        if cls in ERRORS:
            return ERRORS[cls]
    return ProblemSpec(500, "Internal server error")


def headers_for(error: Exception) -> dict[str, str]:
    """Headers some problems must carry: how to authenticate, when to come back."""
    if isinstance(error, EdgeError):
        return error.headers
    if isinstance(error, NotAuthenticatedError):
        challenge = (
            'Bearer error="invalid_token"' if isinstance(error, InvalidTokenError) else "Bearer"
        )
        return {"WWW-Authenticate": challenge}
    if isinstance(error, RateLimiterUnavailableError):
        return {"Retry-After": "1"}
    if isinstance(error, RateLimitedError):
        return {"Retry-After": str(error.retry_after_seconds), **rate_limit_headers(error.decision)}
    return {}


def code_of(error: Exception) -> str:
    return str(getattr(error, "code", STATUS_CODES[500]))
