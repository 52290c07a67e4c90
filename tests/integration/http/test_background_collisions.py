"""A command without `If-Match` survives a write it could not know about (SPEC §5).

The relay runs in the background as in production: while a customer places and at once
cancels an order, the invoice handlers fill in the order's `invoice_id` (a new version). The
service runs the cancellation again on a fresh transaction instead of answering 409; with a
stale `If-Match` the client asked for a precondition, and gets 412.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from application.ordering.cancel_order import CancelOrder, CancelOrderCommand
from application.ordering.ports import OrderView
from application.shared.caller import Caller
from domain.shared.ids import OrderId
from entrypoints.container import Container
from entrypoints.relay import OutboxRelayTask
from tests.helpers import assert_problem
from tests.integration.http.products import create_product

ORDERS = "/api/v1/orders"
ROUNDS = 30


@pytest.fixture
async def relay(container: Container) -> AsyncIterator[OutboxRelayTask]:
    task = OutboxRelayTask(container.relay_events(), poll_interval=0.01)
    task.start()
    yield task
    await task.stop()


async def place_and_cancel(customer: httpx.AsyncClient, product_id: str) -> int:
    placed = await customer.post(
        ORDERS, json={"lines": [{"product_id": product_id, "quantity": 1}]}
    )
    assert placed.status_code == 201, placed.text
    cancelled = await customer.post(f"{ORDERS}/{placed.json()['id']}/cancel")
    return cancelled.status_code


async def eventually_all_void(customer: httpx.AsyncClient) -> list[str]:
    for _ in range(200):
        orders = (await customer.get(ORDERS, params={"limit": 100})).json()["items"]
        invoices = [order["invoice_id"] for order in orders]
        if len(orders) == ROUNDS and all(invoices):
            statuses = [
                (await customer.get(f"/api/v1/invoices/{invoice}")).json()["status"]
                for invoice in invoices
            ]
            if set(statuses) == {"void"}:
                return statuses
        await asyncio.sleep(0.05)
    raise AssertionError("the relay did not void every cancelled order's invoice")


async def test_placing_and_cancelling_at_once_always_succeeds_while_the_relay_runs(
    staff: httpx.AsyncClient, customer: httpx.AsyncClient, relay: OutboxRelayTask
) -> None:
    product = await create_product(staff, stock=ROUNDS)
    statuses = await asyncio.gather(
        *(place_and_cancel(customer, product["id"]) for _ in range(ROUNDS))
    )
    assert statuses.count(200) == ROUNDS, statuses
    assert await eventually_all_void(customer) == ["void"] * ROUNDS
    assert (await staff.get(f"/api/v1/products/{product['id']}")).json()["stock"] == ROUNDS


@pytest.fixture
def held_cancellations(monkeypatch: pytest.MonkeyPatch, container: Container) -> list[OrderId]:
    """Makes the collision happen every time: the first attempt to cancel an order, once it
    has read and changed the order but before it commits, waits until the invoice handler
    has recorded the invoice on that order (a new version). Notes every attempt.
    """
    real = CancelOrder.__call__
    attempts: list[OrderId] = []

    async def cancel(self: CancelOrder, caller: Caller, command: CancelOrderCommand) -> OrderView:
        view = await real(self, caller, command)
        if command.order_id not in attempts:
            for _ in range(200):
                current = await container.ordering().order_queries().get(command.order_id)
                if current is not None and current.invoice_id is not None:
                    break
                await asyncio.sleep(0.02)
        attempts.append(command.order_id)
        return view

    monkeypatch.setattr(CancelOrder, "__call__", cancel)
    return attempts


async def test_a_cancellation_that_collides_with_the_invoice_handler_is_run_again(
    staff: httpx.AsyncClient,
    customer: httpx.AsyncClient,
    relay: OutboxRelayTask,
    held_cancellations: list[OrderId],
) -> None:
    product = await create_product(staff, stock=ROUNDS)
    statuses = [await place_and_cancel(customer, product["id"]) for _ in range(ROUNDS)]
    assert statuses == [200] * ROUNDS
    assert len(held_cancellations) == 2 * ROUNDS  # every one collided once, then committed
    assert await eventually_all_void(customer) == ["void"] * ROUNDS


async def test_a_stale_if_match_is_refused_not_retried(
    staff: httpx.AsyncClient, customer: httpx.AsyncClient, relay: OutboxRelayTask
) -> None:
    product = await create_product(staff)
    placed = await customer.post(
        ORDERS, json={"lines": [{"product_id": product["id"], "quantity": 1}]}
    )
    stale_tag = placed.headers["etag"]
    order_url = f"{ORDERS}/{placed.json()['id']}"
    for _ in range(200):  # the invoice handler records the invoice: a new version
        if (await customer.get(order_url)).json()["invoice_id"]:
            break
        await asyncio.sleep(0.05)
    response = await customer.post(f"{order_url}/cancel", headers={"If-Match": stale_tag})
    assert_problem(response, 412, "precondition_failed")
    assert (await customer.get(order_url)).json()["status"] == "placed"
