"""Errors only the HTTP edge can detect (headers, cursors), each with its stable code."""

from __future__ import annotations


class EdgeError(Exception):
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


class IdempotencyKeyReusedError(EdgeError):
    """Same key, different request: replaying would answer a question nobody asked."""

    code = "idempotency_key_reused"


class IdempotencyRequestInProgressError(EdgeError):
    code = "idempotency_request_in_progress"


class ServiceUnavailableError(EdgeError):
    code = "service_unavailable"
