"""The `Idempotency-Key` header (IETF httpapi draft semantics), declared on a route:

    @router.post(..., dependencies=[idempotent(required=False)])

The key is scoped to the caller. The first request's response (status, body, `Location`,
`ETag`) is stored in the same transaction as its effect, and replayed for 24 hours to a
retry with the same key and body (`Idempotent-Replayed: true`). The same key with another
body is 422 `idempotency_key_reused`; a retry while the first still runs is 409
`idempotency_request_in_progress`. Only a 2xx is stored: a failed request leaves the key
unused. See docs/adr/0004-idempotency-keys.md.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from typing import Annotated, Any

import orjson
from fastapi import Depends, Header
from starlette.requests import Request
from starlette.responses import Response

from application.shared.caller import Caller
from application.shared.idempotency import IdempotencyRecord
from entrypoints.http.dependencies import caller_of
from entrypoints.http.edge_errors import (
    IdempotencyKeyRequiredError,
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
    InvalidIdempotencyKeyError,
)
from entrypoints.http.transactions import Answered, transaction_of

HEADER = "Idempotency-Key"
RETENTION = timedelta(hours=24)
_PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]{1,255}$")
_REPLAYED_HEADERS = ("location", "etag", "content-type")

KeyHeader = Annotated[
    str | None,
    Header(
        alias=HEADER,
        description="1-255 printable ASCII characters, unique per intended effect; a retry "
        "with the same key and body replays the first response for 24 hours.",
        # Documented, not validated by the framework: another key is 400, not 422 (SPEC §5).
        json_schema_extra={"pattern": _PRINTABLE_ASCII.pattern, "maxLength": 255},
    ),
]


def idempotent(*, required: bool) -> Any:
    """The route's dependency: claims the key in the request's transaction before the route
    runs, and stores the route's 2xx response in that transaction before it commits.
    """

    async def claim(request: Request, key: KeyHeader = None) -> None:
        if key is None:
            if required:
                raise IdempotencyKeyRequiredError(f"this endpoint needs an {HEADER} header")
            return
        if not _PRINTABLE_ASCII.fullmatch(key):
            raise InvalidIdempotencyKeyError(f"{HEADER} must be 1-255 printable ASCII characters")
        scope = _scope(await caller_of(request))
        fingerprint = await _fingerprint(request)
        transaction = transaction_of(request)
        store = transaction.uow.idempotency
        if not await store.try_lock(scope, key):
            raise IdempotencyRequestInProgressError(
                f"a request with this {HEADER} is still being processed"
            )
        clock = request.app.state.container.clock()
        record = await store.find(scope, key, now=clock.now())
        if record is not None:
            if record.fingerprint != fingerprint:
                raise IdempotencyKeyReusedError(f"this {HEADER} was used for a different request")
            raise Answered(_replay(record.response))

        async def remember(response: Response) -> None:
            if 200 <= response.status_code < 300:
                await store.save(
                    IdempotencyRecord(
                        scope=scope,
                        key=key,
                        fingerprint=fingerprint,
                        response=_stored(response),
                        expires_at=clock.now() + RETENTION,
                    ),
                )

        transaction.before_commit(remember)

    return Depends(claim)


def _scope(caller: Caller) -> str:
    return str(caller.user_id) if caller.user_id else "anonymous"


async def _fingerprint(request: Request) -> str:
    body = await request.body()
    digest = hashlib.sha256(f"{request.method} {request.url.path}\n".encode() + body)
    return digest.hexdigest()


def _stored(response: Response) -> bytes:
    """One JSON line of status and headers, then the body as it was sent."""
    headers = [
        [name, value] for name, value in response.headers.items() if name in _REPLAYED_HEADERS
    ]
    head = orjson.dumps({"status": response.status_code, "headers": headers})
    return head + b"\n" + bytes(response.body)


def _replay(stored: bytes) -> Response:
    head, _, body = stored.partition(b"\n")
    meta = orjson.loads(head)
    response = Response(body, status_code=meta["status"])
    for name, value in meta["headers"]:
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response
