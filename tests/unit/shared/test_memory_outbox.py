"""The in-memory outbox keeps the PostgreSQL outbox's promises: holds, order, commit-only."""

from datetime import timedelta

from adapters.memory.store import InMemoryStore
from application.shared.caller import Caller
from tests.fakes import FixedClock, memory_uow
from tests.unit.ordering.shop import Shop


async def test_an_event_held_by_an_open_unit_of_work_is_skipped_until_it_ends(
    store: InMemoryStore, clock: FixedClock, customer: Caller
) -> None:
    shop = Shop(store, clock)
    mug = await shop.product("MUG-001")
    first, second = [await shop.place(customer, (mug, 1)) for _ in range(2)]
    now = clock.now()

    async with memory_uow(store) as one, memory_uow(store) as other:
        held = await one.outbox.claim_next(now=now)
        passed_over = await other.outbox.claim_next(now=now)
        assert held is not None
        assert passed_over is not None
        assert (held.event.aggregate_id, passed_over.event.aggregate_id) == (first.id, second.id)
        async with memory_uow(store) as third:
            assert await third.outbox.claim_next(now=now) is None
    assert store.held_events == set()

    async with memory_uow(store) as again:
        reclaimed = await again.outbox.claim_next(now=now)
        assert reclaimed is not None
        assert reclaimed.event.aggregate_id == first.id


async def test_outbox_changes_apply_on_commit_only(
    store: InMemoryStore, clock: FixedClock, customer: Caller
) -> None:
    shop = Shop(store, clock)
    mug = await shop.product("MUG-001")
    await shop.place(customer, (mug, 1))
    event_id = shop.recorded()[0].event_id
    later = clock.now() + timedelta(seconds=1)

    async with memory_uow(store) as abandoned:
        await abandoned.outbox.mark_delivered(event_id, now=clock.now())
    async with memory_uow(store) as retrying:
        await retrying.outbox.retry_later(event_id, error="boom", due=later)
        assert store.outbox[0].attempts == 0
        await retrying.commit()

    record = store.outbox[0]
    assert (record.delivered_at, record.attempts, record.available_at) == (None, 1, later)
    async with memory_uow(store) as early:
        assert await early.outbox.claim_next(now=clock.now()) is None
