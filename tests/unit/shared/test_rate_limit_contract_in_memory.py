"""The rate-limiter contract against the in-memory adapter, plus what only it does."""

from datetime import timedelta

import pytest

from adapters.memory.rate_limit import SWEEP_EVERY, InMemoryRateLimiter
from application.shared.rate_limit import RateLimitDecision, RateLimitedError
from tests.contract.rate_limit import RateLimiterContract
from tests.fakes import FixedClock


class TestInMemoryRateLimiter(RateLimiterContract):
    @pytest.fixture
    def limiter(self, clock: FixedClock) -> InMemoryRateLimiter:
        return InMemoryRateLimiter(clock)

    @pytest.fixture
    def key(self) -> str:
        return "k"


async def test_keys_whose_budget_is_full_again_are_forgotten(clock: FixedClock) -> None:
    limiter = InMemoryRateLimiter(clock)
    for client in range(10):
        await limiter.hit(f"one-off:{client}", 5, 60)
    clock.advance(timedelta(seconds=13))  # each spent a fifth: 12 s to refill
    for _ in range(SWEEP_EVERY):
        await limiter.hit("regular", SWEEP_EVERY, 60)
    assert len(limiter) == 1


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
