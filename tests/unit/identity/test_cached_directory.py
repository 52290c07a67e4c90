"""The per-process cache of callers' roles: exact while it hears every change, silent
(always asking the database) while it might not.
"""

from __future__ import annotations

import asyncio
from uuid import UUID

from adapters.postgres.identity.cached_directory import CachedUserDirectory
from domain.shared.roles import Role

ANN = UUID(int=1)


class CountingDirectory:
    """The database's answers, with a count of how often it was asked; `gate` can hold a
    read in flight.
    """

    def __init__(self) -> None:
        self.roles: dict[UUID, Role | None] = {ANN: Role.CUSTOMER}
        self.reads = 0
        self.gate: asyncio.Event | None = None

    async def active_role(self, user_id: UUID) -> Role | None:
        self.reads += 1
        answer = self.roles.get(user_id)
        if self.gate is not None:
            await self.gate.wait()
        return answer


def listening_cache(database: CountingDirectory) -> CachedUserDirectory:
    cache = CachedUserDirectory(database)
    cache.listening()
    return cache


async def test_a_listening_cache_asks_the_database_once_per_user() -> None:
    database = CountingDirectory()
    cache = listening_cache(database)
    assert [await cache.active_role(ANN) for _ in range(3)] == [Role.CUSTOMER] * 3
    assert database.reads == 1


async def test_a_change_is_seen_on_the_next_read() -> None:
    database = CountingDirectory()
    cache = listening_cache(database)
    await cache.active_role(ANN)
    database.roles[ANN] = None  # deactivated
    cache.changed(ANN)
    assert await cache.active_role(ANN) is None


async def test_a_cache_that_cannot_hear_changes_remembers_nothing() -> None:
    database = CountingDirectory()
    cache = CachedUserDirectory(database)
    await cache.active_role(ANN)
    await cache.active_role(ANN)
    assert database.reads == 2

    cache.listening()
    await cache.active_role(ANN)
    cache.deaf()  # the notices' connection is lost: changes may now go unheard
    database.roles[ANN] = Role.ADMIN
    assert await cache.active_role(ANN) is Role.ADMIN
    assert database.reads == 4


async def test_a_read_overtaken_by_a_change_does_not_store_its_stale_answer() -> None:
    database = CountingDirectory()
    cache = listening_cache(database)
    database.gate = asyncio.Event()
    in_flight = asyncio.create_task(cache.active_role(ANN))  # reads "customer" ...
    await asyncio.sleep(0)
    database.roles[ANN] = Role.STAFF
    cache.changed(ANN)  # ... then the promotion is heard before the read returns
    database.gate.set()
    assert await in_flight is Role.CUSTOMER
    database.gate = None
    assert await cache.active_role(ANN) is Role.STAFF


async def test_the_cache_never_grows_past_its_bound() -> None:
    database = CountingDirectory()
    cache = CachedUserDirectory(database, max_entries=2)
    cache.listening()
    for n in range(5):
        await cache.active_role(UUID(int=100 + n))
    reads = database.reads
    await cache.active_role(UUID(int=104))
    assert database.reads == reads  # the newest is remembered ...
    await cache.active_role(UUID(int=100))
    assert database.reads == reads + 1  # ... the oldest was dropped when the cache was full
