"""The rate-limiter port contract: the in-memory adapter (unit suite) and Redis (integration
suite) must give the same answers, on a clock the test controls.

Subclasses provide `limiter`, `clock` and `key` (a key no other test uses).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from application.shared.rate_limit import RateLimitDecision, RateLimiter
from tests.fakes import FixedClock


class RateLimiterContract:
    async def test_the_whole_budget_may_be_spent_at_once_counting_down(
        self, limiter: RateLimiter, key: str
    ) -> None:
        decisions = [await limiter.hit(key, 3, 60) for _ in range(3)]
        assert [(d.allowed, d.remaining, d.retry_after_seconds) for d in decisions] == [
            (True, 2, 0),
            (True, 1, 0),
            (True, 0, 0),
        ]
        assert [d.reset_after_seconds for d in decisions] == [20, 40, 60]

    async def test_a_hit_over_the_budget_is_refused_with_a_retry_after(
        self, limiter: RateLimiter, clock: FixedClock, key: str
    ) -> None:
        await limiter.hit(key, 2, 60)
        await limiter.hit(key, 2, 60)
        clock.advance(timedelta(seconds=10))
        refused = await limiter.hit(key, 2, 60)
        assert refused == RateLimitDecision(
            allowed=False, limit=2, remaining=0, reset_after_seconds=50, retry_after_seconds=20
        )

    async def test_the_budget_refills_one_hit_per_window_over_limit(
        self, limiter: RateLimiter, clock: FixedClock, key: str
    ) -> None:
        for _ in range(3):
            await limiter.hit(key, 3, 60)
        clock.advance(timedelta(seconds=19))
        assert not (await limiter.hit(key, 3, 60)).allowed
        clock.advance(timedelta(seconds=1))
        assert (await limiter.hit(key, 3, 60)).allowed
        assert not (await limiter.hit(key, 3, 60)).allowed

    async def test_there_is_no_second_burst_at_a_window_boundary(
        self, limiter: RateLimiter, clock: FixedClock, key: str
    ) -> None:
        clock.advance(timedelta(seconds=59))
        for _ in range(3):
            await limiter.hit(key, 3, 60)
        clock.advance(timedelta(seconds=2))
        assert not (await limiter.hit(key, 3, 60)).allowed

    async def test_refused_hits_are_not_counted(
        self, limiter: RateLimiter, clock: FixedClock, key: str
    ) -> None:
        await limiter.hit(key, 1, 60)
        for _ in range(5):
            clock.advance(timedelta(seconds=10))
            assert not (await limiter.hit(key, 1, 60)).allowed
        clock.advance(timedelta(seconds=10))
        assert (await limiter.hit(key, 1, 60)).allowed

    async def test_keys_are_counted_separately(self, limiter: RateLimiter, key: str) -> None:
        await limiter.hit(f"{key}:ann", 1, 60)
        assert (await limiter.hit(f"{key}:bob", 1, 60)).allowed

    async def test_fractions_of_a_second_round_up(
        self, limiter: RateLimiter, clock: FixedClock, key: str
    ) -> None:
        await limiter.hit(key, 1, 60)
        clock.advance(timedelta(seconds=59, milliseconds=500))
        assert (await limiter.hit(key, 1, 60)).retry_after_seconds == 1

    async def test_a_limit_that_does_not_divide_the_window_still_allows_it_whole(
        self, limiter: RateLimiter, key: str
    ) -> None:
        decisions = [await limiter.hit(key, 7, 60) for _ in range(8)]
        assert [d.allowed for d in decisions] == [True] * 7 + [False]
        assert decisions[6].reset_after_seconds == 60

    async def test_a_check_tells_without_counting(self, limiter: RateLimiter, key: str) -> None:
        fresh = await limiter.check(key, 2, 60)
        assert (fresh.allowed, fresh.remaining, fresh.reset_after_seconds) == (True, 2, 0)
        await limiter.hit(key, 2, 60)
        await limiter.hit(key, 2, 60)
        checks = [await limiter.check(key, 2, 60) for _ in range(3)]
        assert {(c.allowed, c.remaining, c.retry_after_seconds) for c in checks} == {(False, 0, 30)}

    @pytest.mark.parametrize(("limit", "window"), [(0, 60), (5, 0)])
    async def test_a_limit_needs_a_budget_and_a_window(
        self, limiter: RateLimiter, key: str, limit: int, window: int
    ) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            await limiter.hit(key, limit, window)
