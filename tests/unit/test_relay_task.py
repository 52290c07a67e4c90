"""The relay's background task on in-memory adapters: polling, resilience, stopping, metrics."""

import asyncio
from collections.abc import Callable
from datetime import timedelta

import pytest
from prometheus_client import CollectorRegistry
from structlog.testing import capture_logs

from adapters.memory.store import InMemoryStore
from adapters.memory.unit_of_work import InMemoryUnitOfWork
from application.catalog.ports import ProductView
from application.shared.caller import Caller
from application.shared.ports import Clock, IdGenerator
from application.shared.relay import EventHandler, RelayEvents, RetryPolicy
from application.shared.transactions import TransactionRunner
from application.unit_of_work import ServiceUnitOfWork as UnitOfWork
from domain.ordering.events import OrderPlaced
from domain.shared.events import DomainEvent
from entrypoints.relay import OutboxRelayTask, RelayMetrics
from tests.fakes import FixedClock, memory_uow
from tests.helpers import outbox_events_counted
from tests.unit.ordering.shop import ROUTES, Shop


@pytest.fixture
def shop(store: InMemoryStore, clock: FixedClock) -> Shop:
    return Shop(store, clock)


@pytest.fixture
async def mug(shop: Shop) -> ProductView:
    return await shop.product("MUG-001", stock=100)


async def eventually(condition: Callable[[], object], within: float = 1.0) -> None:
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 - polls what the relay changes, as a client would
            await asyncio.sleep(0.005)


async def test_a_new_order_is_invoiced_within_a_second(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    task = OutboxRelayTask(shop.relay())
    task.start()
    try:
        order = await shop.place(customer, (mug, 1))
        await eventually(lambda: shop.store.table("orders")[order.id].invoice_id is not None)
    finally:
        await task.stop()


async def test_a_failing_loop_is_logged_and_keeps_going(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    outages = iter([ConnectionError("database unreachable")])

    def unit_of_work() -> InMemoryUnitOfWork:
        if outage := next(outages, None):
            raise outage
        return memory_uow(shop.store)

    order = await shop.place(customer, (mug, 1))
    flaky = RelayEvents(TransactionRunner(unit_of_work), ROUTES, shop.clock, shop.ids, shop.log)
    with capture_logs() as logs:
        task = OutboxRelayTask(flaky, error_pause=0.01)
        task.start()
        await eventually(lambda: shop.store.table("orders")[order.id].invoice_id is not None)
        await task.stop()
    [failure] = [log for log in logs if log["event"] == "outbox_relay_failed"]
    assert (failure["log_level"], failure["retry_in_seconds"]) == ("error", 0.01)


async def test_stopping_lets_the_event_in_progress_finish(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    def slow(uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> EventHandler:
        async def handle(event: DomainEvent) -> None:
            entered.set()
            await release.wait()

        return handle

    await shop.place(customer, (mug, 1))
    task = OutboxRelayTask(shop.relay({OrderPlaced: [slow]}))
    task.start()
    await entered.wait()
    stopping = asyncio.create_task(task.stop())
    await asyncio.sleep(0.01)
    assert not stopping.done()

    release.set()
    await stopping
    assert shop.store.outbox[0].delivered_at is not None


async def test_an_event_still_in_progress_after_the_grace_period_is_rolled_back(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    def stuck(uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> EventHandler:
        async def handle(event: DomainEvent) -> None:
            await asyncio.Event().wait()

        return handle

    await shop.place(customer, (mug, 1))
    with capture_logs() as logs:
        task = OutboxRelayTask(shop.relay({OrderPlaced: [stuck]}), grace=0.01)
        task.start()
        await eventually(lambda: shop.store.held_events)
        await task.stop()
    assert (shop.store.outbox[0].delivered_at, shop.store.held_events) == (None, set())
    assert [log["event"] for log in logs] == ["outbox_relay_cancelled"]


async def test_deliveries_retries_and_parked_events_are_counted_and_logged(
    shop: Shop, customer: Caller, mug: ProductView
) -> None:
    def failing(uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> EventHandler:
        async def handle(event: DomainEvent) -> None:
            raise RuntimeError("billing is down")

        return handle

    registry = CollectorRegistry()
    with capture_logs() as logs:
        metrics = RelayMetrics(registry)
        events = RelayEvents(
            shop.transactions,
            {OrderPlaced: [failing]},
            shop.clock,
            shop.ids,
            metrics,
            RetryPolicy(max_attempts=2),
        )
        order = await shop.place(customer, (mug, 1))
        await shop.cancel(customer, order.id)
        await events.drain()
        shop.clock.advance(timedelta(seconds=1))
        await events.drain()

    def count(outcome: str) -> float:
        return outbox_events_counted(registry, outcome)

    assert (count("delivered"), count("retried"), count("parked")) == (1, 1, 1)
    # Deliveries log at debug, which the process's configured level may filter out.
    problems = [log for log in logs if log["log_level"] != "debug"]
    assert [(log["event"], log["log_level"]) for log in problems] == [
        ("outbox_event_retried", "warning"),
        ("outbox_event_parked", "error"),
    ]
    parked = problems[1]
    assert (parked["event_type"], parked["aggregate_id"], parked["attempts"]) == (
        "OrderPlaced",
        str(order.id),
        2,
    )
    assert isinstance(parked["exc_info"], RuntimeError)
