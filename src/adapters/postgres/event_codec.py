"""Domain events as outbox rows: a type name and a JSON payload, and back.

The codec knows only the events it is given: the composition root passes every event the
contexts publish, so adding an event touches its own context and nothing here. Events are
named by class name in the outbox's `event_type`; renaming an event class therefore needs a
migration of the rows still waiting under the old name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adapters.postgres.documents import from_document, to_document
from domain.shared.events import DomainEvent


class EventCodec:
    def __init__(self, events: Iterable[type[DomainEvent]]) -> None:
        self._events: dict[str, type[DomainEvent]] = {}
        for event in events:
            known = self._events.setdefault(event.__name__, event)
            if known is not event:
                raise ValueError(f"two events are named {event.__name__}")

    def encode(self, event: DomainEvent) -> tuple[str, dict[str, Any]]:
        """The event's type name and its fields as a JSON object (its id and time included,
        so the payload stands on its own wherever it is sent).
        """
        name = type(event).__name__
        if self._events.get(name) is not type(event):
            raise TypeError(f"{name} is not a registered event")
        return name, to_document(event)

    def decode(self, event_type: str, payload: dict[str, Any]) -> DomainEvent:
        return from_document(self._events[event_type], payload)
