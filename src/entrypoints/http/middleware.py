"""Cross-cutting request handling as pure ASGI middleware (no per-request task or copy).

- `RequestContextMiddleware`: request id, one log line, metrics, and the last-resort 500.
- `SecurityHeadersMiddleware`: headers every response carries.
- `BodySizeLimitMiddleware`: refuses oversized bodies before they are buffered.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

import structlog
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.http.problems import problem

logger = structlog.get_logger("orderly.http")

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Unique per process (random prefix) and per request (counter): as unique as a UUID, at a
# fraction of the cost of reading the OS's randomness on every request.
_PROCESS_PREFIX = secrets.token_hex(8)
_request_numbers = itertools.count(1)

RequestObserver = Callable[[str, str, int, float], None]


class RequestContextMiddleware:
    """Outermost of ours, so its log line and 500 cover everything inside it."""

    def __init__(self, app: ASGIApp, observe: RequestObserver | None = None) -> None:
        self.app = app
        self.observe = observe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled_error")
            if not response_started:
                response = problem(
                    Request(scope),
                    status=500,
                    code="internal_error",
                    detail="An unexpected error occurred; it has been logged.",
                )
                await response(scope, receive, send_with_id)
        finally:
            self._finish(scope, status, started)

    def _finish(self, scope: Scope, status: int, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        route = _route_template(scope, status)
        state: dict[str, Any] = scope.get("state", {})
        logger.info(
            "request",
            method=scope["method"],
            route=route,
            status=status,
            duration_ms=duration_ms,
            user_id=state.get("user_id"),
        )
        if self.observe is not None:
            self.observe(scope["method"], route, status, duration_ms / 1000)
        structlog.contextvars.clear_contextvars()


def _request_id(scope: Scope) -> str:
    """Keeps a well-formed incoming id so one id follows a call across services."""
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            candidate: str = value.decode("latin-1")
            if _VALID_REQUEST_ID.fullmatch(candidate):
                return candidate
    return f"{_PROCESS_PREFIX}-{next(_request_numbers):012x}"


def _route_template(scope: Scope, status: int) -> str:
    """The path template, never a raw path with ids in it (label cardinality). Fixed routes
    outside the API routers (docs, metrics) report their path; misses report "unmatched".
    """
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    return "unmatched" if status in {404, 405} else str(scope["path"])


_BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]
_API_HEADERS = [
    *_BASE_HEADERS,
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
]
_NO_STORE = (b"cache-control", b"no-store")
_DOCS_PATHS = ("/docs", "/redoc")


class SecurityHeadersMiddleware:
    """`Cache-Control: no-store` on anything answered to a caller who sent credentials.

    The Swagger UI pages get no Content-Security-Policy: they load their own scripts.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = _BASE_HEADERS if scope["path"].startswith(_DOCS_PATHS) else _API_HEADERS
        no_store = any(name == b"authorization" for name, _ in scope["headers"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message["headers"]
                if no_store:
                    headers = [*(h for h in headers if h[0] != b"cache-control"), _NO_STORE]
                message["headers"] = [*headers, *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Checks `Content-Length` up front and counts streamed bytes for chunked bodies."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await problem(
                    Request(scope),
                    status=413,
                    code="payload_too_large",
                    detail=f"request bodies are limited to {self.max_bytes} bytes",
                )(scope, receive, send)
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(413, f"request bodies are limited to {self.max_bytes} bytes")
            return message

        await self.app(scope, counting_receive, send)
