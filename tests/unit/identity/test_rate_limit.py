"""The in-memory sliding-window rate limiter, on a clock the test controls."""

from datetime import timedelta

import pytest

from adapters.memory.rate_limit import SWEEP_EVERY, InMemoryRateLimiter
from application.shared.rate_limit import RateLimitDecision, RateLimitedError
from tests.fakes import FixedClock


@pytest.fixture
def limiter(clock: FixedClock) -> InMemoryRateLimiter:
    return InMemoryRateLimiter(clock)


async def test_hits_within_the_limit_are_allowed_and_counted_down(
    limiter: InMemoryRateLimiter,
) -> None:
    decisions = [await limiter.hit("login:ann", 3, 60) for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, True]
    assert [d.remaining for d in decisions] == [2, 1, 0]
    assert {d.retry_after_seconds for d in decisions} == {0}
    assert decisions[-1].reset_after_seconds == 60


async def test_the_hit_over_the_limit_is_refused_with_a_retry_after(
    limiter: InMemoryRateLimiter, clock: FixedClock
) -> None:
    await limiter.hit("login:ann", 2, 60)
    clock.advance(timedelta(seconds=20))
    await limiter.hit("login:ann", 2, 60)
    clock.advance(timedelta(seconds=10))
    refused = await limiter.hit("login:ann", 2, 60)
    assert refused == RateLimitDecision(
        allowed=False, limit=2, remaining=0, reset_after_seconds=50, retry_after_seconds=30
    )


async def test_the_window_slides_one_hit_at_a_time(
    limiter: InMemoryRateLimiter, clock: FixedClock
) -> None:
    await limiter.hit("k", 2, 60)
    clock.advance(timedelta(seconds=30))
    await limiter.hit("k", 2, 60)
    clock.advance(timedelta(seconds=30))
    assert (await limiter.hit("k", 2, 60)).allowed  # the first hit just left the window
    assert not (await limiter.hit("k", 2, 60)).allowed  # the second is still in it


async def test_there_is_no_burst_at_a_window_boundary(
    limiter: InMemoryRateLimiter, clock: FixedClock
) -> None:
    clock.advance(timedelta(seconds=59))
    for _ in range(3):
        await limiter.hit("k", 3, 60)
    clock.advance(timedelta(seconds=2))
    assert not (await limiter.hit("k", 3, 60)).allowed


async def test_refused_hits_are_not_counted(
    limiter: InMemoryRateLimiter, clock: FixedClock
) -> None:
    await limiter.hit("k", 1, 60)
    for _ in range(5):
        clock.advance(timedelta(seconds=10))
        await limiter.hit("k", 1, 60)
    clock.advance(timedelta(seconds=10))
    assert (await limiter.hit("k", 1, 60)).allowed


async def test_keys_are_counted_separately(limiter: InMemoryRateLimiter) -> None:
    await limiter.hit("login:ann", 1, 60)
    assert (await limiter.hit("login:bob", 1, 60)).allowed


async def test_fractions_of_a_second_round_up(
    limiter: InMemoryRateLimiter, clock: FixedClock
) -> None:
    await limiter.hit("k", 1, 60)
    clock.advance(timedelta(seconds=59, milliseconds=500))
    assert (await limiter.hit("k", 1, 60)).retry_after_seconds == 1


async def test_idle_keys_are_forgotten(limiter: InMemoryRateLimiter, clock: FixedClock) -> None:
    await limiter.hit("one-off", 1, 60)
    clock.advance(timedelta(seconds=60))
    for _ in range(SWEEP_EVERY):
        await limiter.hit("regular", SWEEP_EVERY, 60)
    assert (await limiter.hit("one-off", 1, 60)).remaining == 0  # a fresh count, not a stale one


def test_a_refused_decision_enforces_as_an_error_carrying_retry_after() -> None:
    refused = RateLimitDecision(
        allowed=False, limit=5, remaining=0, reset_after_seconds=60, retry_after_seconds=12
    )
    with pytest.raises(RateLimitedError) as error:
        refused.enforce()
    assert (error.value.code, error.value.retry_after_seconds) == ("rate_limited", 12)


def test_an_allowed_decision_enforces_to_itself() -> None:
    allowed = RateLimitDecision(
        allowed=True, limit=5, remaining=4, reset_after_seconds=60, retry_after_seconds=0
    )
    assert allowed.enforce() is allowed


async def test_a_check_tells_without_counting(limiter: InMemoryRateLimiter) -> None:
    fresh = await limiter.check("k", 2, 60)
    assert (fresh.allowed, fresh.remaining, fresh.reset_after_seconds) == (True, 2, 0)
    await limiter.hit("k", 2, 60)
    await limiter.hit("k", 2, 60)
    checks = [await limiter.check("k", 2, 60) for _ in range(3)]
    assert {(c.allowed, c.remaining, c.retry_after_seconds) for c in checks} == {(False, 0, 60)}
