"""The transactional outbox in PostgreSQL: written by the unit of work, drained by the relay."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import exists, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.event_codec import EventCodec
from adapters.postgres.kernel_tables import outbox
from application.shared.outbox import EventRef, PendingEvent
from domain.shared.events import DomainEvent

_earlier = outbox.alias("earlier")

# Deliverable: pending and due, with no earlier pending event of its aggregate. Rows another
# relay holds are skipped, not waited for; the NOT EXISTS does not lock, so an earlier event
# that is held still holds back the later ones of its aggregate.
_CLAIM = (
    select(outbox.c.event_type, outbox.c.payload, outbox.c.attempts, outbox.c.trace_context)
    .where(
        outbox.c.delivered_at.is_(None),
        outbox.c.parked_at.is_(None),
        ~exists().where(
            _earlier.c.aggregate_id == outbox.c.aggregate_id,
            _earlier.c.position < outbox.c.position,
            _earlier.c.delivered_at.is_(None),
            _earlier.c.parked_at.is_(None),
        ),
    )
    .order_by(outbox.c.position)
    .with_for_update(skip_locked=True)
)


class SqlOutbox:
    def __init__(self, session: AsyncSession, codec: EventCodec) -> None:
        self._session = session
        self._codec = codec

    async def append(
        self, events: Sequence[DomainEvent], *, trace_context: str | None = None
    ) -> None:
        """Inserted in the given order, which numbers them (`position`) in that order.

        An event is due at once: `available_at` starts as the time it occurred.
        """
        if not events:
            return
        rows: list[dict[str, Any]] = []
        for event in events:
            event_type, payload = self._codec.encode(event)
            rows.append(
                {
                    "event_id": event.event_id,
                    "aggregate_id": event.aggregate_id,
                    "event_type": event_type,
                    "payload": payload,
                    "occurred_at": event.occurred_at,
                    "available_at": event.occurred_at,
                    "trace_context": trace_context,
                },
            )
        await self._session.execute(insert(outbox), rows)

    async def claim_next(self, *, now: datetime) -> PendingEvent | None:
        claimed = await self.claim_batch(now=now, limit=1)
        return claimed[0] if claimed else None

    async def claim_batch(self, *, now: datetime, limit: int) -> list[PendingEvent]:
        statement = _CLAIM.where(outbox.c.available_at <= now).limit(limit)
        rows = (await self._session.execute(statement)).mappings().all()
        return [
            PendingEvent(
                event=self._codec.decode(row["event_type"], row["payload"]),
                attempts=row["attempts"],
                trace_context=row["trace_context"],
            )
            for row in rows
        ]

    async def predecessor(self, event: DomainEvent, among: Collection[str]) -> EventRef | None:
        position = select(outbox.c.position).where(outbox.c.event_id == event.event_id)
        statement = (
            select(_earlier.c.event_id, _earlier.c.event_type)
            .where(
                _earlier.c.aggregate_id == event.aggregate_id,
                _earlier.c.position < position.scalar_subquery(),
                _earlier.c.event_type.in_(list(among)),
            )
            .order_by(_earlier.c.position.desc())
            .limit(1)
        )
        row = (await self._session.execute(statement)).first()
        return None if row is None else EventRef(event_id=row.event_id, event_type=row.event_type)

    async def mark_delivered(self, event_id: UUID, *, now: datetime) -> None:
        await self._set(event_id, delivered_at=now)

    async def retry_later(self, event_id: UUID, *, error: str, due: datetime) -> None:
        await self._set(
            event_id, attempts=outbox.c.attempts + 1, last_error=error, available_at=due
        )

    async def park(self, event_id: UUID, *, error: str, now: datetime) -> None:
        await self._set(event_id, attempts=outbox.c.attempts + 1, last_error=error, parked_at=now)

    async def _set(self, event_id: UUID, **values: Any) -> None:
        await self._session.execute(
            update(outbox).where(outbox.c.event_id == event_id).values(**values)
        )
