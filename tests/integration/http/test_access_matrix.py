"""Who may call what: every endpoint, as anonymous, customer, staff and admin (SPEC §4)."""

from collections.abc import Awaitable, Callable
from uuid import uuid4

import httpx
import pytest

from tests.helpers import assert_problem
from tests.integration.http.products import PRODUCTS, create_product, product_body

Call = Callable[[httpx.AsyncClient, dict[str, str]], Awaitable[httpx.Response]]

# (endpoint, call, expected status for anonymous, customer, staff, admin)
MATRIX: list[tuple[str, Call, tuple[int, int, int, int]]] = [
    ("GET /products", lambda c, ids: c.get(PRODUCTS), (200, 200, 200, 200)),
    (
        "GET /products/{id}",
        lambda c, ids: c.get(f"{PRODUCTS}/{ids['product']}"),
        (200, 200, 200, 200),
    ),
    (
        "GET /products/{archived id}",
        lambda c, ids: c.get(f"{PRODUCTS}/{ids['archived']}"),
        (404, 404, 200, 200),
    ),
    (
        "POST /products",
        lambda c, ids: c.post(PRODUCTS, json=product_body(f"NEW-{uuid4().hex[:8].upper()}")),
        (401, 403, 201, 201),
    ),
    (
        "PATCH /products/{id}",
        lambda c, ids: c.patch(f"{PRODUCTS}/{ids['product']}", json={"stock": 1}),
        (401, 403, 200, 200),
    ),
    (
        "DELETE /products/{id}",
        lambda c, ids: c.delete(f"{PRODUCTS}/{ids['product']}"),
        (401, 403, 204, 204),
    ),
    ("GET /users/me", lambda c, ids: c.get("/api/v1/users/me"), (401, 200, 200, 200)),
    ("GET /users", lambda c, ids: c.get("/api/v1/users"), (401, 403, 403, 200)),
    (
        "PATCH /users/{id}",
        lambda c, ids: c.patch(f"/api/v1/users/{ids['customer']}", json={"full_name": "Renamed"}),
        (401, 403, 403, 200),
    ),
    ("GET /health/ready", lambda c, ids: c.get("/health/ready"), (200, 200, 200, 200)),
    ("GET /metrics", lambda c, ids: c.get("/metrics"), (200, 200, 200, 200)),
]
CALLERS = ("anonymous", "customer", "staff", "admin")
CODES = {401: "not_authenticated", 403: "forbidden", 404: "product_not_found"}


@pytest.fixture
async def ids(staff: httpx.AsyncClient, customer: httpx.AsyncClient) -> dict[str, str]:
    product = await create_product(staff)
    archived = await create_product(staff, "OLD-001")
    assert (await staff.delete(f"{PRODUCTS}/{archived['id']}")).status_code == 204
    me = (await customer.get("/api/v1/users/me")).json()
    return {"product": product["id"], "archived": archived["id"], "customer": me["id"]}


@pytest.mark.parametrize(("endpoint", "call", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
async def test_each_role_gets_what_the_spec_allows(
    endpoint: str,
    call: Call,
    expected: tuple[int, int, int, int],
    ids: dict[str, str],
    client: httpx.AsyncClient,
    customer: httpx.AsyncClient,
    staff: httpx.AsyncClient,
    admin: httpx.AsyncClient,
) -> None:
    callers = dict(zip(CALLERS, (client, customer, staff, admin), strict=True))
    for caller, status in zip(CALLERS, expected, strict=True):
        response = await call(callers[caller], ids)
        if status >= 400:
            assert_problem(response, status, CODES[status])
            if status == 401:
                assert response.headers["www-authenticate"].startswith("Bearer")
        else:
            assert response.status_code == status, f"{endpoint} as {caller}: {response.text}"


async def test_a_customer_gets_403_on_staff_endpoints_whatever_the_id(
    customer: httpx.AsyncClient,
) -> None:
    missing = "01a20d62-bb28-759d-a962-d3ba4112abd4"
    response = await customer.patch(f"{PRODUCTS}/{missing}", json={"stock": 1})
    assert_problem(response, 403, "forbidden")
    assert_problem(await customer.delete(f"{PRODUCTS}/{missing}"), 403, "forbidden")
