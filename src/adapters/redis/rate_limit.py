"""A sliding-window-log rate limiter in Redis, shared by every instance of the service.

Each key is a sorted set of hit timestamps. One Lua script prunes, counts and records
atomically, so concurrent hits from many instances can never overshoot the limit. Time comes
from the injected clock rather than the Redis server, so tests can move it at will.
"""

from __future__ import annotations

import math
import secrets
from typing import TYPE_CHECKING, Final

from application.shared.ports import Clock
from application.shared.rate_limit import RateLimitDecision

if TYPE_CHECKING:
    from redis.asyncio import Redis

KEY_PREFIX: Final = "orderly:ratelimit:"

# KEYS[1] the key; ARGV: now (ms), window (ms), limit, a unique member for this hit, and
# whether to record it (1) or only to tell (0).
# Returns {allowed, remaining, reset_after_ms, retry_after_ms}.
_SLIDING_WINDOW_LOG: Final = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local allowed = 0
if count < limit then
  allowed = 1
  if ARGV[5] == '1' then
    redis.call('ZADD', key, now, ARGV[4])
    count = count + 1
  end
end
if count == 0 then
  return {allowed, limit, 0, 0}
end
redis.call('PEXPIRE', key, window)
local oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
local newest = tonumber(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
local retry_after = 0
if allowed == 0 then
  retry_after = oldest + window - now
end
return {allowed, limit - count, newest + window - now, retry_after}
"""


class RedisRateLimiter:
    def __init__(self, client: Redis, clock: Clock) -> None:
        self._script = client.register_script(_SLIDING_WINDOW_LOG)
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
        now_ms = int(self._clock.now().timestamp() * 1000)
        member = f"{now_ms}:{secrets.token_hex(8)}"
        allowed, remaining, reset_ms, retry_ms = await self._script(
            keys=[KEY_PREFIX + key],
            args=[now_ms, window_seconds * 1000, limit, member, 1 if record else 0],
        )
        return RateLimitDecision(
            allowed=allowed == 1,
            limit=limit,
            remaining=int(remaining),
            reset_after_seconds=_seconds(int(reset_ms)),
            retry_after_seconds=_seconds(int(retry_ms)),
        )


def _seconds(milliseconds: int) -> int:
    """Rounded up: telling a client to retry a moment too early only earns another 429."""
    return math.ceil(milliseconds / 1000)
