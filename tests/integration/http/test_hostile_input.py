"""Input that once escaped the rules: each gets its SPEC answer (§5), never a 500.

- text PostgreSQL cannot store (NUL, a lone surrogate) is 422 `validation_error`, with the
  field's pointer or parameter, wherever it is sent;
- a single field breaking a business rule is 422 `validation_error` with its pointer;
- a problem lists at most `MAX_ERRORS` invalid inputs, however many were sent;
- a cursor this service did not issue is 400 `invalid_cursor` whatever its length;
- a refresh token this service did not issue is 401 `invalid_token` whatever its length.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from entrypoints.http.problems import MAX_ERRORS
from tests.helpers import assert_problem
from tests.integration.http.products import PRODUCTS, product_body

NUL = "mug\u0000"
SURROGATE = "mug\ud800"
REGISTER = "/api/v1/auth/register"


def errors_of(response: httpx.Response, status: int = 422) -> list[dict[str, Any]]:
    body = assert_problem(response, status, "validation_error")
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def raw_json(value: dict[str, Any]) -> bytes:
    """JSON with a lone surrogate escaped as `\\ud800`, as a client can send it."""
    return json.dumps(value).encode()


@pytest.mark.parametrize("text", [NUL, SURROGATE])
async def test_unstorable_text_in_a_body_field_is_a_validation_error(
    staff: httpx.AsyncClient, text: str
) -> None:
    response = await staff.post(
        PRODUCTS,
        content=raw_json(product_body(name=text)),
        headers={"Content-Type": "application/json"},
    )
    assert [error["pointer"] for error in errors_of(response)] == ["/name"]
    listed = (await staff.get(PRODUCTS)).json()["items"]
    assert listed == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "ann\u0000@example.com"), ("full_name", NUL), ("password", "a" * 20 + "\u0000")],
)
async def test_unstorable_text_at_registration_is_a_validation_error(
    client: httpx.AsyncClient, field: str, value: str
) -> None:
    body = {
        "email": "ann@example.com",
        "password": "a-long-unguessable-phrase-9",
        "full_name": "Ann",
    }
    response = await client.post(REGISTER, json={**body, field: value})
    assert [error["pointer"] for error in errors_of(response)] == [f"/{field}"]


async def test_unstorable_text_in_a_query_parameter_is_a_validation_error(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(PRODUCTS, params={"q": NUL})
    assert [error["parameter"] for error in errors_of(response)] == ["q"]


async def test_unstorable_text_in_a_sign_in_form_is_a_validation_error(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/auth/token", data={"username": "ann\u0000@example.com", "password": "x"}
    )
    assert [error["pointer"] for error in errors_of(response)] == ["/username"]


async def test_an_email_that_is_not_one_is_a_validation_error_with_its_pointer(
    client: httpx.AsyncClient,
) -> None:
    body = {"email": "not-an-email", "password": "a-long-unguessable-phrase-9", "full_name": "A"}
    response = await client.post(REGISTER, json=body)
    assert [error["pointer"] for error in errors_of(response)] == ["/email"]


async def test_a_price_below_zero_is_a_validation_error_with_its_pointer(
    staff: httpx.AsyncClient,
) -> None:
    negative = product_body(unit_price={"amount": "-1.00", "currency": "EUR"})
    response = await staff.post(PRODUCTS, json=negative)
    assert [error["pointer"] for error in errors_of(response)] == ["/unit_price"]


async def test_a_problem_never_grows_with_the_input_that_caused_it(
    staff: httpx.AsyncClient,
) -> None:
    """Thousands of unknown fields are answered with the first `MAX_ERRORS` of them."""
    flood = product_body(**{f"field_{n}": n for n in range(3 * MAX_ERRORS)})
    errors = errors_of(await staff.post(PRODUCTS, json=flood))
    assert [error["pointer"] for error in errors] == [f"/field_{n}" for n in range(MAX_ERRORS)]


async def test_an_over_long_cursor_is_an_invalid_cursor(client: httpx.AsyncClient) -> None:
    response = await client.get(PRODUCTS, params={"cursor": "x" * 4096})
    assert_problem(response, 400, "invalid_cursor")


@pytest.mark.parametrize("token", ["", "x" * 4096, "\u0000"])
async def test_a_refresh_token_of_any_length_that_was_not_issued_is_invalid(
    client: httpx.AsyncClient, token: str
) -> None:
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": token})
    assert_problem(response, 401, "invalid_token")
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("value", ["0.5", "1700000000", "2026-11-24", "yesterday"])
async def test_a_timestamp_filter_takes_only_rfc_3339(
    customer: httpx.AsyncClient, value: str
) -> None:
    response = await customer.get("/api/v1/orders", params={"created_before": value})
    assert [error["parameter"] for error in errors_of(response)] == ["created_before"]
    accepted = await customer.get(
        "/api/v1/orders", params={"created_before": "2026-11-24T08:00:00Z"}
    )
    assert accepted.status_code == 200
