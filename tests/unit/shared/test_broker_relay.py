"""Broker mode's core on the in-memory adapters: the relay publishes instead of handling,
and a worker's `HandleEvent` takes an event only after its predecessor was handled."""

from __future__ import annotations

import pytest

from adapters.memory.store import InMemoryStore
from application.billing.issue_invoice import IssueInvoice
from application.billing.void_invoice import VoidInvoice
from application.catalog.ports import ProductView
from application.shared.broker import BrokerUnavailableError, PredecessorPendingError
from application.shared.caller import Caller
from application.shared.handle_event import HandleEvent
from application.shared.outbox import EventRef, PendingEvent
from application.shared.relay import RelayEvents, RetryPolicy
from domain.ordering.events import OrderCancelled, OrderPlaced
from tests.fakes import FixedClock
from tests.unit.ordering.shop import ROUTES, Shop


class Broker:
    """Confirms what it is given, in order, unless told to be down."""

    def __init__(self) -> None:
        self.published: list[tuple[PendingEvent, EventRef | None]] = []
        self.down = False

    async def publish(self, pending: PendingEvent, *, predecessor: EventRef | None) -> None:
        if self.down:
            raise BrokerUnavailableError("connection refused")
        self.published.append((pending, predecessor))


@pytest.fixture
def shop(store: InMemoryStore, clock: FixedClock) -> Shop:
    return Shop(store, clock)


@pytest.fixture
async def mug(shop: Shop) -> ProductView:
    return await shop.product("MUG-001", stock=100)


@pytest.fixture
def broker() -> Broker:
    return Broker()


def publishing(shop: Shop, broker: Broker) -> RelayEvents:
    return RelayEvents(
        shop.transactions, ROUTES, shop.clock, shop.ids, shop.log, RetryPolicy(), publisher=broker
    )


async def test_the_relay_publishes_each_event_with_its_predecessor_and_runs_no_handler(
    shop: Shop, mug: ProductView, customer: Caller, broker: Broker, store: InMemoryStore
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.cancel(customer, order.id)
    assert await publishing(shop, broker).drain() == 2

    (placed, first), (cancelled, second) = broker.published
    assert (type(placed.event), first) == (OrderPlaced, None)
    assert type(cancelled.event) is OrderCancelled
    assert second == EventRef(event_id=placed.event.event_id, event_type="OrderPlaced")
    assert all(record.delivered_at is not None for record in store.outbox)
    assert not store.inbox  # handlers run in workers, not here
    assert (await shop.order(order.id)).invoice_id is None


async def test_a_broker_that_is_down_leaves_the_event_pending_without_counting_it(
    shop: Shop, mug: ProductView, customer: Caller, broker: Broker, store: InMemoryStore
) -> None:
    await shop.place(customer, (mug, 1))
    broker.down = True
    with pytest.raises(BrokerUnavailableError):
        await publishing(shop, broker).deliver_next()
    (record,) = store.outbox
    assert (record.delivered_at, record.attempts, record.parked_at) == (None, 0, None)

    broker.down = False
    assert await publishing(shop, broker).drain() == 1
    assert len(broker.published) == 1


async def test_an_event_waits_until_every_handler_of_its_predecessor_has_handled_it(
    shop: Shop, mug: ProductView, customer: Caller, broker: Broker, store: InMemoryStore
) -> None:
    order = await shop.place(customer, (mug, 1))
    await shop.cancel(customer, order.id)
    await publishing(shop, broker).drain()
    (placed, _), (cancelled, predecessor) = broker.published
    handle = HandleEvent(shop.transactions, ROUTES, shop.clock, shop.ids)

    with pytest.raises(PredecessorPendingError) as pending:
        await handle(VoidInvoice, cancelled.event, predecessor=predecessor, trace_context=None)
    assert pending.value.predecessor == predecessor

    await handle(IssueInvoice, placed.event, predecessor=None, trace_context=None)
    await handle(VoidInvoice, cancelled.event, predecessor=predecessor, trace_context=None)
    (invoice,) = store.table("invoices").values()
    assert (invoice.order_id, invoice.status.value) == (order.id, "void")


async def test_one_step_publishes_a_batch_one_event_of_each_aggregate(
    shop: Shop, mug: ProductView, customer: Caller, broker: Broker, store: InMemoryStore
) -> None:
    orders = [await shop.place(customer, (mug, 1)) for _ in range(3)]
    await shop.cancel(customer, orders[0].id)
    relay = publishing(shop, broker)

    assert await relay.deliver_next()
    assert [type(p.event) for p, _ in broker.published] == [OrderPlaced] * 3
    assert await relay.deliver_next()  # the cancellation waited for its order's first event
    assert type(broker.published[-1][0].event) is OrderCancelled
    assert not await relay.deliver_next()
    assert all(record.delivered_at is not None for record in store.outbox)
