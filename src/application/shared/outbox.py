"""The outbox as the relay sees it: events waiting to be delivered to their handlers.

The unit of work writes every event its aggregates recorded into the outbox when it commits
(same transaction as the change). The relay then claims them one at a time, in each
aggregate's order, hands each to its handlers in a unit of work, and marks it delivered,
schedules a retry, or parks it when it keeps failing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.shared.events import DomainEvent


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingEvent:
    event: DomainEvent
    attempts: int
    trace_context: str | None = None
    """The W3C `traceparent` of the transaction that wrote the event, when tracing was on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRef:
    event_id: UUID
    event_type: str


class Outbox(Protocol):
    async def claim_next(self, *, now: datetime) -> PendingEvent | None:
        """The oldest deliverable event, held by this unit of work until it ends.

        Deliverable: not delivered, not parked, due (`available_at <= now`), and no earlier
        undelivered event of the same aggregate exists (so each aggregate's events are
        handled in the order they happened). Events another unit of work holds are skipped,
        so several relays can run at once without delivering an event twice.
        """
        ...

    async def claim_batch(self, *, now: datetime, limit: int) -> list[PendingEvent]:
        """Up to `limit` deliverable events, oldest first, held like `claim_next`'s: at most
        one of each aggregate (its earliest pending one), so they may be sent at once."""
        ...

    async def predecessor(self, event: DomainEvent, among: Collection[str]) -> EventRef | None:
        """The latest event of `event`'s aggregate written before it whose type is one of
        `among`; None for the aggregate's first such event (broker mode's ordering chain)."""
        ...

    async def mark_delivered(self, event_id: UUID, *, now: datetime) -> None: ...

    async def retry_later(self, event_id: UUID, *, error: str, due: datetime) -> None:
        """Counts a failed attempt and makes the event deliverable again at `due`."""
        ...

    async def park(self, event_id: UUID, *, error: str, now: datetime) -> None:
        """Gives up on the event: it stays in the outbox, visible, and is never retried."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Backlog:
    """How far delivery is behind: what operators graph and alert on."""

    pending: int
    parked: int
    oldest_pending_seconds: float
    """Age of the oldest event not yet delivered (0 when none waits): the delivery lag."""


class OutboxBacklog(Protocol):
    async def measure(self) -> Backlog: ...
