"""An outbox event as an AMQP message, and back.

The body is the event's JSON document (the outbox payload: its id, time and fields, the
aggregate's id among them). The properties and headers say the rest without opening it:
AMQP `message_id` = the event id, `type` = the event type, CloudEvents attributes
(binary content mode: `ce-id`, `ce-type`, `ce-source`, `ce-time`, `ce-specversion`), the W3C
`traceparent` when tracing is on, and the ordering chain (`orderly-predecessor-*`). Retries
count in `orderly-attempts` and `orderly-deferrals`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any, Final
from uuid import UUID

import orjson
from aio_pika import DeliveryMode, Message
from aio_pika.abc import AbstractIncomingMessage

from adapters.postgres.event_codec import EventCodec
from application.shared.outbox import EventRef, PendingEvent
from domain.shared.events import DomainEvent

SOURCE: Final = "urn:orderly"
ATTEMPTS: Final = "orderly-attempts"
DEFERRALS: Final = "orderly-deferrals"
LAST_ERROR: Final = "orderly-last-error"
LAST_ERROR_MAX: Final = 1000
PREDECESSOR_ID: Final = "orderly-predecessor-id"
PREDECESSOR_TYPE: Final = "orderly-predecessor-type"
AGGREGATE_ID: Final = "orderly-aggregate-id"


class UnreadableMessageError(ValueError):
    """Not a message this service wrote: parked at once, since no retry can help."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingEvent:
    event: DomainEvent
    predecessor: EventRef | None
    trace_context: str | None
    attempts: int
    deferrals: int


def outgoing(codec: EventCodec, pending: PendingEvent, predecessor: EventRef | None) -> Message:
    event = pending.event
    event_type, payload = codec.encode(event)
    headers: dict[str, Any] = {
        "ce-id": str(event.event_id),
        "ce-type": event_type,
        "ce-source": SOURCE,
        "ce-time": event.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "ce-specversion": "1.0",
        AGGREGATE_ID: str(event.aggregate_id),
    }
    if pending.trace_context:
        headers["traceparent"] = pending.trace_context
    if predecessor is not None:
        headers[PREDECESSOR_ID] = str(predecessor.event_id)
        headers[PREDECESSOR_TYPE] = predecessor.event_type
    return Message(
        orjson.dumps(payload),
        content_type="application/json",
        delivery_mode=DeliveryMode.PERSISTENT,
        message_id=str(event.event_id),
        type=event_type,
        timestamp=event.occurred_at,
        app_id="orderly",
        headers=headers,
    )


def incoming(codec: EventCodec, message: AbstractIncomingMessage) -> IncomingEvent:
    headers = message.headers
    try:
        event = codec.decode(str(message.type), orjson.loads(message.body))
        predecessor_id = headers.get(PREDECESSOR_ID)
        predecessor = (
            None
            if predecessor_id is None
            else EventRef(
                event_id=UUID(str(predecessor_id)),
                event_type=str(headers[PREDECESSOR_TYPE]),
            )
        )
        trace = headers.get("traceparent")
        return IncomingEvent(
            event=event,
            predecessor=predecessor,
            trace_context=None if trace is None else str(trace),
            attempts=int(str(headers.get(ATTEMPTS, 0))),
            deferrals=int(str(headers.get(DEFERRALS, 0))),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise UnreadableMessageError(f"{type(error).__name__}: {error}") from error


def again(
    message: AbstractIncomingMessage, *, expiration: timedelta | None = None, **counts: int | str
) -> Message:
    """The same message, to be published again (to wait, or to be parked) with the given
    headers updated (`attempts`, `deferrals`, `last_error`); `expiration` is how long it
    waits in a retry queue. An error is cut to `LAST_ERROR_MAX` characters: a header has to
    fit in one AMQP frame, and the log line keeps the whole of it."""
    names = {"attempts": ATTEMPTS, "deferrals": DEFERRALS, "last_error": LAST_ERROR}
    headers = {**message.headers, **{names[key]: value for key, value in counts.items()}}
    if LAST_ERROR in headers:
        headers[LAST_ERROR] = str(headers[LAST_ERROR])[:LAST_ERROR_MAX]
    return Message(
        message.body,
        content_type=message.content_type,
        delivery_mode=DeliveryMode.PERSISTENT,
        message_id=message.message_id,
        type=message.type,
        timestamp=message.timestamp,
        app_id=message.app_id,
        headers=headers,
        expiration=expiration,
    )
