"""The idempotency guard's rules, independent of HTTP and of the database."""

from datetime import timedelta

import pytest

from adapters.clock import FixedClock
from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.shared.idempotency import (
    IdempotencyGuard,
    IdempotencyKeyReusedError,
    IdempotencyRequestInProgressError,
    IdempotentRequest,
    StoredResponse,
)

REQUEST = IdempotentRequest(scope="alice", key="k1", fingerprint="body-1")
RESPONSE = StoredResponse(status=201, headers=(("location", "/p/1"),), body=b'{"id": 1}')


async def remember(store: InMemoryStore, clock: FixedClock) -> None:
    async with InMemoryUnitOfWork(store) as uow:
        guard = IdempotencyGuard(uow.idempotency, clock)
        assert await guard.claim(REQUEST) is None
        await guard.remember(REQUEST, RESPONSE)
        await uow.commit()


async def test_a_retry_replays_the_first_response(store: InMemoryStore, clock: FixedClock) -> None:
    await remember(store, clock)
    async with InMemoryUnitOfWork(store) as uow:
        assert await IdempotencyGuard(uow.idempotency, clock).claim(REQUEST) == RESPONSE


async def test_the_same_key_with_another_body_is_refused(
    store: InMemoryStore, clock: FixedClock
) -> None:
    await remember(store, clock)
    other = IdempotentRequest(scope="alice", key="k1", fingerprint="body-2")
    async with InMemoryUnitOfWork(store) as uow:
        with pytest.raises(IdempotencyKeyReusedError):
            await IdempotencyGuard(uow.idempotency, clock).claim(other)


async def test_keys_are_scoped_to_the_caller(store: InMemoryStore, clock: FixedClock) -> None:
    await remember(store, clock)
    bob = IdempotentRequest(scope="bob", key="k1", fingerprint="body-2")
    async with InMemoryUnitOfWork(store) as uow:
        assert await IdempotencyGuard(uow.idempotency, clock).claim(bob) is None


async def test_a_key_in_use_by_a_running_request_is_refused(
    store: InMemoryStore, clock: FixedClock
) -> None:
    async with InMemoryUnitOfWork(store) as first, InMemoryUnitOfWork(store) as second:
        assert await IdempotencyGuard(first.idempotency, clock).claim(REQUEST) is None
        with pytest.raises(IdempotencyRequestInProgressError):
            await IdempotencyGuard(second.idempotency, clock).claim(REQUEST)


async def test_a_failed_request_leaves_the_key_unused(
    store: InMemoryStore, clock: FixedClock
) -> None:
    async with InMemoryUnitOfWork(store) as uow:
        guard = IdempotencyGuard(uow.idempotency, clock)
        assert await guard.claim(REQUEST) is None
        await guard.remember(REQUEST, RESPONSE)
    async with InMemoryUnitOfWork(store) as uow:
        assert await IdempotencyGuard(uow.idempotency, clock).claim(REQUEST) is None


async def test_records_expire_after_24_hours(store: InMemoryStore, clock: FixedClock) -> None:
    await remember(store, clock)
    clock.advance(timedelta(hours=24))
    async with InMemoryUnitOfWork(store) as uow:
        assert await IdempotencyGuard(uow.idempotency, clock).claim(REQUEST) is None
