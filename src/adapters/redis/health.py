"""Readiness of the configured Redis: it must answer PING."""

from redis.asyncio import Redis

from application.shared.health import ComponentHealth


class RedisProbe:
    name = "redis"

    def __init__(self, client: Redis) -> None:
        self._client = client

    async def __call__(self) -> ComponentHealth:
        await self._client.ping()
        return ComponentHealth(up=True, detail="answers PING")
