"""A worker's side of broker mode: consume each handler's queue, acknowledge after commit.

For every message, one of:
- handled: the handler's transaction committed (its inbox claim with it), then `ack`;
- deferred: its predecessor is not handled yet; it waits in the handler's `.deferred` queue
  and comes back (parked once it has waited `max_deferrals` times);
- postponed: the database could not be reached; it waits in `.retry` and comes back,
  without counting against the event;
- retried: the handler failed; it waits in `.retry` for the backoff of its attempt count;
- parked: the handler failed `max_attempts` times, or the message cannot be read; it is
  kept in `.parked` with its last error.

A message is acknowledged only after its copy is confirmed in the queue it moves to, so a
crash at any moment leaves it (or a copy) in the broker: nothing is lost, and the inbox
absorbs any copy. Messages not yet acknowledged when a worker dies go back to the queue.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Final, Protocol

from aio_pika.abc import (
    AbstractChannel,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustConnection,
)

from adapters.postgres.event_codec import EventCodec
from adapters.rabbitmq import topology
from adapters.rabbitmq.connection import connect
from adapters.rabbitmq.messages import UnreadableMessageError, again, incoming
from application.shared.broker import PredecessorPendingError
from application.shared.handle_event import HandleEvent
from application.shared.health import ComponentHealth
from application.shared.relay import HandlerFactory, RetryPolicy

MAX_DEFERRALS: Final = 1200  # 10 minutes at topology.DEFER_MS
POSTPONE: Final = timedelta(seconds=5)


class ConsumerObserver(Protocol):
    """Told what became of each message: the worker logs and counts it."""

    def settled(
        self, handler: str, outcome: str, message_id: str | None, **details: object
    ) -> None: ...


class RabbitConsumer:
    name = "broker"

    def __init__(
        self,
        url: str,
        codec: EventCodec,
        handlers: Sequence[HandlerFactory],
        subscriptions: Mapping[str, Iterable[str]],
        handle: HandleEvent,
        observer: ConsumerObserver,
        *,
        transient: Callable[[Exception], bool],
        prefetch: int,
        policy: RetryPolicy | None = None,
        max_deferrals: int = MAX_DEFERRALS,
    ) -> None:
        self._url = url
        self._codec = codec
        self._handlers = handlers
        self._subscriptions = subscriptions
        self._handle = handle
        self._observer = observer
        self._transient = transient
        self._prefetch = prefetch
        self._policy = policy or RetryPolicy()
        self._max_deferrals = max_deferrals
        self._connection: AbstractRobustConnection | None = None
        self._channel: AbstractChannel | None = None
        self._consumers: list[tuple[AbstractQueue, str]] = []
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self) -> None:
        """Connects, declares the topology, and starts consuming every handler's queue."""
        self._connection = await connect(self._url, name="orderly-worker")
        self._channel = await self._connection.channel(publisher_confirms=True)
        await self._channel.set_qos(prefetch_count=self._prefetch)
        await topology.declare(self._channel, self._subscriptions)
        for handler in self._handlers:
            queue = await self._channel.get_queue(topology.queue(handler.name))
            tag = await queue.consume(self._consumer_for(handler))
            self._consumers.append((queue, tag))

    async def stop(self, grace_seconds: float) -> bool:
        """Stops taking messages, lets those in hand settle for up to `grace_seconds`, then
        closes the connection (the broker requeues whatever is still unacknowledged).
        True when everything in hand settled in time."""
        for queue, tag in self._consumers:
            await queue.cancel(tag)
        self._consumers.clear()
        try:
            await asyncio.wait_for(self._idle.wait(), grace_seconds)
            settled = True
        except TimeoutError:
            settled = False
        if self._connection is not None:
            await self._connection.close()
        return settled

    async def __call__(self) -> ComponentHealth:
        """Readiness: connected, and consuming every handler's queue."""
        channel = self._channel
        if channel is None or channel.is_closed:
            return ComponentHealth(up=False, detail="not connected")
        return ComponentHealth(up=True, detail=f"consuming {len(self._consumers)} queues")

    def _consumer_for(
        self, handler: HandlerFactory
    ) -> Callable[[AbstractIncomingMessage], Awaitable[None]]:
        async def on_message(message: AbstractIncomingMessage) -> None:
            self._in_flight += 1
            self._idle.clear()
            try:
                await self._settle(handler, message)
            finally:
                self._in_flight -= 1
                if self._in_flight == 0:
                    self._idle.set()

        return on_message

    async def _settle(self, handler: HandlerFactory, message: AbstractIncomingMessage) -> None:
        name = handler.name
        try:
            event = incoming(self._codec, message)
        except UnreadableMessageError as error:
            await self._park(name, message, str(error))
            return
        try:
            await self._handle(
                handler,
                event.event,
                predecessor=event.predecessor,
                trace_context=event.trace_context,
            )
        except PredecessorPendingError as error:
            deferrals = event.deferrals + 1
            if deferrals > self._max_deferrals:
                await self._park(name, message, f"waited too long: {error}")
                return
            await self._move(message, topology.deferred_queue(name), deferrals=deferrals)
            self._observer.settled(name, "deferred", message.message_id, deferrals=deferrals)
        except Exception as error:  # noqa: BLE001 - any failure is retried or parked, never lost
            reason = f"{type(error).__name__}: {error}"
            if self._transient(error):
                await self._move(message, topology.retry_queue(name), delay=POSTPONE)
                self._observer.settled(name, "postponed", message.message_id, error=reason)
                return
            attempts = event.attempts + 1
            if attempts >= self._policy.max_attempts:
                await self._park(name, message, reason, attempts=attempts)
                return
            delay = self._policy.delay(attempts)
            await self._move(
                message,
                topology.retry_queue(name),
                delay=delay,
                attempts=attempts,
                last_error=reason,
            )
            self._observer.settled(
                name, "retried", message.message_id, attempts=attempts, error=reason
            )
        else:
            await message.ack()
            self._observer.settled(name, "handled", message.message_id)

    async def _park(
        self, handler: str, message: AbstractIncomingMessage, reason: str, attempts: int = 0
    ) -> None:
        await self._move(
            message, topology.parked_queue(handler), attempts=attempts, last_error=reason
        )
        self._observer.settled(
            handler, "parked", message.message_id, attempts=attempts, error=reason
        )

    async def _move(
        self,
        message: AbstractIncomingMessage,
        queue: str,
        *,
        delay: timedelta | None = None,
        **headers: int | str,
    ) -> None:
        """Publishes a copy to `queue` (confirmed), then acknowledges the original."""
        assert self._channel is not None  # noqa: S101 - only consuming channels deliver
        copy = again(message, expiration=delay, **headers)
        await self._channel.default_exchange.publish(copy, routing_key=queue)
        await message.ack()
