"""Hears from PostgreSQL, the moment a transaction commits, which users' role or active flag
changed (LISTEN on the channel the `users` table's trigger NOTIFYs; migration 0005).

One dedicated connection per process. Its subscriber hears of every change, is told when
listening starts, and is told when it stops (not started yet, stopped, or the connection
lost and being re-established): while deaf, a subscriber must not trust what it remembers.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Protocol
from uuid import UUID

import asyncpg
import structlog
from sqlalchemy import make_url

CHANNEL = "orderly_user_changed"


class ChangeSubscriber(Protocol):
    def changed(self, user_id: UUID) -> None: ...

    def listening(self) -> None: ...

    def deaf(self) -> None: ...


class UserChanges:
    def __init__(
        self, database_url: str, subscriber: ChangeSubscriber, retry_seconds: float = 1.0
    ) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._subscriber = subscriber
        self._retry_seconds = retry_seconds
        self._connection: asyncpg.Connection | None = None
        self._reconnecting: asyncio.Task[None] | None = None
        self._stopped = False
        self._log = structlog.get_logger("orderly.user_changes")

    async def start(self) -> None:
        """Listening before the first request is served; a failure here is the caller's."""
        self._stopped = False
        await self._listen()

    async def stop(self) -> None:
        self._stopped = True
        if self._reconnecting is not None:
            self._reconnecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reconnecting
            self._reconnecting = None
        connection, self._connection = self._connection, None
        self._subscriber.deaf()
        if connection is not None and not connection.is_closed():
            await connection.close()

    async def _listen(self) -> None:
        connection = await asyncpg.connect(
            self._dsn, server_settings={"application_name": "orderly-user-changes"}
        )
        connection.add_termination_listener(self._lost)
        await connection.add_listener(CHANNEL, self._notified)
        self._connection = connection
        self._subscriber.listening()

    def _notified(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        self._subscriber.changed(UUID(payload))

    def _lost(self, _connection: object) -> None:
        """Nothing heard while the connection was down can be recovered: forget it all."""
        self._connection = None
        self._subscriber.deaf()
        if not self._stopped and self._reconnecting is None:
            self._log.warning("user_changes_lost", retry_in_seconds=self._retry_seconds)
            self._reconnecting = asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        while not self._stopped:
            await asyncio.sleep(self._retry_seconds)
            try:
                await self._listen()
            except (OSError, asyncpg.PostgresError):
                continue
            self._log.info("user_changes_listening")
            break
        self._reconnecting = None
