"""Idempotency keys, transport-agnostic: claim a key, replay its outcome, or remember it.

The record is written through the same unit of work as the effect, so the two commit or
roll back together: a crash can never leave an effect without its stored response.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from application.shared.errors import ApplicationError
from application.shared.ports import Clock

RETENTION = timedelta(hours=24)


class IdempotencyKeyReusedError(ApplicationError):
    """Same key, different request: replaying would answer a question nobody asked."""

    code = "idempotency_key_reused"


class IdempotencyRequestInProgressError(ApplicationError):
    code = "idempotency_request_in_progress"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredResponse:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class IdempotencyRecord:
    scope: str
    key: str
    fingerprint: str
    response: StoredResponse
    expires_at: datetime


class IdempotencyStore(Protocol):
    async def try_lock(self, scope: str, key: str) -> bool:
        """Holds the key until the unit of work ends; False if another request holds it."""
        ...

    async def find(self, scope: str, key: str, *, now: datetime) -> IdempotencyRecord | None:
        """The unexpired record for the key, if any."""
        ...

    async def save(self, record: IdempotencyRecord) -> None:
        """Stores (or replaces an expired) record in the current transaction."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class IdempotentRequest:
    scope: str
    key: str
    fingerprint: str


class IdempotencyGuard:
    """Serialises requests that share a key and replays the first one's response."""

    def __init__(self, store: IdempotencyStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def claim(self, request: IdempotentRequest) -> StoredResponse | None:
        """The response to replay, or None when this request should run."""
        if not await self._store.try_lock(request.scope, request.key):
            raise IdempotencyRequestInProgressError(
                "a request with this Idempotency-Key is still being processed",
            )
        record = await self._store.find(request.scope, request.key, now=self._clock.now())
        if record is None:
            return None
        if record.fingerprint != request.fingerprint:
            raise IdempotencyKeyReusedError(
                "this Idempotency-Key was used for a different request",
            )
        return record.response

    async def remember(self, request: IdempotentRequest, response: StoredResponse) -> None:
        await self._store.save(
            IdempotencyRecord(
                scope=request.scope,
                key=request.key,
                fingerprint=request.fingerprint,
                response=response,
                expires_at=self._clock.now() + RETENTION,
            ),
        )
