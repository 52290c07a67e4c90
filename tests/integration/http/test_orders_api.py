"""Ordering and billing over HTTP against PostgreSQL, with the outbox relay driven by the test."""

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.billing.tables import invoices
from adapters.postgres.ordering.tables import orders
from entrypoints.container import Container
from tests.helpers import assert_problem
from tests.integration.conftest import PASSWORD, sign_in
from tests.integration.http.products import PRODUCTS, create_product

ORDERS = "/api/v1/orders"
INVOICES = "/api/v1/invoices"


async def relay(container: Container) -> None:
    """Delivers every pending event now, as the in-process relay would within a second."""
    await container.relay_events().drain()


async def place(client: httpx.AsyncClient, product_id: str, quantity: int = 1) -> httpx.Response:
    return await client.post(
        ORDERS, json={"lines": [{"product_id": product_id, "quantity": quantity}]}
    )


async def count(engine: AsyncEngine, table: Any) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(table)) or 0)


async def pay(staff: httpx.AsyncClient, invoice_id: str, amount: str, key: str) -> httpx.Response:
    return await staff.post(
        f"{INVOICES}/{invoice_id}/payments",
        json={"amount": {"amount": amount, "currency": "EUR"}, "method": "card", "reference": key},
        headers={"Idempotency-Key": key},
    )


async def test_the_whole_story_from_sign_up_to_shipping(
    client: httpx.AsyncClient, staff: httpx.AsyncClient, container: Container
) -> None:
    mug = await create_product(staff, stock=10)
    signup = {"email": "new@example.com", "password": PASSWORD, "full_name": "New Customer"}
    assert (await client.post("/api/v1/auth/register", json=signup)).status_code == 201
    token = await sign_in(client, "new@example.com")
    customer = client
    customer.headers["Authorization"] = f"Bearer {token}"
    browsed = (await client.get(PRODUCTS)).json()["items"]
    assert [item["id"] for item in browsed] == [mug["id"]]
    placed = await place(customer, mug["id"], 2)
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert (order["status"], order["invoice_id"], order["total"]) == (
        "placed",
        None,
        {"amount": "25.00", "currency": "EUR"},
    )
    assert placed.headers["location"] == f"{ORDERS}/{order['id']}"
    assert (await staff.get(f"{PRODUCTS}/{mug['id']}")).json()["stock"] == 8

    await relay(container)
    reread = await customer.get(f"{ORDERS}/{order['id']}")
    invoice_id = reread.json()["invoice_id"]
    assert invoice_id is not None
    assert reread.headers["etag"] != placed.headers["etag"]
    invoice = (await customer.get(f"{INVOICES}/{invoice_id}")).json()
    assert invoice["status"] == "open"
    assert invoice["number"].startswith("INV-")
    assert invoice["amount_due"] == {"amount": "25.00", "currency": "EUR"}

    partial = await pay(staff, invoice_id, "10.00", "pay-1")
    assert partial.status_code == 201, partial.text
    assert partial.json()["amount_due"]["amount"] == "15.00"
    assert_problem(await pay(staff, invoice_id, "99.00", "pay-2"), 422, "overpayment")
    full = await pay(staff, invoice_id, "15.00", "pay-3")
    assert full.json()["status"] == "paid"
    await relay(container)
    assert (await customer.get(f"{ORDERS}/{order['id']}")).json()["status"] == "paid"

    assert_problem(await customer.post(f"{ORDERS}/{order['id']}/ship"), 403, "forbidden")
    shipped = await staff.post(f"{ORDERS}/{order['id']}/ship")
    assert shipped.status_code == 200
    assert shipped.json()["status"] == "shipped"
    assert_problem(await staff.post(f"{ORDERS}/{order['id']}/cancel"), 409, "invalid_order_state")


async def test_cancelling_returns_the_stock_and_voids_the_invoice(
    customer: httpx.AsyncClient, staff: httpx.AsyncClient, container: Container
) -> None:
    mug = await create_product(staff, stock=3)
    order = (await place(customer, mug["id"], 3)).json()
    await relay(container)
    invoice_id = (await customer.get(f"{ORDERS}/{order['id']}")).json()["invoice_id"]
    stale = await customer.post(f"{ORDERS}/{order['id']}/cancel", headers={"If-Match": '"1"'})
    assert_problem(stale, 412, "precondition_failed")
    cancelled = await customer.post(f"{ORDERS}/{order['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    assert (await staff.get(f"{PRODUCTS}/{mug['id']}")).json()["stock"] == 3
    await relay(container)
    assert (await customer.get(f"{INVOICES}/{invoice_id}")).json()["status"] == "void"
    assert_problem(await pay(staff, invoice_id, "1.00", "late"), 409, "invoice_not_open")
    assert_problem(await staff.post(f"{ORDERS}/{order['id']}/ship"), 409, "invalid_order_state")


async def test_twenty_concurrent_orders_for_five_in_stock_place_exactly_five(
    staff: httpx.AsyncClient, customer: httpx.AsyncClient
) -> None:
    mug = await create_product(staff, stock=5)
    responses = await asyncio.gather(*(place(customer, mug["id"]) for _ in range(20)))
    placed = [r for r in responses if r.status_code == 201]
    assert len(placed) == 5
    for response in responses:
        if response.status_code != 201:
            problem = assert_problem(response, 409, "insufficient_stock")
            assert mug["sku"] in problem["detail"]
    assert (await staff.get(f"{PRODUCTS}/{mug['id']}")).json()["stock"] == 0


async def test_an_order_with_a_short_line_reserves_nothing(
    staff: httpx.AsyncClient, customer: httpx.AsyncClient
) -> None:
    plenty = await create_product(staff, "PLENTY-1", stock=10)
    scarce = await create_product(staff, "SCARCE-1", stock=1)
    response = await customer.post(
        ORDERS,
        json={
            "lines": [
                {"product_id": plenty["id"], "quantity": 4},
                {"product_id": scarce["id"], "quantity": 2},
            ]
        },
    )
    problem = assert_problem(response, 409, "insufficient_stock")
    assert "SCARCE-1" in problem["detail"]
    assert "PLENTY-1" not in problem["detail"]
    assert (await staff.get(f"{PRODUCTS}/{plenty['id']}")).json()["stock"] == 10


async def test_ten_concurrent_payments_with_one_key_record_one_payment(
    customer: httpx.AsyncClient, staff: httpx.AsyncClient, container: Container
) -> None:
    mug = await create_product(staff, stock=5)
    order = (await place(customer, mug["id"])).json()
    await relay(container)
    invoice_id = (await customer.get(f"{ORDERS}/{order['id']}")).json()["invoice_id"]
    responses = await asyncio.gather(
        *(pay(staff, invoice_id, "5.00", "same-key") for _ in range(10))
    )
    for response in responses:
        if response.status_code != 201:
            assert_problem(response, 409, "idempotency_request_in_progress")
    invoice = (await staff.get(f"{INVOICES}/{invoice_id}")).json()
    assert len(invoice["payments"]) == 1
    assert invoice["amount_paid"]["amount"] == "5.00"


async def test_payments_need_an_idempotency_key(
    customer: httpx.AsyncClient, staff: httpx.AsyncClient, container: Container
) -> None:
    mug = await create_product(staff)
    order = (await place(customer, mug["id"])).json()
    await relay(container)
    invoice_id = (await customer.get(f"{ORDERS}/{order['id']}")).json()["invoice_id"]
    response = await staff.post(
        f"{INVOICES}/{invoice_id}/payments",
        json={"amount": {"amount": "1.00", "currency": "EUR"}, "method": "cash", "reference": "r"},
    )
    assert_problem(response, 400, "idempotency_key_required")


async def test_a_burst_of_fifty_orders_gets_fifty_invoices_with_two_relays(
    staff: httpx.AsyncClient,
    customer: httpx.AsyncClient,
    container: Container,
    engine: AsyncEngine,
) -> None:
    mug = await create_product(staff, stock=100)
    responses = await asyncio.gather(*(place(customer, mug["id"]) for _ in range(50)))
    assert all(response.status_code == 201 for response in responses)
    other = Container(settings=container.settings())
    try:
        await asyncio.gather(relay(container), relay(other))
    finally:
        await other.read_pool().close()
        await other.engine().dispose()
    assert await count(engine, invoices) == 50
    async with engine.connect() as connection:
        numbers = (await connection.execute(select(invoices.c.number))).scalars().all()
        missing = await connection.scalar(
            select(func.count()).select_from(orders).where(orders.c.invoice_id.is_(None))
        )
    assert len(set(numbers)) == 50
    assert missing == 0


async def test_customers_see_only_their_own_orders_and_invoices(
    customer: httpx.AsyncClient,
    staff: httpx.AsyncClient,
    admin: httpx.AsyncClient,
    container: Container,
) -> None:
    mug = await create_product(staff)
    mine = (await place(customer, mug["id"])).json()
    theirs = (await place(admin, mug["id"])).json()
    await relay(container)
    listed = (await customer.get(ORDERS)).json()["items"]
    assert [order["id"] for order in listed] == [mine["id"]]
    assert_problem(await customer.get(f"{ORDERS}/{theirs['id']}"), 404, "order_not_found")
    their_invoice = (await admin.get(f"{ORDERS}/{theirs['id']}")).json()["invoice_id"]
    assert_problem(await customer.get(f"{INVOICES}/{their_invoice}"), 404, "invoice_not_found")
    assert len((await staff.get(ORDERS)).json()["items"]) == 2
    assert len((await customer.get(INVOICES)).json()["items"]) == 1


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "validation_error"),
        (
            [{"product_id": "01a20d62-bb28-759d-a962-d3ba4112abd4", "quantity": 1}],
            "product_unavailable",
        ),
        ([{"product_id": "not-a-uuid", "quantity": 1}], "validation_error"),
        (
            [{"product_id": "01a20d62-bb28-759d-a962-d3ba4112abd4", "quantity": 0}],
            "validation_error",
        ),
    ],
)
async def test_invalid_orders_are_422_and_change_nothing(
    customer: httpx.AsyncClient, engine: AsyncEngine, lines: list[Any], code: str
) -> None:
    assert_problem(await customer.post(ORDERS, json={"lines": lines}), 422, code)
    assert await count(engine, orders) == 0


async def test_anonymous_callers_must_sign_in_first(client: httpx.AsyncClient) -> None:
    response = await place(client, "01a20d62-bb28-759d-a962-d3ba4112abd4")
    assert_problem(response, 401, "not_authenticated")
    assert_problem(await client.get(ORDERS), 401, "not_authenticated")
    assert_problem(await client.get(INVOICES), 401, "not_authenticated")
