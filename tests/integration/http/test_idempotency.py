"""`Idempotency-Key` on POST /products: one effect, replayed responses, refused reuse."""

import asyncio

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.catalog.tables import products
from adapters.postgres.kernel_tables import idempotency_records
from domain.shared.roles import Role
from entrypoints.container import Container
from tests.helpers import assert_problem
from tests.integration.conftest import signed_in_client
from tests.integration.http.products import PRODUCTS, product_body


async def count(engine: AsyncEngine, table: object) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(table)) or 0)  # type: ignore[arg-type]


async def test_ten_concurrent_posts_with_one_key_create_exactly_one_product(
    staff: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    headers = {"Idempotency-Key": "order-42"}
    responses = await asyncio.gather(
        *(staff.post(PRODUCTS, json=product_body(), headers=headers) for _ in range(10))
    )
    created = [r for r in responses if r.status_code == 201]
    for response in responses:
        if response.status_code != 201:
            assert_problem(response, 409, "idempotency_request_in_progress")
    assert len({r.json()["id"] for r in created}) == 1
    assert await count(engine, products) == 1
    assert await count(engine, idempotency_records) == 1


async def test_a_retry_replays_status_body_and_headers(staff: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "retry-me"}
    first = await staff.post(PRODUCTS, json=product_body(), headers=headers)
    retry = await staff.post(PRODUCTS, json=product_body(), headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["etag"] == first.headers["etag"]
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers


async def test_reusing_a_key_with_another_body_is_422(staff: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "k"}
    assert (await staff.post(PRODUCTS, json=product_body(), headers=headers)).status_code == 201
    response = await staff.post(PRODUCTS, json=product_body("OTHER-1"), headers=headers)
    assert_problem(response, 422, "idempotency_key_reused")


async def test_a_failed_request_leaves_the_key_unused(
    staff: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    headers = {"Idempotency-Key": "fails-first"}
    await staff.post(PRODUCTS, json=product_body("TAKEN-1"))
    assert_problem(
        await staff.post(PRODUCTS, json=product_body("TAKEN-1"), headers=headers),
        409,
        "sku_taken",
    )
    assert await count(engine, idempotency_records) == 0
    retry = await staff.post(PRODUCTS, json=product_body("TAKEN-1"), headers=headers)
    assert_problem(retry, 409, "sku_taken")


async def test_a_request_holding_the_key_makes_others_wait_with_409(
    staff: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    """The in-progress marker is the transaction's advisory lock: hold it from outside."""
    scope = (await staff.get("/api/v1/users/me")).json()["id"]
    async with engine.connect() as holder:
        lock = func.hashtextextended(f"idempotency:{scope}:busy", 0)
        await holder.execute(select(func.pg_try_advisory_xact_lock(lock)))
        response = await staff.post(
            PRODUCTS, json=product_body(), headers={"Idempotency-Key": "busy"}
        )
        assert_problem(response, 409, "idempotency_request_in_progress")
        await holder.rollback()
    retry = await staff.post(PRODUCTS, json=product_body(), headers={"Idempotency-Key": "busy"})
    assert retry.status_code == 201


async def test_keys_are_scoped_to_the_caller(
    staff: httpx.AsyncClient, app: FastAPI, container: Container
) -> None:
    headers = {"Idempotency-Key": "shared-key"}
    first = await staff.post(PRODUCTS, json=product_body("FIRST-1"), headers=headers)
    async with await signed_in_client(app, container, Role.STAFF, "other@example.com") as other:
        second = await other.post(PRODUCTS, json=product_body("SECOND-1"), headers=headers)
    assert first.status_code == second.status_code == 201
    assert "idempotent-replayed" not in second.headers
    assert first.json()["id"] != second.json()["id"]


async def test_malformed_keys_are_400(staff: httpx.AsyncClient) -> None:
    for key in ("", "x" * 256, "tab\there", "caf\u00e9"):
        response = await staff.post(
            PRODUCTS,
            json=product_body(),
            headers=[("Idempotency-Key", key.encode("utf-8"))],  # type: ignore[list-item]
        )
        assert_problem(response, 400, "invalid_idempotency_key")
