"""Readiness of the configured Redis: it must answer PING."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.shared.health import ComponentHealth

if TYPE_CHECKING:
    from redis.asyncio import Redis


class RedisProbe:
    name = "redis"

    def __init__(self, client: Redis) -> None:
        self._client = client

    async def __call__(self) -> ComponentHealth:
        await self._client.ping()
        return ComponentHealth(up=True, detail="answers PING")
