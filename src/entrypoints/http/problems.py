"""RFC 9457 problem details: the one table from errors to HTTP, and the response builder.

The table is the single source for status codes, titles and the OpenAPI `responses` of each
route, so the documentation cannot drift from what the handlers do.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from application.identity.errors import InvalidCredentialsError, InvalidTokenError
from application.shared.errors import PermissionDeniedError, PreconditionFailedError
from application.shared.idempotency import (
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
)
from application.shared.principal import NotAuthenticatedError
from application.shared.rate_limit import RateLimitDecision, RateLimitedError
from domain.billing.invoice import (
    InvalidInvoiceError,
    InvalidInvoiceStateError,
    InvalidPaymentError,
    InvoiceNotFoundError,
    InvoiceNotOpenError,
    OverpaymentError,
)
from domain.catalog.product import ProductNotFoundError, SkuTakenError
from domain.identity.user import (
    EmailTakenError,
    InvalidEmailError,
    InvalidUserError,
    UserNotFoundError,
    WeakPasswordError,
)
from domain.ordering.order import (
    InsufficientStockError,
    InvalidOrderError,
    InvalidOrderStateError,
    MixedCurrencyError,
    OrderNotFoundError,
    ProductUnavailableError,
)
from domain.shared.errors import (
    ConcurrentModificationError,
    DomainError,
    DomainValidationError,
    NotFoundError,
)
from domain.shared.money import CurrencyMismatchError

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:orderly:problem:"


@dataclass(frozen=True, slots=True)
class ProblemSpec:
    status: int
    title: str


class EdgeError(Exception):
    """An error only the HTTP edge can detect (headers, cursors), with its own code."""

    code = "bad_request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.headers = headers or {}


class InvalidCursorError(EdgeError):
    code = "invalid_cursor"


class InvalidIdempotencyKeyError(EdgeError):
    code = "invalid_idempotency_key"


class IdempotencyKeyRequiredError(EdgeError):
    code = "idempotency_key_required"


class ServiceUnavailableError(EdgeError):
    code = "service_unavailable"


ERRORS: dict[type[Exception], ProblemSpec] = {
    InvalidCursorError: ProblemSpec(400, "Invalid cursor"),
    InvalidIdempotencyKeyError: ProblemSpec(400, "Invalid Idempotency-Key"),
    IdempotencyKeyRequiredError: ProblemSpec(400, "Idempotency-Key required"),
    InvalidCredentialsError: ProblemSpec(401, "Invalid credentials"),
    InvalidTokenError: ProblemSpec(401, "Invalid token"),
    NotAuthenticatedError: ProblemSpec(401, "Not authenticated"),
    PermissionDeniedError: ProblemSpec(403, "Forbidden"),
    ProductNotFoundError: ProblemSpec(404, "Product not found"),
    UserNotFoundError: ProblemSpec(404, "User not found"),
    OrderNotFoundError: ProblemSpec(404, "Order not found"),
    InvoiceNotFoundError: ProblemSpec(404, "Invoice not found"),
    NotFoundError: ProblemSpec(404, "Not found"),
    SkuTakenError: ProblemSpec(409, "SKU already in use"),
    EmailTakenError: ProblemSpec(409, "Email already registered"),
    InsufficientStockError: ProblemSpec(409, "Insufficient stock"),
    InvalidOrderStateError: ProblemSpec(409, "Invalid order state"),
    InvoiceNotOpenError: ProblemSpec(409, "Invoice not open"),
    InvalidInvoiceStateError: ProblemSpec(409, "Invalid invoice state"),
    ConcurrentModificationError: ProblemSpec(409, "Concurrent modification"),
    IdempotencyRequestInProgressError: ProblemSpec(409, "Request in progress"),
    PreconditionFailedError: ProblemSpec(412, "Precondition failed"),
    IdempotencyKeyReusedError: ProblemSpec(422, "Idempotency-Key reused"),
    WeakPasswordError: ProblemSpec(422, "Weak password"),
    InvalidEmailError: ProblemSpec(422, "Invalid email"),
    InvalidUserError: ProblemSpec(422, "Invalid user"),
    ProductUnavailableError: ProblemSpec(422, "Product unavailable"),
    MixedCurrencyError: ProblemSpec(422, "Mixed currencies"),
    InvalidOrderError: ProblemSpec(422, "Invalid order"),
    OverpaymentError: ProblemSpec(422, "Overpayment"),
    InvalidPaymentError: ProblemSpec(422, "Invalid payment"),
    InvalidInvoiceError: ProblemSpec(422, "Invalid invoice"),
    CurrencyMismatchError: ProblemSpec(422, "Currency mismatch"),
    DomainValidationError: ProblemSpec(422, "Invalid input"),
    DomainError: ProblemSpec(422, "Request refused"),
    RateLimitedError: ProblemSpec(429, "Too many requests"),
    ServiceUnavailableError: ProblemSpec(503, "Service unavailable"),
}

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
    if isinstance(error, RateLimitedError):
        return {"Retry-After": str(error.retry_after_seconds), **rate_limit_headers(error.decision)}
    return {}


def rate_limit_headers(decision: RateLimitDecision) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(decision.reset_after_seconds),
    }


def code_of(error: Exception) -> str:
    return str(getattr(error, "code", STATUS_CODES[500]))


def problem(
    request: Request,
    *,
    status: int,
    code: str,
    detail: str,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "code": code,
        "request_id": request.scope.get("state", {}).get("request_id"),
        **(extra or {}),
    }
    return Response(
        orjson.dumps(body),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_JSON,
    )


def responses_for(*errors: type[Exception]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route, read from the same table the handlers use."""
    documented: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        spec = ERRORS[error]
        entry = documented.setdefault(
            spec.status,
            {"description": spec.title, "content": {PROBLEM_JSON: {"schema": _PROBLEM_SCHEMA}}},
        )
        codes = entry.setdefault("x-codes", [])
        codes.append(error.code if hasattr(error, "code") else "error")
    return documented


_PROBLEM_SCHEMA: dict[str, Any] = {"$ref": "#/components/schemas/Problem"}
