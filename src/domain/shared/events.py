"""Domain events: facts an aggregate records about itself, for other contexts to react to.

Aggregates only record events; the unit of work collects them when it commits and writes
them to the outbox in the same transaction as the change, so an event exists if and only if
the change it describes does.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent(ABC):
    """`event_id` is what handlers deduplicate on: a redelivered event keeps its id."""

    event_id: UUID
    occurred_at: datetime

    @property
    @abstractmethod
    def aggregate_id(self) -> UUID:
        """The aggregate whose events must be handled in the order they were recorded."""


class EventRecorder:
    """Mixed into aggregates so that they can record events for the unit of work to collect.

    The list is created on first use rather than in `__init__`, because an ORM rebuilds
    aggregates from rows without calling `__init__`.
    """

    _recorded_events: list[DomainEvent]

    def _record(self, event: DomainEvent) -> None:
        if not hasattr(self, "_recorded_events"):
            self._recorded_events = []
        self._recorded_events.append(event)

    def pull_events(self) -> list[DomainEvent]:
        """Hands over the events recorded so far, oldest first, and forgets them."""
        events = getattr(self, "_recorded_events", [])
        self._recorded_events = []
        return events
