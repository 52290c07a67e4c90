"""The whole story through the client `make client` generates from `docs/openapi.json`:
what a consumer's code would do, typed end to end, against the real service and PostgreSQL.

The committed client must be the one generated from the committed document.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from uuid import UUID

import httpx
from fastapi import FastAPI
from orderly_client import AuthenticatedClient, Client
from orderly_client.api.billing import record_payment
from orderly_client.api.catalog import create_product, list_products
from orderly_client.api.identity import issue_token, register
from orderly_client.api.ordering import get_order, place_order, ship_order
from orderly_client.models import (
    InvoiceStatus,
    InvoiceView,
    MoneyIn,
    OrderIn,
    OrderLineIn,
    OrderStatus,
    OrderView,
    PaymentIn,
    PaymentMethod,
    ProductCreate,
    ProductPage,
    ProductView,
    RegisterIn,
    TokenOut,
    TokenRequest,
)

from domain.identity.user import Role
from entrypoints.container import Container
from tests.integration.conftest import PASSWORD, create_account

ROOT = Path(__file__).resolve().parents[3]
BASE_URL = "http://testserver"


def test_the_committed_client_was_generated_from_the_committed_document() -> None:
    digest = hashlib.sha256((ROOT / "docs" / "openapi.json").read_bytes()).hexdigest()
    recorded = (ROOT / "clients" / "openapi.sha256").read_text().strip()
    assert recorded == digest, "the API document changed: run `make client`"


async def signed_in(app: FastAPI, email: str) -> AuthenticatedClient:
    anonymous = Client(base_url=BASE_URL, httpx_args={"transport": httpx.ASGITransport(app=app)})
    form = TokenRequest(username=email, password=PASSWORD)
    token = await issue_token.asyncio(client=anonymous, body=form)
    assert isinstance(token, TokenOut)
    return AuthenticatedClient(
        base_url=BASE_URL,
        token=token.access_token,
        httpx_args={"transport": httpx.ASGITransport(app=app)},
    )


async def test_the_whole_story_through_the_generated_client(
    app: FastAPI, container: Container
) -> None:
    await create_account(container, "staff@example.com", Role.STAFF)
    staff = await signed_in(app, "staff@example.com")
    price = MoneyIn(amount="4.50", currency="EUR")
    product = await create_product.asyncio(
        client=staff,
        body=ProductCreate(sku="CUP-001", name="Cup", unit_price=price, stock=3),
        idempotency_key="cup-1",
    )
    assert isinstance(product, ProductView)

    anonymous = Client(base_url=BASE_URL, httpx_args={"transport": httpx.ASGITransport(app=app)})
    account = RegisterIn(email="ann@example.com", password=PASSWORD, full_name="Ann")
    assert (await register.asyncio_detailed(client=anonymous, body=account)).status_code == 201
    customer = await signed_in(app, "ann@example.com")
    page = await list_products.asyncio(client=customer)
    assert isinstance(page, ProductPage)
    assert [item.sku for item in page.items] == ["CUP-001"]

    line = OrderLineIn(product_id=product.id, quantity=2)
    order = await place_order.asyncio(
        client=customer, body=OrderIn(lines=[line]), idempotency_key="order-1"
    )
    assert isinstance(order, OrderView)
    assert order.status is OrderStatus.PLACED
    await container.relay_events().drain()
    invoiced = await get_order.asyncio(order.id, client=customer)
    assert isinstance(invoiced, OrderView)
    assert isinstance(invoiced.invoice_id, UUID)

    payment = PaymentIn(
        amount=MoneyIn(amount="9.00", currency="EUR"),
        method=PaymentMethod.CARD,
        reference="card-1",
    )
    paid = await record_payment.asyncio(
        invoiced.invoice_id, client=staff, body=payment, idempotency_key="pay-1"
    )
    assert isinstance(paid, InvoiceView)
    assert paid.status is InvoiceStatus.PAID
    await container.relay_events().drain()
    shipped = await ship_order.asyncio(order.id, client=staff)
    assert isinstance(shipped, OrderView)
    assert shipped.status is OrderStatus.SHIPPED
