"""Every request's cross-cutting work, in one pure ASGI middleware layer.

One layer rather than one per concern: each layer costs a call and a wrapped `send` per
request, and these concerns all look at the same two moments, the request arriving and the
response starting. In order:

- take a well-formed incoming `X-Request-ID`, or make one, and bind it to the log context;
- count an API request against its client's budget (429 once spent);
- refuse a body over the limit (413) before it is buffered;
- on the response: `X-Request-ID`, the security headers, the client's `RateLimit-*` (unless
  the endpoint reported a tighter limit of its own), and `Cache-Control: no-store` on
  anything answered to a caller who sent credentials;
- the last-resort 500 for an exception nothing else handled (logged with its traceback);
- at the end, one log line and one latency observation per request, by route template.
"""

from __future__ import annotations

import itertools
import re
import secrets
import time
from collections.abc import Callable
from typing import Any, Protocol

import structlog
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.shared.rate_limit import RateLimitDecision, RateLimitedError
from entrypoints.http.error_table import headers_for, spec_for
from entrypoints.http.problems import problem

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Unique per process (random prefix) and per request (counter): as unique as a UUID, at a
# fraction of the cost of reading the OS's randomness on every request.
_PROCESS_PREFIX = secrets.token_hex(8)
_request_numbers = itertools.count(1)


class RequestObserver(Protocol):
    """Counts requests in flight and measures each finished one (the metrics)."""

    def started(self) -> None: ...

    def finished(self, method: str, route: str, status: int, seconds: float) -> None: ...


class ClientBudget(Protocol):
    """Counts one API request against its client's budget (rate_limits.ClientLimit)."""

    async def hit(self, scope: Scope) -> RateLimitDecision | None:
        """None when it cannot tell (its store is down): the request goes through uncounted."""
        ...


SpanAnnotator = Callable[[Scope, str], None]
"""Names the request id and endpoint on the request's trace span (only when tracing is on)."""

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
# The Swagger UI pages get no Content-Security-Policy: they load their own scripts.
_DOCS_PATHS = ("/docs", "/redoc")
_API_PATHS = "/api/"


class EdgeMiddleware:
    """Outermost of ours, so its log line, headers and 500 cover everything inside it."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        budget: ClientBudget | None = None,
        observer: RequestObserver | None = None,
        annotate: SpanAnnotator | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.budget = budget
        self.observer = observer
        self.annotate = annotate
        # Bound once, when the app first serves (logging is configured by then): a lazy
        # logger would look its configuration up again on every call.
        self._log = structlog.get_logger("orderly.http").bind()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        if self.observer is not None:
            self.observer.started()
        request_id, credentials, length = _read_headers(scope["headers"])
        scope.setdefault("state", {})["request_id"] = request_id
        tokens = structlog.contextvars.bind_contextvars(request_id=request_id)
        added = _BASE_HEADERS if scope["path"].startswith(_DOCS_PATHS) else _API_HEADERS
        decision = None
        limits: list[tuple[bytes, bytes]] = []
        status = 500
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = message["headers"]
                if credentials:
                    headers = [*(h for h in headers if h[0] != b"cache-control"), _NO_STORE]
                if limits and any(h[0] == b"ratelimit-limit" for h in headers):
                    limits.clear()  # the endpoint's own limit, tighter than the client's
                message["headers"] = [
                    *headers,
                    *added,
                    *limits,
                    (b"x-request-id", request_id.encode()),
                ]
                if self.annotate is not None:  # while the request's span is still open
                    self.annotate(scope, request_id)
            await send(message)

        try:
            if self.budget is not None and scope["path"].startswith(_API_PATHS):
                decision = await self.budget.hit(scope)
                limits = _limit_headers(decision) if decision is not None else []
            if decision is not None and not decision.allowed:
                await _refused(scope, decision)(scope, receive, send_with_headers)
            elif length is not None and length > self.max_body_bytes:
                await self._too_large(scope, receive, send_with_headers)
            else:
                await self.app(scope, self._limited(receive), send_with_headers)
        except Exception:  # noqa: BLE001 - logged with its traceback, answered 500
            self._log.exception("unhandled_error")
            if not response_started:
                response = problem(
                    Request(scope),
                    status=500,
                    code="internal_error",
                    detail="An unexpected error occurred; it has been logged.",
                )
                await response(scope, receive, send_with_headers)
        finally:
            self._finish(scope, status, started)
            structlog.contextvars.reset_contextvars(**tokens)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await problem(
            Request(scope),
            status=413,
            code="payload_too_large",
            detail=f"request bodies are limited to {self.max_body_bytes} bytes",
        )(scope, receive, send)

    def _limited(self, receive: Receive) -> Receive:
        """Counts streamed bytes too: a chunked body announces no length up front."""
        received = 0
        limit = self.max_body_bytes

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise HTTPException(413, f"request bodies are limited to {limit} bytes")
            return message

        return counting_receive

    def _finish(self, scope: Scope, status: int, started: float) -> None:
        duration = time.perf_counter() - started
        route = _route_template(scope, status)
        state: dict[str, Any] = scope["state"]
        self._log.info(
            "request",
            method=scope["method"],
            route=route,
            status=status,
            duration_ms=round(duration * 1000, 2),
            user_id=state.get("user_id"),
        )
        if self.observer is not None:
            self.observer.finished(scope["method"], route, status, duration)


def _limit_headers(decision: RateLimitDecision) -> list[tuple[bytes, bytes]]:
    return [
        (b"ratelimit-limit", b"%d" % decision.limit),
        (b"ratelimit-remaining", b"%d" % decision.remaining),
        (b"ratelimit-reset", b"%d" % decision.reset_after_seconds),
    ]


def _refused(scope: Scope, decision: RateLimitDecision) -> Response:
    """The same 429 an endpoint's own limit answers, less the `RateLimit-*` headers, which
    the response start adds."""
    error = RateLimitedError(decision)
    return problem(
        Request(scope),
        status=429,
        code=error.code,
        title=spec_for(error).title,
        detail=str(error),
        headers={"Retry-After": headers_for(error)["Retry-After"]},
    )


def _read_headers(headers: list[tuple[bytes, bytes]]) -> tuple[str, bool, int | None]:
    """One pass over the request headers: the request id to use, whether credentials were
    sent, and the announced body length.
    """
    request_id = None
    credentials = False
    length = None
    for name, value in headers:
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _VALID_REQUEST_ID.fullmatch(candidate):
                request_id = candidate
        elif name == b"authorization":
            credentials = True
        elif name == b"content-length" and value.isdigit():
            length = int(value)
    return request_id or f"{_PROCESS_PREFIX}-{next(_request_numbers):012x}", credentials, length


def _route_template(scope: Scope, status: int) -> str:
    """The path template, never a raw path with ids in it (label cardinality). Fixed routes
    outside the API routers (docs, metrics) report their path; misses report "unmatched".
    """
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    return "unmatched" if status in {404, 405} else str(scope["path"])
