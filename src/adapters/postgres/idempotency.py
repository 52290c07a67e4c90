"""Idempotency records in PostgreSQL, inside the unit of work's transaction.

A transaction-scoped advisory lock marks a key as in progress: it needs no row, is released
by COMMIT or ROLLBACK whatever happens, and a second request learns about it at once
instead of blocking on a row lock. The stored response is opaque bytes: what it means is
the HTTP edge's business.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.kernel_tables import idempotency_records as records
from application.shared.idempotency import IdempotencyRecord


class SqlIdempotencyStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def try_lock(self, scope: str, key: str) -> bool:
        lock_id = func.hashtextextended(f"idempotency:{scope}:{key}", 0)
        locked = await self._session.scalar(select(func.pg_try_advisory_xact_lock(lock_id)))
        return bool(locked)

    async def find(self, scope: str, key: str, *, now: datetime) -> IdempotencyRecord | None:
        statement = select(records).where(
            records.c.scope == scope,
            records.c.key == key,
            records.c.expires_at > now,
        )
        row = (await self._session.execute(statement)).mappings().first()
        if row is None:
            return None
        return IdempotencyRecord(
            scope=row["scope"],
            key=row["key"],
            fingerprint=row["fingerprint"],
            response=row["response"],
            expires_at=row["expires_at"],
        )

    async def save(self, record: IdempotencyRecord) -> None:
        values = {
            "fingerprint": record.fingerprint,
            "response": record.response,
            "created_at": func.now(),
            "expires_at": record.expires_at,
        }
        statement = insert(records).values(scope=record.scope, key=record.key, **values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=["scope", "key"], set_=values),
        )
