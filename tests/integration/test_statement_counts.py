"""What a request costs the write engine: placing an order the same number of statements
whatever its number of lines (the stock of every line is reserved, and the products read, in
one statement), and a read nothing at all (reads go to the read pool, no transaction).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from entrypoints.container import Container
from tests.integration.http.products import create_product


@contextmanager
def statements(container: Container) -> Iterator[list[str]]:
    """Every statement the write engine sends while the block runs."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engine = container.engine().sync_engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


async def place(customer: httpx.AsyncClient, product_ids: list[str], key: str) -> None:
    lines = [{"product_id": product_id, "quantity": 1} for product_id in product_ids]
    response = await customer.post(
        "/api/v1/orders", json={"lines": lines}, headers={"Idempotency-Key": key}
    )
    assert response.status_code == 201, response.text


async def test_a_fifty_line_order_costs_what_a_one_line_order_costs(
    staff: httpx.AsyncClient, customer: httpx.AsyncClient, container: Container
) -> None:
    products = [(await create_product(staff, f"SKU-{n:03d}"))["id"] for n in range(50)]
    with statements(container) as one_line:
        await place(customer, products[:1], "one")
    with statements(container) as fifty_lines:
        await place(customer, products, "fifty")
    assert len(fifty_lines) == len(one_line)
    assert len(one_line) <= 8, one_line


async def test_reading_ones_own_account_opens_no_write_transaction(
    customer: httpx.AsyncClient, container: Container
) -> None:
    with statements(container) as seen:
        response = await customer.get("/api/v1/users/me")
    assert response.status_code == 200
    assert seen == []
