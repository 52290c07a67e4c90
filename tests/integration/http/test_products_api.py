"""The catalog over HTTP: status codes, representations, validation, conditional requests."""

import asyncio

import httpx

from tests.helpers import assert_problem
from tests.integration.http.products import PRODUCTS, create_product, product_body


async def test_creating_a_product_answers_201_with_location_and_etag(
    staff: httpx.AsyncClient,
) -> None:
    response = await staff.post(PRODUCTS, json=product_body(name="  Enamel mug  "))
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"{PRODUCTS}/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert body["name"] == "Enamel mug"
    assert body["unit_price"] == {"amount": "12.50", "currency": "EUR"}
    assert body["active"] is True
    assert body["created_at"].endswith("Z")
    fetched = await staff.get(response.headers["location"])
    assert fetched.status_code == 200
    assert fetched.json() == body


async def test_a_money_amount_sent_as_a_number_is_refused(staff: httpx.AsyncClient) -> None:
    body = product_body(unit_price={"amount": 12.5, "currency": "EUR"})
    problem = assert_problem(await staff.post(PRODUCTS, json=body), 422, "validation_error")
    assert problem["errors"][0]["pointer"] == "/unit_price/amount"


async def test_unknown_fields_are_refused_so_clients_cannot_set_them(
    staff: httpx.AsyncClient,
) -> None:
    response = await staff.post(PRODUCTS, json=product_body(version=9, active=False))
    problem = assert_problem(response, 422, "validation_error")
    assert {error["pointer"] for error in problem["errors"]} == {"/version", "/active"}
    assert (await staff.get(PRODUCTS)).json()["items"] == []


async def test_malformed_json_is_a_validation_error(staff: httpx.AsyncClient) -> None:
    response = await staff.post(
        PRODUCTS, content=b'{"sku": ', headers={"content-type": "application/json"}
    )
    assert_problem(response, 422, "validation_error")


async def test_a_body_that_is_not_even_text_is_a_validation_error(
    staff: httpx.AsyncClient,
) -> None:
    response = await staff.post(
        PRODUCTS, content=b"\xff\xfe{", headers={"content-type": "application/json"}
    )
    problem = assert_problem(response, 422, "validation_error")
    assert problem["errors"] == [{"pointer": "", "detail": "The body is not valid JSON."}]


async def test_a_business_rule_violation_is_422_pointing_at_its_field(
    staff: httpx.AsyncClient,
) -> None:
    body = product_body(unit_price={"amount": "0.00", "currency": "EUR"})
    problem = assert_problem(await staff.post(PRODUCTS, json=body), 422, "validation_error")
    assert problem["errors"] == [
        {"pointer": "/unit_price", "detail": "unit_price must be greater than zero"}
    ]


async def test_a_taken_sku_is_409_and_creates_nothing(staff: httpx.AsyncClient) -> None:
    await create_product(staff)
    assert_problem(await staff.post(PRODUCTS, json=product_body()), 409, "sku_taken")
    assert len((await staff.get(PRODUCTS)).json()["items"]) == 1


async def test_concurrent_creates_of_one_sku_create_one_product(staff: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(*(staff.post(PRODUCTS, json=product_body()) for _ in range(5)))
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201, 409, 409, 409, 409]
    for response in responses:
        if response.status_code == 409:
            assert_problem(response, 409, "sku_taken")


async def test_a_missing_product_is_404_and_a_malformed_id_is_422(
    staff: httpx.AsyncClient,
) -> None:
    missing = await staff.get(f"{PRODUCTS}/01a20d62-bb28-759d-a962-d3ba4112abd4")
    assert_problem(missing, 404, "product_not_found")
    malformed = assert_problem(await staff.get(f"{PRODUCTS}/42"), 422, "validation_error")
    assert malformed["errors"][0]["parameter"] == "product_id"


async def test_if_none_match_with_the_current_etag_is_304(staff: httpx.AsyncClient) -> None:
    product = await create_product(staff)
    url = f"{PRODUCTS}/{product['id']}"
    cached = await staff.get(url, headers={"If-None-Match": '"1"'})
    assert cached.status_code == 304
    assert cached.headers["etag"] == '"1"'
    assert cached.content == b""
    assert (await staff.get(url, headers={"If-None-Match": '"0"'})).status_code == 200


async def test_patch_with_the_current_etag_applies_and_changes_the_etag(
    staff: httpx.AsyncClient,
) -> None:
    product = await create_product(staff)
    response = await staff.patch(
        f"{PRODUCTS}/{product['id']}",
        json={"stock": 3, "unit_price": {"amount": "11.00", "currency": "EUR"}},
        headers={"If-Match": '"1"'},
    )
    assert response.status_code == 200
    assert response.headers["etag"] == '"2"'
    assert response.json()["stock"] == 3
    assert response.json()["unit_price"]["amount"] == "11.00"


async def test_patch_with_a_stale_etag_is_412_and_changes_nothing(
    staff: httpx.AsyncClient,
) -> None:
    product = await create_product(staff)
    url = f"{PRODUCTS}/{product['id']}"
    for if_match in ('"7"', 'W/"1"', "garbage"):
        response = await staff.patch(url, json={"stock": 3}, headers={"If-Match": if_match})
        assert_problem(response, 412, "precondition_failed")
    assert (await staff.get(url)).json()["stock"] == 10


async def test_patch_needs_at_least_one_field(staff: httpx.AsyncClient) -> None:
    product = await create_product(staff)
    response = await staff.patch(f"{PRODUCTS}/{product['id']}", json={})
    assert_problem(response, 422, "validation_error")


async def test_concurrent_patches_never_lose_an_update(staff: httpx.AsyncClient) -> None:
    product = await create_product(staff)
    url = f"{PRODUCTS}/{product['id']}"
    responses = await asyncio.gather(
        *(staff.patch(url, json={"stock": stock}) for stock in range(1, 9))
    )
    applied = [r for r in responses if r.status_code == 200]
    for response in responses:
        if response.status_code != 200:
            assert_problem(response, 409, "concurrent_modification")
    final = (await staff.get(url)).json()
    assert final["version"] == 1 + len(applied)
    assert final["stock"] in {r.json()["stock"] for r in applied}


async def test_delete_archives_the_product(staff: httpx.AsyncClient) -> None:
    product = await create_product(staff)
    url = f"{PRODUCTS}/{product['id']}"
    stale = await staff.delete(url, headers={"If-Match": '"5"'})
    assert_problem(stale, 412, "precondition_failed")
    response = await staff.delete(url, headers={"If-Match": '"1"'})
    assert response.status_code == 204
    assert response.content == b""
    archived = (await staff.get(url)).json()
    assert archived["active"] is False
    assert archived["version"] == 2
    listed = await staff.get(PRODUCTS, params={"active": "false"})
    assert [item["id"] for item in listed.json()["items"]] == [product["id"]]
    assert_problem(
        await staff.delete(f"{PRODUCTS}/01a20d62-bb28-759d-a962-d3ba4112abd4"),
        404,
        "product_not_found",
    )
