"""Keyset pagination over HTTP: cursors, Link headers, stability under concurrent inserts."""

import asyncio
from typing import Any

import httpx
import pytest

from tests.helpers import assert_problem
from tests.integration.http.products import PRODUCTS, create_product

SORTS = ["created_at", "-created_at", "name", "-name", "price", "-price"]


async def walk(staff: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    """Follows `Link: rel="next"` until the last page, as a staff would."""
    items: list[dict[str, Any]] = []
    response = await staff.get(PRODUCTS, params=params)
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        if page["next_cursor"] is None:
            assert "link" not in response.headers
            return items
        link = response.headers["link"]
        assert link.endswith('>; rel="next"')
        response = await staff.get(link[1 : link.index(">")])


async def seed(staff: httpx.AsyncClient, count: int, prefix: str = "P") -> set[str]:
    skus = set()
    for index in range(count):
        sku = f"{prefix}-{index:04}"
        await create_product(
            staff,
            sku,
            name=f"Item {index % 7}",
            unit_price={"amount": f"{1 + index % 5}.00", "currency": "EUR"},
        )
        skus.add(sku)
    return skus


@pytest.mark.parametrize("sort", SORTS)
async def test_every_page_walk_returns_each_product_once_despite_concurrent_inserts(
    staff: httpx.AsyncClient, sort: str
) -> None:
    existing = await seed(staff, 30)
    stop = asyncio.Event()

    async def keep_inserting() -> int:
        inserted = 0
        while not stop.is_set():
            await create_product(staff, f"NEW-{inserted:04}", name="Item 3")
            inserted += 1
            await asyncio.sleep(0)
        return inserted

    writer = asyncio.create_task(keep_inserting())
    try:
        items = await walk(staff, sort=sort, limit=4)
    finally:
        stop.set()
    assert await writer > 0
    seen = [item["sku"] for item in items]
    assert len(seen) == len(set(seen)), "a product appeared twice"
    assert existing <= set(seen), "a product that existed before the walk was skipped"


async def test_limit_bounds_are_validated(staff: httpx.AsyncClient) -> None:
    for limit in (0, 101, "x"):
        problem = assert_problem(
            await staff.get(PRODUCTS, params={"limit": limit}), 422, "validation_error"
        )
        assert problem["errors"][0]["parameter"] == "limit"


async def test_an_altered_cursor_is_refused(staff: httpx.AsyncClient) -> None:
    await seed(staff, 3)
    cursor = (await staff.get(PRODUCTS, params={"limit": 1})).json()["next_cursor"]
    payload, signature = cursor.split(".")
    for forged in (f"{payload}x.{signature}", f"{payload}.{signature[:-2]}AA", "garbage", ""):
        response = await staff.get(PRODUCTS, params={"limit": 1, "cursor": forged})
        assert_problem(response, 400, "invalid_cursor")


async def test_a_cursor_cannot_be_reused_with_another_sort_or_filter(
    staff: httpx.AsyncClient,
) -> None:
    await seed(staff, 3)
    cursor = (await staff.get(PRODUCTS, params={"limit": 1})).json()["next_cursor"]
    for params in ({"sort": "name"}, {"q": "item"}, {"currency": "EUR"}):
        response = await staff.get(PRODUCTS, params={"limit": 1, "cursor": cursor, **params})
        assert_problem(response, 400, "invalid_cursor")
    same = await staff.get(PRODUCTS, params={"limit": 2, "cursor": cursor})
    assert same.status_code == 200


async def test_filters_combine(staff: httpx.AsyncClient) -> None:
    await seed(staff, 10)
    items = await walk(staff, q="item 1", min_price="1.00", max_price="3.00", currency="EUR")
    assert {item["name"] for item in items} == {"Item 1"}
    assert all("1.00" <= item["unit_price"]["amount"] <= "3.00" for item in items)
    problem = assert_problem(
        await staff.get(PRODUCTS, params={"min_price": "1.234"}), 422, "validation_error"
    )
    assert problem["errors"][0]["parameter"] == "min_price"
    assert_problem(await staff.get(PRODUCTS, params={"sort": "sku"}), 422, "validation_error")
