"""The rate-limiter contract against a real Redis (`REDIS_URL`, default the local server),
plus what only Redis must do: stay exact under concurrent hits, and expire idle keys.

Every test works under its own key and deletes what it wrote, so the suite can share a
Redis with anything else. An unreachable Redis fails the suite (see `redis_url`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from redis.asyncio import Redis

from adapters.redis.rate_limit import KEY_PREFIX, RedisRateLimiter
from tests.contract.rate_limit import RateLimiterContract
from tests.fakes import FixedClock


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def key(redis_client: Redis) -> AsyncIterator[str]:
    key = f"test-{uuid4().hex}"
    yield key
    keys = [stored async for stored in redis_client.scan_iter(match=f"{KEY_PREFIX}{key}*")]
    if keys:
        await redis_client.delete(*keys)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))


@pytest.fixture
def limiter(redis_client: Redis, clock: FixedClock) -> RedisRateLimiter:
    return RedisRateLimiter(redis_client, clock)


class TestRedisRateLimiter(RateLimiterContract):
    pass


async def test_concurrent_hits_never_overshoot_the_limit(
    limiter: RedisRateLimiter, key: str
) -> None:
    """Every hit lands at the same instant: only the script's atomicity keeps the count."""
    decisions = await asyncio.gather(*(limiter.hit(key, 5, 60) for _ in range(20)))
    assert sum(d.allowed for d in decisions) == 5


async def test_a_key_is_one_value_that_expires_when_its_budget_is_full_again(
    limiter: RedisRateLimiter, redis_client: Redis, key: str
) -> None:
    for _ in range(3):
        await limiter.hit(key, 6, 60)
    assert await redis_client.type(KEY_PREFIX + key) == b"string"
    assert 29_000 < await redis_client.pttl(KEY_PREFIX + key) <= 30_000
