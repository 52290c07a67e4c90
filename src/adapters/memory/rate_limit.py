"""A sliding-window-log rate limiter for one process: tests, demos and single instances.

Several instances each keep their own counts, multiplying the effective limit; use the
Redis adapter whenever more than one instance serves traffic.
"""

from __future__ import annotations

import math
from collections import deque
from datetime import datetime, timedelta

from application.shared.ports import Clock
from application.shared.rate_limit import RateLimitDecision

SWEEP_EVERY = 1000


class InMemoryRateLimiter:
    """Each key keeps the instants its counted hits expire, oldest first."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._expiries: dict[str, deque[datetime]] = {}
        self._hits_since_sweep = 0

    async def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        return self._decide(key, limit, window_seconds, record=True)

    async def check(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        return self._decide(key, limit, window_seconds, record=False)

    def _decide(
        self, key: str, limit: int, window_seconds: int, *, record: bool
    ) -> RateLimitDecision:
        if limit < 1 or window_seconds < 1:
            raise ValueError("a rate limit needs a limit and a window of at least 1")
        now = self._clock.now()
        self._sweep(now)
        expiries = self._expiries.setdefault(key, deque())
        while expiries and expiries[0] <= now:
            expiries.popleft()
        allowed = len(expiries) < limit
        if allowed and record:
            expiries.append(now + timedelta(seconds=window_seconds))
        return RateLimitDecision(
            allowed=allowed,
            limit=limit,
            remaining=limit - len(expiries),
            reset_after_seconds=_seconds(expiries[-1] - now) if expiries else 0,
            retry_after_seconds=0 if allowed else _seconds(expiries[0] - now),
        )

    def _sweep(self, now: datetime) -> None:
        """Forgets keys with no live hits, so one-off clients do not pile up forever."""
        self._hits_since_sweep += 1
        if self._hits_since_sweep < SWEEP_EVERY:
            return
        self._hits_since_sweep = 0
        for key in [key for key, expiries in self._expiries.items() if expiries[-1] <= now]:
            del self._expiries[key]


def _seconds(delta: timedelta) -> int:
    """Rounded up: telling a client to retry a moment too early only earns another 429."""
    return math.ceil(delta.total_seconds())
