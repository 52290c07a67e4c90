"""The Redis rate limiter against a real Redis (`REDIS_URL`, default the local server).

Every test works under its own key prefix and deletes what it wrote, so the suite can share
a Redis with anything else. An unreachable Redis fails the suite (see `redis_url`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from redis.asyncio import Redis

from adapters.redis.rate_limit import KEY_PREFIX, RedisRateLimiter
from tests.fakes import FixedClock


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def prefix(redis_client: Redis) -> AsyncIterator[str]:
    prefix = f"test-{uuid4().hex}:"
    yield prefix
    keys = [key async for key in redis_client.scan_iter(match=f"{KEY_PREFIX}{prefix}*")]
    if keys:
        await redis_client.delete(*keys)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))


@pytest.fixture
def limiter(redis_client: Redis, clock: FixedClock) -> RedisRateLimiter:
    return RedisRateLimiter(redis_client, clock)


async def test_hits_within_the_limit_are_allowed_and_counted_down(
    limiter: RedisRateLimiter, prefix: str
) -> None:
    decisions = [await limiter.hit(f"{prefix}login", 3, 60) for _ in range(3)]
    assert [(d.allowed, d.remaining, d.retry_after_seconds) for d in decisions] == [
        (True, 2, 0),
        (True, 1, 0),
        (True, 0, 0),
    ]
    assert decisions[-1].reset_after_seconds == 60


async def test_the_hit_over_the_limit_is_refused_with_a_retry_after(
    limiter: RedisRateLimiter, clock: FixedClock, prefix: str
) -> None:
    await limiter.hit(f"{prefix}login", 2, 60)
    clock.advance(timedelta(seconds=20))
    await limiter.hit(f"{prefix}login", 2, 60)
    clock.advance(timedelta(seconds=10))
    refused = await limiter.hit(f"{prefix}login", 2, 60)
    assert (refused.allowed, refused.remaining) == (False, 0)
    assert (refused.retry_after_seconds, refused.reset_after_seconds) == (30, 50)


async def test_the_window_slides_one_hit_at_a_time(
    limiter: RedisRateLimiter, clock: FixedClock, prefix: str
) -> None:
    await limiter.hit(f"{prefix}k", 2, 60)
    clock.advance(timedelta(seconds=30))
    await limiter.hit(f"{prefix}k", 2, 60)
    clock.advance(timedelta(seconds=30))
    assert (await limiter.hit(f"{prefix}k", 2, 60)).allowed
    assert not (await limiter.hit(f"{prefix}k", 2, 60)).allowed


async def test_refused_hits_are_not_counted(
    limiter: RedisRateLimiter, clock: FixedClock, prefix: str
) -> None:
    await limiter.hit(f"{prefix}k", 1, 60)
    for _ in range(5):
        clock.advance(timedelta(seconds=10))
        await limiter.hit(f"{prefix}k", 1, 60)
    clock.advance(timedelta(seconds=10))
    assert (await limiter.hit(f"{prefix}k", 1, 60)).allowed


async def test_keys_are_counted_separately(limiter: RedisRateLimiter, prefix: str) -> None:
    await limiter.hit(f"{prefix}ann", 1, 60)
    assert (await limiter.hit(f"{prefix}bob", 1, 60)).allowed


async def test_concurrent_hits_never_overshoot_the_limit(
    limiter: RedisRateLimiter, prefix: str
) -> None:
    """Every hit lands at the same instant: only the script's atomicity keeps the count."""
    decisions = await asyncio.gather(*(limiter.hit(f"{prefix}burst", 5, 60) for _ in range(20)))
    assert sum(d.allowed for d in decisions) == 5


async def test_keys_are_namespaced_and_expire_with_their_window(
    limiter: RedisRateLimiter, redis_client: Redis, prefix: str
) -> None:
    await limiter.hit(f"{prefix}k", 3, 60)
    ttl_ms = await redis_client.pttl(f"orderly:ratelimit:{prefix}k")
    assert 0 < ttl_ms <= 60_000


async def test_a_check_tells_without_counting(limiter: RedisRateLimiter, prefix: str) -> None:
    fresh = await limiter.check(f"{prefix}k", 2, 60)
    assert (fresh.allowed, fresh.remaining, fresh.reset_after_seconds) == (True, 2, 0)
    await limiter.hit(f"{prefix}k", 2, 60)
    await limiter.hit(f"{prefix}k", 2, 60)
    checks = [await limiter.check(f"{prefix}k", 2, 60) for _ in range(3)]
    assert {(c.allowed, c.remaining, c.retry_after_seconds) for c in checks} == {(False, 0, 60)}
