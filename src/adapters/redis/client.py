"""The Redis client, made only when `REDIS_URL` is set.

The client library is imported here, on first use, not when the service starts: it adds
about 20 MB to every process, and a service without Redis should not carry it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redis.asyncio import Redis


def connect(url: str) -> Redis:
    from redis.asyncio import Redis  # noqa: PLC0415 - see the module docstring

    # Bounded waits: every API request asks Redis for its client's budget, so a Redis that
    # stopped answering must cost a request a fraction of a second, not hang it.
    client: Redis = Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    return client
