"""Delivering the outbox: each event to its handlers, at least once, failures never lost.

One event per transaction: the handlers' effects, their inbox claims and the event's
acknowledgement commit together or not at all. A failure is recorded in a second
transaction, after the first has rolled back, so the failed attempt leaves nothing but its
count. Both run through the `TransactionRunner`, like every other piece of work.

With a broker, delivering an event means publishing it, and workers run the handlers
(`application/shared/broker.py`). One transaction claims a batch (at most one event of each
aggregate, so their order is kept), publishes them all at once, and marks them delivered once
the broker confirmed every one. A crash between the confirmations and the commit publishes
them again; the workers' inbox absorbs the copies.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from application.shared.broker import EventPublisher
from application.shared.outbox import PendingEvent
from application.shared.ports import Clock, IdGenerator
from application.shared.tracing import NO_TRACING, EventSpan, Tracing
from application.shared.transactions import TransactionRunner
from application.unit_of_work import ServiceUnitOfWork
from domain.shared.events import DomainEvent

# Events published per transaction in broker mode: the confirmations are awaited together,
# so a batch costs about one broker round trip and one commit instead of one per event.
PUBLISH_BATCH = 50
# Beyond this many doublings every delay has long reached the cap; stopping there keeps
# the arithmetic within `timedelta`'s range whatever the attempt count.
_MAX_DOUBLINGS = 32


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """Exponential backoff: `base_delay` after the first failure, doubling, at most
    `max_delay`; the event is parked when its `max_attempts`-th attempt fails.
    """

    max_attempts: int = 5
    base_delay: timedelta = timedelta(seconds=0.5)
    max_delay: timedelta = timedelta(seconds=60)

    def delay(self, failed_attempts: int) -> timedelta:
        doublings = min(failed_attempts - 1, _MAX_DOUBLINGS)
        return min(self.base_delay * (1 << doublings), self.max_delay)


class EventHandler(Protocol):
    # `Any`: each handler takes its own event class, which the routing table pairs it
    # with; a mapping's type cannot say that entry by entry.
    async def __call__(self, event: Any, /) -> None: ...


class HandlerFactory(Protocol):
    """A handler class such as `IssueInvoice`: built per delivery, on that delivery's unit
    of work. `name` is what its inbox claims are recorded against (and its queue's name in
    broker mode)."""

    name: str

    def __call__(
        self, uow: ServiceUnitOfWork, clock: Clock, ids: IdGenerator, /
    ) -> EventHandler: ...


Routes = Mapping[type[DomainEvent], Sequence[HandlerFactory]]
"""Which handlers each event class goes to; a class without an entry is delivered to none."""


class DeliveryObserver(Protocol):
    """Told what became of each delivery once it is committed: the edge logs and counts it."""

    def delivered(self, event: DomainEvent) -> None: ...

    def retried(
        self, event: DomainEvent, *, attempts: int, due: datetime, error: Exception
    ) -> None: ...

    def parked(self, event: DomainEvent, *, attempts: int, error: Exception) -> None: ...


class RelayEvents:
    """Delivers the next deliverable outbox event to every handler routed to it.

    - One transaction: claim the event, run its handlers in the order listed, mark it
      delivered, commit. Handlers never commit; their inbox claims make a redelivery
      harmless. A conflict with a concurrent writer is retried, after a short pause, by the
      runner.
    - Any other failure (a handler, or the commit) rolls that transaction back; a new one
      counts the attempt and schedules a retry after `RetryPolicy.delay`, or parks the
      event once `max_attempts` attempts have failed. A parked event stays in the outbox,
      and the observer hears of every retry and park.
    - Events of other aggregates keep flowing meanwhile: the outbox only holds back the
      later events of the failing event's aggregate.
    """

    def __init__(
        self,
        transactions: TransactionRunner[ServiceUnitOfWork],
        routes: Routes,
        clock: Clock,
        ids: IdGenerator,
        observer: DeliveryObserver,
        policy: RetryPolicy = RetryPolicy(),
        tracing: Tracing = NO_TRACING,
        publisher: EventPublisher | None = None,
    ) -> None:
        self._transactions = transactions
        self._routes = routes
        self._publisher = publisher
        self._handled_types = [event.__name__ for event, handlers in routes.items() if handlers]
        self._clock = clock
        self._ids = ids
        self._observer = observer
        self._policy = policy
        self._tracing = tracing

    async def deliver_next(self) -> bool:
        """False when no event is deliverable now; True after an attempt, whatever its outcome."""
        with self._tracing.untraced():
            if self._publisher is not None:
                return await self._publish_next(self._publisher)
            return await self._deliver_next()

    async def _publish_next(self, publisher: EventPublisher) -> bool:
        """A failure here is the broker's or the database's, never one event's: it is raised
        (the relay task logs it and pauses), and the batch stays pending, counted against
        nobody."""
        published: list[PendingEvent] = []

        async def publish(uow: ServiceUnitOfWork) -> None:
            published.clear()  # a conflict ran this again
            batch = await uow.outbox.claim_batch(now=self._clock.now(), limit=PUBLISH_BATCH)
            predecessors = [
                await uow.outbox.predecessor(pending.event, self._handled_types)
                for pending in batch
            ]
            await asyncio.gather(
                *(
                    publisher.publish(pending, predecessor=predecessor)
                    for pending, predecessor in zip(batch, predecessors, strict=True)
                )
            )
            now = self._clock.now()
            for pending in batch:
                await uow.outbox.mark_delivered(pending.event.event_id, now=now)
            published.extend(batch)

        await self._transactions.run(publish)
        for pending in published:
            self._observer.delivered(pending.event)
        return bool(published)

    async def _deliver_next(self) -> bool:
        attempt = _Attempt()
        try:
            await self._transactions.run(lambda uow: self._deliver(uow, attempt))
        except Exception as error:
            attempt.end_span(error)
            if attempt.pending is None:
                raise  # nothing was claimed: the relay itself failed, not a delivery
            await self._record_failure(attempt.pending, error)
            return True
        attempt.end_span()
        if attempt.pending is None:
            return False
        self._observer.delivered(attempt.pending.event)
        return True

    async def drain(self) -> int:
        """Delivers until nothing is deliverable now; how many attempts that took."""
        attempts = 0
        while await self.deliver_next():
            attempts += 1
        return attempts

    async def _deliver(self, uow: ServiceUnitOfWork, attempt: _Attempt) -> None:
        attempt.end_span()  # a conflict ran this again: the earlier try's span is over
        attempt.pending = await uow.outbox.claim_next(now=self._clock.now())
        if attempt.pending is None:
            return
        event = attempt.pending.event
        # Current until the delivery is settled: the commit that writes the events the
        # handlers recorded runs after this returns, and must carry the trace on.
        attempt.span = self._tracing.handling(event, attempt.pending.trace_context)
        for handler in self._routes.get(type(event), ()):
            await handler(uow, self._clock, self._ids)(event)
        await uow.outbox.mark_delivered(event.event_id, now=self._clock.now())

    async def _record_failure(self, pending: PendingEvent, error: Exception) -> None:
        event = pending.event
        attempts = pending.attempts + 1
        reason = f"{type(error).__name__}: {error}"
        now = self._clock.now()
        due = now + self._policy.delay(attempts)
        park = attempts >= self._policy.max_attempts

        async def record(uow: ServiceUnitOfWork) -> None:
            if park:
                await uow.outbox.park(event.event_id, error=reason, now=now)
            else:
                await uow.outbox.retry_later(event.event_id, error=reason, due=due)

        await self._transactions.run(record)
        if park:
            self._observer.parked(event, attempts=attempts, error=error)
        else:
            self._observer.retried(event, attempts=attempts, due=due, error=error)


class _Attempt:
    """The event a delivery claimed: the runner rolls the claim back on failure, and the
    failure is then recorded against it. Its span covers the handlers and the commit.
    """

    pending: PendingEvent | None = None
    span: EventSpan | None = None

    def end_span(self, error: BaseException | None = None) -> None:
        span, self.span = self.span, None
        if span is not None:
            span.end(error)
