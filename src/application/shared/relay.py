"""Delivering the outbox: each event to its handlers, at least once, failures never lost.

One event per unit of work: the handlers' effects, their inbox claims and the event's
acknowledgement commit together or not at all. A failure is recorded in a second unit of
work, after the first has rolled back, so the failed attempt leaves nothing but its count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from application.shared.outbox import PendingEvent
from application.shared.ports import Clock, IdGenerator
from application.unit_of_work import UnitOfWork
from domain.shared.events import DomainEvent

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


HandlerFactory = Callable[[UnitOfWork, Clock, IdGenerator], EventHandler]
"""A handler class such as `IssueInvoice`: built per delivery, on that delivery's unit of work."""

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

    - One unit of work: claim the event, run its handlers in the order listed, mark it
      delivered, commit. Handlers never commit; their inbox claims make a redelivery
      harmless.
    - Any failure (a handler, or the commit) rolls that unit of work back; a new one counts
      the attempt and schedules a retry after `RetryPolicy.delay`, or parks the event once
      `max_attempts` attempts have failed. A parked event stays in the outbox, and the
      observer hears of every retry and park.
    - Events of other aggregates keep flowing meanwhile: the outbox only holds back the
      later events of the failing event's aggregate.
    """

    def __init__(
        self,
        unit_of_work: Callable[[], UnitOfWork],
        routes: Routes,
        clock: Clock,
        ids: IdGenerator,
        observer: DeliveryObserver,
        policy: RetryPolicy = RetryPolicy(),
    ) -> None:
        self._unit_of_work = unit_of_work
        self._routes = routes
        self._clock = clock
        self._ids = ids
        self._observer = observer
        self._policy = policy

    async def deliver_next(self) -> bool:
        """False when no event is deliverable now; True after an attempt, whatever its outcome."""
        async with self._unit_of_work() as uow:
            pending = await uow.outbox.claim_next(now=self._clock.now())
            if pending is None:
                return False
            failure = await self._attempt(uow, pending.event)
        if failure is None:
            self._observer.delivered(pending.event)
        else:
            await self._record_failure(pending, failure)
        return True

    async def drain(self) -> int:
        """Delivers until nothing is deliverable now; how many attempts that took."""
        attempts = 0
        while await self.deliver_next():
            attempts += 1
        return attempts

    async def _attempt(self, uow: UnitOfWork, event: DomainEvent) -> Exception | None:
        """The error is returned rather than raised so that the unit of work ends without a
        commit, which rolls the partial effect back, before the failure is recorded.
        """
        try:
            for handler in self._routes.get(type(event), ()):
                await handler(uow, self._clock, self._ids)(event)
            await uow.outbox.mark_delivered(event.event_id, now=self._clock.now())
            await uow.commit()
        except Exception as error:  # noqa: BLE001 - not swallowed: retried or parked, and observed
            return error
        return None

    async def _record_failure(self, pending: PendingEvent, error: Exception) -> None:
        event = pending.event
        attempts = pending.attempts + 1
        reason = f"{type(error).__name__}: {error}"
        now = self._clock.now()
        due = now + self._policy.delay(attempts)
        park = attempts >= self._policy.max_attempts
        async with self._unit_of_work() as uow:
            if park:
                await uow.outbox.park(event.event_id, error=reason, now=now)
            else:
                await uow.outbox.retry_later(event.event_id, error=reason, due=due)
            await uow.commit()
        if park:
            self._observer.parked(event, attempts=attempts, error=error)
        else:
            self._observer.retried(event, attempts=attempts, due=due, error=error)
