"""Builders for product requests used across the HTTP tests."""

from typing import Any

import httpx

PRODUCTS = "/api/v1/products"


def product_body(sku: str = "MUG-001", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "sku": sku,
        "name": "Enamel mug",
        "description": "350 ml",
        "unit_price": {"amount": "12.50", "currency": "EUR"},
        "stock": 10,
    }
    body.update(overrides)
    return body


async def create_product(
    client: httpx.AsyncClient, sku: str = "MUG-001", **overrides: Any
) -> dict[str, Any]:
    response = await client.post(PRODUCTS, json=product_body(sku, **overrides))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created
