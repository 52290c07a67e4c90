"""Broker mode as the core sees it: the relay hands each outbox event to a broker, and
workers handle what the broker hands them, one handler at a time.

A broker does not keep one aggregate's events in order across handlers and workers, so each
published event names its predecessor: the aggregate's latest earlier event that any
handler reacts to. A handler takes an event only once every handler of its predecessor has
recorded it in the inbox; until then the event is deferred. Following the chain, each
aggregate's events take effect in the order they happened, however many workers run.
"""

from __future__ import annotations

from typing import Protocol

from application.shared.errors import ApplicationError
from application.shared.outbox import EventRef, PendingEvent


class EventPublisher(Protocol):
    async def publish(self, pending: PendingEvent, *, predecessor: EventRef | None) -> None:
        """Returns once the broker has confirmed it holds the event durably; raises if it
        refuses or cannot be reached, so the relay never marks an unconfirmed event
        delivered."""
        ...


class BrokerUnavailableError(ApplicationError):
    """The broker did not confirm: the event stays pending and is tried again, without
    counting against it (the event is not at fault)."""

    code = "broker_unavailable"


class PredecessorPendingError(ApplicationError):
    """The event came before its predecessor was handled: the worker defers it."""

    code = "predecessor_pending"

    def __init__(self, predecessor: EventRef) -> None:
        super().__init__(f"{predecessor.event_type} {predecessor.event_id} is not handled yet")
        self.predecessor = predecessor
