"""Where events travel in RabbitMQ: one topic exchange, and four queues per handler.

- `orderly.events` (topic, durable): every event, routing key = its type (`OrderPlaced`).
- `orderly.<handler>` (durable): the events one handler reacts to, bound by their types.
- `orderly.<handler>.retry`: a failed message waits here for its backoff (per-message
  expiry), then dead-letters back to the handler's queue.
- `orderly.<handler>.deferred`: a message that came before its predecessor was handled
  waits `DEFER_MS`, then goes back the same way.
- `orderly.<handler>.parked`: messages given up on, kept for an operator (never dropped).

Both the service (which publishes) and the workers declare all of it, with the same
arguments, so events published before any worker ever ran wait in their queues.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from aio_pika import ExchangeType
from aio_pika.abc import AbstractChannel, AbstractExchange
from pamqp.common import FieldTable

EXCHANGE: Final = "orderly.events"
DEFER_MS: Final = 500


def queue(handler: str) -> str:
    return f"orderly.{handler}"


def retry_queue(handler: str) -> str:
    return f"{queue(handler)}.retry"


def deferred_queue(handler: str) -> str:
    return f"{queue(handler)}.deferred"


def parked_queue(handler: str) -> str:
    return f"{queue(handler)}.parked"


async def declare(
    channel: AbstractChannel, subscriptions: Mapping[str, Iterable[str]]
) -> AbstractExchange:
    """`subscriptions`: each handler's name and the event types it handles."""
    exchange = await channel.declare_exchange(EXCHANGE, ExchangeType.TOPIC, durable=True)
    for handler, event_types in subscriptions.items():
        main = await channel.declare_queue(queue(handler), durable=True)
        for event_type in event_types:
            await main.bind(exchange, routing_key=event_type)
        back_to_main: FieldTable = {
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": main.name,
        }
        await channel.declare_queue(retry_queue(handler), durable=True, arguments=back_to_main)
        await channel.declare_queue(
            deferred_queue(handler),
            durable=True,
            arguments={**back_to_main, "x-message-ttl": DEFER_MS},
        )
        await channel.declare_queue(parked_queue(handler), durable=True)
    return exchange
