"""The outbox relay against PostgreSQL: failures are retried then parked, others flow, and the
in-process relay started by the app's lifespan delivers within about a second.
"""

import asyncio
from datetime import timedelta
from typing import Any

import httpx
from prometheus_client import CollectorRegistry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.billing.tables import invoices
from adapters.postgres.kernel_tables import outbox
from application.billing.issue_invoice import IssueInvoice
from application.shared.ports import Clock, IdGenerator
from application.shared.relay import EventHandler, RelayEvents, RetryPolicy
from application.unit_of_work import ServiceUnitOfWork as UnitOfWork
from domain.ordering.events import OrderPlaced
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.relay import RelayMetrics
from entrypoints.settings import Settings
from tests.helpers import outbox_events_counted
from tests.integration.http.products import create_product
from tests.integration.http.test_orders_api import ORDERS, place


async def test_a_failing_handler_is_retried_then_parked_while_other_events_flow(
    staff: httpx.AsyncClient,
    customer: httpx.AsyncClient,
    container: Container,
    engine: AsyncEngine,
) -> None:
    mug = await create_product(staff, stock=10)
    doomed = (await place(customer, mug["id"])).json()
    healthy = (await place(customer, mug["id"])).json()

    def issue_unless_doomed(uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> EventHandler:
        real = IssueInvoice(uow, clock, ids)

        async def handle(event: OrderPlaced) -> None:
            if str(event.order_id) == doomed["id"]:
                raise RuntimeError("billing refuses this order")
            await real(event)

        return handle

    registry = CollectorRegistry()
    relay = RelayEvents(
        container.transactions(),
        {OrderPlaced: [issue_unless_doomed]},
        container.clock(),
        container.ids(),
        RelayMetrics(registry),
        RetryPolicy(max_attempts=3, base_delay=timedelta(0)),
    )
    await relay.drain()

    async with engine.connect() as connection:
        rows = {
            str(row.aggregate_id): row
            for row in await connection.execute(select(outbox).order_by(outbox.c.position))
        }
        invoiced = set((await connection.execute(select(invoices.c.order_id))).scalars().all())
    assert rows[doomed["id"]].parked_at is not None
    assert rows[doomed["id"]].attempts == 3
    assert "billing refuses this order" in rows[doomed["id"]].last_error
    assert rows[healthy["id"]].delivered_at is not None
    assert {str(order_id) for order_id in invoiced} == {healthy["id"]}

    def count(outcome: str) -> float:
        return outbox_events_counted(registry, outcome)

    # Delivered: the healthy order's placement, then the `InvoiceIssued` its invoice recorded.
    assert (count("retried"), count("parked"), count("delivered")) == (2, 1, 2)


async def test_the_relay_started_with_the_app_fills_in_the_invoice_within_a_second(
    settings: Settings, customer: httpx.AsyncClient, staff: httpx.AsyncClient
) -> None:
    mug = await create_product(staff)
    serving = Container(settings=settings)
    app = create_app(settings, serving)
    startup, shutdown = asyncio.Event(), asyncio.Event()
    messages: list[dict[str, Any]] = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]

    async def receive() -> dict[str, Any]:
        if messages[0]["type"] == "lifespan.shutdown":
            await shutdown.wait()
        return messages.pop(0)

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "lifespan.startup.complete":
            startup.set()

    lifespan = asyncio.create_task(
        app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
    )
    try:
        await asyncio.wait_for(startup.wait(), timeout=10)
        order = (await place(customer, mug["id"])).json()
        invoice_id = None
        for _ in range(20):
            await asyncio.sleep(0.1)
            invoice_id = (await customer.get(f"{ORDERS}/{order['id']}")).json()["invoice_id"]
            if invoice_id is not None:
                break
        assert invoice_id is not None, "no invoice within two seconds"
    finally:
        shutdown.set()
        await asyncio.wait_for(lifespan, timeout=15)
