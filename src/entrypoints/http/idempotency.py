"""The `Idempotency-Key` header at the edge: validate, fingerprint, replay or run and store.

Any POST can opt in by taking the `Idempotent` dependency and wrapping its work in
`run(...)`. The stored response goes through the request's unit of work, so it commits in
the same transaction as the effect (see docs/adr/0004-idempotency-keys.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from application.shared.idempotency import IdempotencyGuard, IdempotentRequest, StoredResponse
from entrypoints.http.problems import IdempotencyKeyRequiredError, InvalidIdempotencyKeyError

HEADER = "Idempotency-Key"
_PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]{1,255}$")
_REPLAYED_HEADERS = ("location", "etag", "content-type")


class Idempotent:
    def __init__(self, guard: IdempotencyGuard, request: IdempotentRequest | None) -> None:
        self._guard = guard
        self._request = request

    async def run(self, handler: Callable[[], Awaitable[Response]]) -> Response:
        if self._request is None:
            return await handler()
        stored = await self._guard.claim(self._request)
        if stored is not None:
            return _replay(stored)
        response = await handler()
        if 200 <= response.status_code < 300:
            await self._guard.remember(self._request, _stored(response))
        return response


async def idempotent_request(
    request: Request,
    scope: str,
    *,
    required: bool,
) -> IdempotentRequest | None:
    key = request.headers.get(HEADER)
    if key is None:
        if required:
            raise IdempotencyKeyRequiredError(f"this endpoint needs an {HEADER} header")
        return None
    if not _PRINTABLE_ASCII.fullmatch(key):
        raise InvalidIdempotencyKeyError(f"{HEADER} must be 1-255 printable ASCII characters")
    body = await request.body()
    digest = hashlib.sha256(f"{request.method} {request.url.path}\n".encode() + body)
    return IdempotentRequest(scope=scope, key=key, fingerprint=digest.hexdigest())


def _stored(response: Response) -> StoredResponse:
    headers = tuple(
        (name, value) for name, value in response.headers.items() if name in _REPLAYED_HEADERS
    )
    return StoredResponse(status=response.status_code, headers=headers, body=bytes(response.body))


def _replay(stored: StoredResponse) -> Response:
    response = Response(stored.body, status_code=stored.status)
    for name, value in stored.headers:
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response
