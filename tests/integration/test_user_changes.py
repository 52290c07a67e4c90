"""Every service instance hears, within moments of the commit, that a user changed: a
deactivated user's token is refused by every instance, however warm its cache.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from uuid import UUID

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from application.identity.change_user import ChangeUserCommand
from application.identity.ports import UserCriteria
from application.shared.caller import Caller
from application.shared.pagination import PageRequest
from domain.identity.user import UserChanges
from domain.shared.ids import UserId
from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.settings import Settings
from tests.integration.conftest import create_account

ADMIN = Caller(user_id=UUID(int=1), role=Role.ADMIN)


@pytest.fixture
async def instances(settings: Settings) -> AsyncIterator[list[Container]]:
    """Two service instances, each with its own read pool, cache and listener."""
    started = [Container(settings=settings) for _ in range(2)]
    for container in started:
        await container.identity().user_changes().start()
    yield started
    for container in started:
        await container.identity().user_changes().stop()
        await container.read_pool().close()
        await container.engine().dispose()


async def user_id(container: Container, email: str) -> UserId:
    page = await container.identity().user_queries().list(UserCriteria(q=email), PageRequest())
    return page.items[0].id


async def seconds_until(check: Callable[[], Awaitable[bool]], limit: float = 2.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if await check():
            return time.perf_counter() - started
        await asyncio.sleep(0.001)
    raise AssertionError("not seen in time")


async def test_a_deactivation_is_seen_by_every_instance_within_100_ms(
    instances: list[Container],
) -> None:
    writer, reader = instances
    await create_account(writer, "ann@example.com", Role.CUSTOMER)
    ann = await user_id(writer, "ann@example.com")
    for container in instances:  # warm both caches
        assert await container.identity().user_directory().active_role(ann) is Role.CUSTOMER
    command = ChangeUserCommand(user_id=ann, changes=UserChanges(is_active=False))
    await writer.transactions().run(
        lambda uow: writer.identity().change_user(uow=uow)(ADMIN, command)
    )

    async def refused() -> bool:
        return await reader.identity().user_directory().active_role(ann) is None

    assert await seconds_until(refused) < 0.1


async def test_a_role_change_is_seen_by_every_instance(instances: list[Container]) -> None:
    writer, reader = instances
    await create_account(writer, "bob@example.com", Role.CUSTOMER)
    bob = await user_id(writer, "bob@example.com")
    assert await reader.identity().user_directory().active_role(bob) is Role.CUSTOMER
    command = ChangeUserCommand(user_id=bob, changes=UserChanges(role=Role.STAFF))
    await writer.transactions().run(
        lambda uow: writer.identity().change_user(uow=uow)(ADMIN, command)
    )

    async def promoted() -> bool:
        return await reader.identity().user_directory().active_role(bob) is Role.STAFF

    assert await seconds_until(promoted) < 0.1


async def test_an_instance_that_lost_its_notices_reads_the_database_until_it_hears_again(
    instances: list[Container], engine: AsyncEngine
) -> None:
    writer, reader = instances
    await create_account(writer, "cy@example.com", Role.CUSTOMER)
    cy = await user_id(writer, "cy@example.com")
    assert await reader.identity().user_directory().active_role(cy) is Role.CUSTOMER
    async with engine.connect() as connection:  # the listeners' connections drop
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = 'orderly-user-changes'"
            )
        )
    async with engine.begin() as connection:  # a change nobody can hear
        await connection.execute(text("UPDATE users SET role = 'staff' WHERE id = :id"), {"id": cy})

    async def current() -> bool:
        return await reader.identity().user_directory().active_role(cy) is Role.STAFF

    assert await seconds_until(current) < 0.1


async def test_an_instance_listens_again_after_losing_its_notices(
    instances: list[Container], engine: AsyncEngine
) -> None:
    writer, reader = instances
    await create_account(writer, "di@example.com", Role.CUSTOMER)
    di = await user_id(writer, "di@example.com")
    async with engine.connect() as connection:
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = 'orderly-user-changes'"
            )
        )
    directory = reader.identity().user_directory()

    async def deaf() -> bool:
        return not directory.trusted

    async def listening_again() -> bool:
        return bool(directory.trusted)

    await seconds_until(deaf)
    assert await seconds_until(listening_again, limit=5.0) > 0.5  # after a one-second pause
    assert await directory.active_role(di) is Role.CUSTOMER  # remembered again
    command = ChangeUserCommand(user_id=di, changes=UserChanges(is_active=False))
    await writer.transactions().run(
        lambda uow: writer.identity().change_user(uow=uow)(ADMIN, command)
    )

    async def refused() -> bool:
        return await directory.active_role(di) is None

    assert await seconds_until(refused) < 0.1
