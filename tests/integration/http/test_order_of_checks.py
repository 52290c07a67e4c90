"""SPEC §5: authentication (401), then role (403), then validation (422), whatever the body,
query or path id: the caller is refused before the request's content is looked at."""

from __future__ import annotations

import httpx

from tests.helpers import assert_problem

MALFORMED_ID = "not-a-uuid"


async def test_an_anonymous_write_is_401_whatever_its_body(client: httpx.AsyncClient) -> None:
    empty = await client.post("/api/v1/products", json={})
    undecodable = await client.post(
        "/api/v1/products", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    order = await client.post("/api/v1/orders", json={"lines": "many"})
    for response in (empty, undecodable, order):
        assert_problem(response, 401, "not_authenticated")
        assert response.headers["www-authenticate"] == "Bearer"


async def test_an_anonymous_read_that_needs_a_token_is_401_whatever_its_query(
    client: httpx.AsyncClient,
) -> None:
    assert_problem(await client.get("/api/v1/orders?limit=0"), 401, "not_authenticated")
    assert_problem(await client.get(f"/api/v1/orders/{MALFORMED_ID}"), 401, "not_authenticated")


async def test_a_customer_calling_a_staff_endpoint_is_403_whatever_it_sends(
    customer: httpx.AsyncClient,
) -> None:
    assert_problem(await customer.post("/api/v1/products", json={}), 403, "forbidden")
    patch = await customer.patch(f"/api/v1/products/{MALFORMED_ID}", json={"stock": -1})
    assert_problem(patch, 403, "forbidden")
    users = await customer.get("/api/v1/users?limit=0")
    assert_problem(users, 403, "forbidden")
    user = await customer.patch(f"/api/v1/users/{MALFORMED_ID}", json={})
    assert_problem(user, 403, "forbidden")


async def test_a_caller_who_may_act_gets_the_validation_error(staff: httpx.AsyncClient) -> None:
    response = await staff.post("/api/v1/products", json={})
    assert_problem(response, 422, "validation_error")
