"""Rate limiting as a port: how many hits a key may make within a sliding window.

The window slides: a hit counts for exactly `window_seconds` after it happened, so there is
no boundary at which a client can burst twice the limit. Refused hits are not counted, so a
client that waits as told always gets through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from application.shared.errors import ApplicationError


@dataclass(frozen=True, slots=True, kw_only=True)
class RateLimitDecision:
    """Everything the `RateLimit-*` and `Retry-After` headers need, in whole seconds."""

    allowed: bool
    limit: int
    remaining: int
    reset_after_seconds: int
    retry_after_seconds: int

    def enforce(self) -> RateLimitDecision:
        """The decision itself when allowed, so callers can still report the headers."""
        if not self.allowed:
            raise RateLimitedError(self)
        return self


class RateLimitedError(ApplicationError):
    code = "rate_limited"

    def __init__(self, decision: RateLimitDecision) -> None:
        super().__init__(f"too many requests; retry in {decision.retry_after_seconds} s")
        self.decision = decision
        self.retry_after_seconds = decision.retry_after_seconds


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        """Counts one hit against `key` if it is within `limit`, and says what follows.

        `reset_after_seconds` is when the full quota is back; `retry_after_seconds` is when
        the next hit would be allowed (0 while hits remain).
        """
        ...

    async def check(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        """What `hit` would decide, counting nothing: for limits that count only some
        outcomes (failed sign-ins), checked before the attempt and hit after it failed."""
        ...
