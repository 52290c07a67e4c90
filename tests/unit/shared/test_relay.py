"""The relay on the in-memory outbox: order per aggregate, retries, parking, redelivery, races."""

import asyncio
from dataclasses import replace
from datetime import timedelta
from uuid import UUID

import pytest

from adapters.memory.store import InMemoryStore
from application.billing.issue_invoice import IssueInvoice
from application.catalog.ports import ProductView
from application.ordering.record_invoice import RecordInvoice
from application.shared.caller import Caller
from application.shared.ports import Clock, IdGenerator
from application.shared.relay import EventHandler, RetryPolicy
from application.unit_of_work import ServiceUnitOfWork as UnitOfWork
from domain.billing.events import InvoiceIssued
from domain.ordering.events import OrderCancelled, OrderPlaced
from domain.shared.events import DomainEvent
from tests.fakes import FixedClock
from tests.unit.ordering.shop import Shop


class Journal:
    """A handler for tests: notes every event it is given, and fails for chosen aggregates."""

    def __init__(self) -> None:
        self.seen: list[DomainEvent] = []
        self.failing: set[UUID] = set()

    def handler(self, uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> EventHandler:
        async def note(event: DomainEvent) -> None:
            await asyncio.sleep(0)  # a real handler awaits I/O: another relay may run meanwhile
            if event.aggregate_id in self.failing:
                raise RuntimeError(f"cannot handle {type(event).__name__}")
            self.seen.append(event)

        return note


@pytest.fixture
def shop(store: InMemoryStore, clock: FixedClock) -> Shop:
    return Shop(store, clock)


@pytest.fixture
async def mug(shop: Shop) -> ProductView:
    return await shop.product("MUG-001", stock=100)


@pytest.fixture
def journal() -> Journal:
    return Journal()


def test_the_delay_doubles_from_half_a_second_up_to_a_minute() -> None:
    delays = [RetryPolicy().delay(attempts).total_seconds() for attempts in range(1, 10)]
    assert delays == [0.5, 1, 2, 4, 8, 16, 32, 60, 60]
    assert RetryPolicy().delay(10_000) == timedelta(seconds=60)


async def test_events_without_handlers_are_delivered_and_handled_events_once(
    shop: Shop, customer: Caller, mug: ProductView, journal: Journal
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.cancel(customer, order.id)
    relay = shop.relay({OrderPlaced: [journal.handler]})

    assert await relay.drain() == 2
    assert journal.seen == shop.recorded()[:1]
    assert shop.log.deliveries == shop.recorded()
    assert all(record.delivered_at == shop.clock.now() for record in shop.store.outbox)
    assert not await relay.deliver_next()


async def test_an_aggregates_later_events_wait_for_its_earlier_ones(
    shop: Shop, customer: Caller, mug: ProductView, journal: Journal
) -> None:
    first = await shop.place(customer, (mug, 1))
    await shop.cancel(customer, first.id)
    await shop.place(customer, (mug, 1))
    placed_first, cancelled_first, placed_second = shop.recorded()
    relay = shop.relay({OrderPlaced: [journal.handler], OrderCancelled: [journal.handler]})

    journal.failing.add(first.id)
    assert await relay.drain() == 2  # the first order's placement failed, the second's went
    assert journal.seen == [placed_second]

    journal.failing.clear()
    shop.clock.advance(timedelta(seconds=1))
    assert await relay.drain() == 2
    assert journal.seen == [placed_second, placed_first, cancelled_first]


async def test_a_failing_event_is_retried_with_backoff_then_parked_while_others_flow(
    shop: Shop, customer: Caller, mug: ProductView, journal: Journal
) -> None:
    relay = shop.relay(
        {OrderPlaced: [IssueInvoice, journal.handler], InvoiceIssued: [RecordInvoice]}
    )
    doomed = await shop.place(customer, (mug, 1))
    journal.failing.add(doomed.id)

    assert await relay.drain() == 1
    record = shop.store.outbox[0]
    assert (record.attempts, record.last_error) == (1, "RuntimeError: cannot handle OrderPlaced")
    assert record.available_at == shop.clock.now() + timedelta(seconds=0.5)
    assert (shop.store.table("invoices"), shop.store.inbox) == ({}, set())  # its effect rolled back

    other = await shop.place(customer, (mug, 1))
    assert await relay.drain() == 2  # its placement, then its invoice's issue
    assert (await shop.order(other.id)).invoice_id is not None

    for delay in (0.5, 1, 2, 4):
        shop.clock.advance(timedelta(seconds=delay) - timedelta(milliseconds=1))
        assert await relay.drain() == 0  # not due yet
        shop.clock.advance(timedelta(milliseconds=1))
        assert await relay.drain() == 1

    parked = shop.store.outbox[0]
    assert (parked.attempts, parked.parked_at, parked.delivered_at) == (5, shop.clock.now(), None)
    assert parked.last_error == "RuntimeError: cannot handle OrderPlaced"
    assert [attempts for _, attempts, _ in shop.log.retries] == [1, 2, 3, 4]
    [(event, attempts, error)] = shop.log.parks
    assert (event.event_id, attempts, str(error)) == (
        parked.event.event_id,
        5,
        "cannot handle OrderPlaced",
    )
    shop.clock.advance(timedelta(days=1))
    assert await relay.drain() == 0
    assert (await shop.order(doomed.id)).invoice_id is None


async def test_a_parked_event_no_longer_holds_back_its_aggregate(
    shop: Shop, customer: Caller, mug: ProductView, journal: Journal
) -> None:
    relay = shop.relay(
        {OrderPlaced: [journal.handler], OrderCancelled: [journal.handler]},
        RetryPolicy(max_attempts=1),
    )
    order = await shop.place(customer, (mug, 1))
    journal.failing.add(order.id)
    assert await relay.drain() == 1
    assert shop.store.outbox[0].parked_at is not None

    journal.failing.clear()
    await shop.cancel(customer, order.id)
    assert await relay.drain() == 1
    assert [type(event) for event in journal.seen] == [OrderCancelled]


async def test_an_event_delivered_again_has_its_effect_once(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    await shop.place(customer, (mug, 1))
    await shop.deliver()
    shop.store.outbox[0] = replace(shop.store.outbox[0], delivered_at=None)  # as if unacked

    await shop.deliver()
    placed, issued = shop.recorded()
    assert shop.log.deliveries == [placed, issued, placed]
    assert len(shop.store.table("invoices")) == 1
    assert shop.store.table("invoice_counters") == {2026: 1}


async def test_two_relays_on_one_store_never_deliver_the_same_event(
    shop: Shop, customer: Caller, mug: ProductView, journal: Journal
) -> None:
    for _ in range(10):
        await shop.place(customer, (mug, 1))
    routes = {OrderPlaced: [journal.handler]}

    done = await asyncio.gather(shop.relay(routes).drain(), shop.relay(routes).drain())

    assert min(done) > 0
    assert sum(done) == 10
    assert sorted(event.event_id for event in journal.seen) == sorted(
        event.event_id for event in shop.recorded()
    )
    assert shop.store.held_events == set()
