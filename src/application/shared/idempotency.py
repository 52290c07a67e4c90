"""Storage for idempotency keys: a key, the request it was first used for, and an opaque
answer to replay.

What a key means and how an answer is replayed is the HTTP edge's business
(`entrypoints/http/idempotency.py`); the core only keeps the record, through the unit of
work, so it commits or rolls back together with the effect it describes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class IdempotencyRecord:
    scope: str
    key: str
    fingerprint: str
    response: bytes = field(repr=False)
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
