"""In-memory outbox: the PostgreSQL outbox's claims, ordering and commit rules, in a list."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import datetime
from uuid import UUID

from adapters.memory.store import InMemoryRepository, InMemoryStore, OutboxRecord
from application.shared.outbox import Backlog, EventRef, PendingEvent
from application.shared.ports import Clock
from domain.shared.events import DomainEvent

Change = Callable[[OutboxRecord], OutboxRecord]


class InMemoryOutbox(InMemoryRepository):
    """A claimed event is held until the unit of work ends, as `FOR UPDATE SKIP LOCKED`
    holds its row until the transaction does, so another unit of work passes over it.
    Changes wait for the commit and then apply to the committed record, as an `UPDATE`
    would.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._held: set[UUID] = set()
        self._changes: list[tuple[UUID, Change]] = []

    async def claim_next(self, *, now: datetime) -> PendingEvent | None:
        claimed = await self.claim_batch(now=now, limit=1)
        return claimed[0] if claimed else None

    async def claim_batch(self, *, now: datetime, limit: int) -> list[PendingEvent]:
        claimed: list[PendingEvent] = []
        waiting: set[UUID] = set()  # aggregates with an earlier event still to settle
        for record in self._store.outbox:
            if len(claimed) == limit:
                break
            if record.settled:
                continue
            event = record.event
            claimable = (
                event.aggregate_id not in waiting
                and record.available_at <= now
                and event.event_id not in self._store.held_events
            )
            if claimable:
                self._store.held_events.add(event.event_id)
                self._held.add(event.event_id)
                claimed.append(
                    PendingEvent(
                        event=event, attempts=record.attempts, trace_context=record.trace_context
                    )
                )
            waiting.add(event.aggregate_id)
        return claimed

    async def predecessor(self, event: DomainEvent, among: Collection[str]) -> EventRef | None:
        latest = None
        for record in self._store.outbox:
            earlier = record.event
            if earlier.event_id == event.event_id:
                return latest
            if earlier.aggregate_id == event.aggregate_id and type(earlier).__name__ in among:
                latest = EventRef(event_id=earlier.event_id, event_type=type(earlier).__name__)
        return latest

    async def mark_delivered(self, event_id: UUID, *, now: datetime) -> None:
        self._changes.append((event_id, lambda record: replace(record, delivered_at=now)))

    async def retry_later(self, event_id: UUID, *, error: str, due: datetime) -> None:
        self._changes.append(
            (
                event_id,
                lambda record: replace(
                    record, attempts=record.attempts + 1, available_at=due, last_error=error
                ),
            ),
        )

    async def park(self, event_id: UUID, *, error: str, now: datetime) -> None:
        self._changes.append(
            (
                event_id,
                lambda record: replace(
                    record, attempts=record.attempts + 1, parked_at=now, last_error=error
                ),
            ),
        )

    def append(
        self, new_events: Iterable[DomainEvent], *, trace_context: str | None = None
    ) -> None:
        """Applies this unit of work's changes, then appends the events it committed."""
        outbox = self._store.outbox
        positions = {record.event.event_id: record.position for record in outbox}
        for event_id, change in self._changes:
            position = positions[event_id]
            outbox[position] = change(outbox[position])
        outbox.extend(
            OutboxRecord(
                position=position,
                event=event,
                available_at=event.occurred_at,
                trace_context=trace_context,
            )
            for position, event in enumerate(new_events, start=len(outbox))
        )

    def close(self) -> None:
        self._store.held_events.difference_update(self._held)
        self._held.clear()


class InMemoryOutboxBacklog:
    """The committed outbox's backlog, measured at `clock`'s time."""

    def __init__(self, store: InMemoryStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def measure(self) -> Backlog:
        pending = [record for record in self._store.outbox if not record.settled]
        oldest = min((record.event.occurred_at for record in pending), default=None)
        age = 0.0 if oldest is None else (self._clock.now() - oldest).total_seconds()
        return Backlog(
            pending=len(pending),
            parked=sum(1 for record in self._store.outbox if record.parked_at is not None),
            oldest_pending_seconds=max(age, 0.0),
        )
