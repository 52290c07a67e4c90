"""A GCRA rate limiter in Redis, shared by every instance of the service.

Each key holds one number, the instant (ms) its budget is full again, and expires then. One
Lua script reads, decides and writes atomically, so concurrent hits from many instances can
never overshoot the limit. The script is `cell_rate` in Lua; the shared contract test
holds both to the same answers. Time comes from the injected clock rather than the Redis
server, so tests can move it at will.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from application.shared.ports import Clock
from application.shared.rate_limit import (
    RateLimitDecision,
    RateLimiterUnavailableError,
    whole_seconds,
)

if TYPE_CHECKING:
    from redis.asyncio import Redis

KEY_PREFIX: Final = "orderly:ratelimit:"

# KEYS[1] the key; ARGV: now (ms), window (ms), limit, and whether to record the hit (1) or
# only to tell (0). Returns {allowed, remaining, reset_after_ms, retry_after_ms}, the
# milliseconds as text: Redis would truncate a fractional Lua number to an integer.
_GCRA: Final = """
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local slack = 1e-6
local interval = window / limit
local full_at = math.max(tonumber(redis.call('GET', KEYS[1]) or now), now)
local after_hit = full_at + interval
local allowed = after_hit - now <= window + slack
local stored = full_at
if allowed and ARGV[4] == '1' then
  stored = after_hit
  redis.call('SET', KEYS[1], string.format('%.17g', stored), 'PX', math.ceil(stored - now))
end
local spent = stored - now
if not allowed then
  return {0, 0, string.format('%.17g', spent), string.format('%.17g', after_hit - window - now)}
end
return {1, math.floor((window - spent) / interval + slack), string.format('%.17g', spent), '0'}
"""


class RedisRateLimiter:
    def __init__(self, client: Redis, clock: Clock) -> None:
        self._script = client.register_script(_GCRA)
        self._clock = clock

    async def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        return await self._decide(key, limit, window_seconds, record=True)

    async def check(self, key: str, limit: int, window_seconds: int) -> RateLimitDecision:
        return await self._decide(key, limit, window_seconds, record=False)

    async def _decide(
        self, key: str, limit: int, window_seconds: int, *, record: bool
    ) -> RateLimitDecision:
        if limit < 1 or window_seconds < 1:
            raise ValueError("a rate limit needs a limit and a window of at least 1")
        now_ms = self._clock.now().timestamp() * 1000
        try:
            allowed, remaining, reset_ms, retry_ms = await self._script(
                keys=[KEY_PREFIX + key],
                args=[repr(now_ms), window_seconds * 1000, limit, 1 if record else 0],
            )
        except Exception as error:
            raise RateLimiterUnavailableError(f"{type(error).__name__}: {error}") from error
        return RateLimitDecision(
            allowed=allowed == 1,
            limit=limit,
            remaining=int(remaining),
            reset_after_seconds=whole_seconds(float(reset_ms)),
            retry_after_seconds=whole_seconds(float(retry_ms)),
        )
