"""The relay's side of broker mode: publish each outbox event, confirmed, to the exchange."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from typing import Final

from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractRobustConnection

from adapters.postgres.event_codec import EventCodec
from adapters.rabbitmq import topology
from adapters.rabbitmq.connection import connect
from adapters.rabbitmq.messages import outgoing
from application.shared.broker import BrokerUnavailableError
from application.shared.health import ComponentHealth
from application.shared.outbox import EventRef, PendingEvent

CONFIRM_TIMEOUT_SECONDS: Final = 10.0


class RabbitPublisher:
    """Publisher confirms on: `publish` returns only once the broker has taken the message
    (persistent, on a durable exchange and queues), so the relay marks an event delivered
    only then. Events no handler subscribes to are published all the same, for other
    consumers; the broker drops them if nothing is bound."""

    name = "broker"

    def __init__(self, url: str, codec: EventCodec, subscriptions: Mapping[str, Iterable[str]]):
        self._url = url
        self._codec = codec
        self._subscriptions = subscriptions
        self._connection: AbstractRobustConnection | None = None
        self._channel: AbstractChannel | None = None
        self._exchange: AbstractExchange | None = None
        self._starting = asyncio.Lock()

    async def start(self) -> None:
        """Connects and declares the exchange and every handler's queues, once.

        Raises `BrokerUnavailableError` when the broker cannot be reached: the service then
        starts all the same (not ready), since the outbox keeps every event meanwhile, and
        the relay's next publish tries again.
        """
        async with self._starting:
            if self._exchange is not None:
                return
            try:
                self._connection = await connect(self._url, name="orderly-relay")
                self._channel = await self._connection.channel(publisher_confirms=True)
                self._exchange = await topology.declare(self._channel, self._subscriptions)
            except Exception as error:
                await self.close()
                raise BrokerUnavailableError(f"{type(error).__name__}: {error}") from error

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        self._channel = self._exchange = None
        if connection is not None:
            await connection.close()

    async def publish(self, pending: PendingEvent, *, predecessor: EventRef | None) -> None:
        await self.start()
        assert self._exchange is not None  # noqa: S101 - start() declared it or raised
        message = outgoing(self._codec, pending, predecessor)
        try:
            await self._exchange.publish(
                message,
                routing_key=str(message.type),
                mandatory=False,
                timeout=CONFIRM_TIMEOUT_SECONDS,
            )
        except Exception as error:
            raise BrokerUnavailableError(f"{type(error).__name__}: {error}") from error

    async def __call__(self) -> ComponentHealth:
        """The readiness probe: the connection is open and its channel usable."""
        channel = self._channel
        if channel is None or channel.is_closed:
            return ComponentHealth(up=False, detail="not connected")
        return ComponentHealth(up=True, detail="connected, exchange declared")
