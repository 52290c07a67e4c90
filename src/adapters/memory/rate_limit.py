"""A GCRA rate limiter for one process: tests, demos and single instances.

Several instances each keep their own counts, multiplying the effective limit; use the
Redis adapter whenever more than one instance serves traffic.
"""

from __future__ import annotations

from application.shared.ports import Clock
from application.shared.rate_limit import RateLimitDecision, cell_rate

SWEEP_EVERY = 1000


class InMemoryRateLimiter:
    """Each key keeps one float: the instant (ms) its budget is full again."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._full_at: dict[str, float] = {}
        self._hits_since_sweep = 0

    def __len__(self) -> int:
        """How many keys it holds: its memory grows with active clients, nothing else."""
        return len(self._full_at)

    async def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        return self._decide(key, limit, window_seconds, record=True)

    async def check(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        return self._decide(key, limit, window_seconds, record=False)

    def _decide(
        self, key: str, limit: int, window_seconds: int, *, record: bool
    ) -> RateLimitDecision:
        now = self._clock.now().timestamp() * 1000
        self._sweep(now)
        decision, full_at = cell_rate(
            limit, window_seconds * 1000, self._full_at.get(key, now), now, record=record
        )
        if full_at > now:
            self._full_at[key] = full_at
        return decision

    def _sweep(self, now: float) -> None:
        """Forgets keys whose budget is full again, so one-off clients do not pile up."""
        self._hits_since_sweep += 1
        if self._hits_since_sweep < SWEEP_EVERY:
            return
        self._hits_since_sweep = 0
        for key in [key for key, full_at in self._full_at.items() if full_at <= now]:
            del self._full_at[key]
