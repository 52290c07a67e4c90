"""What ordering needs from the outside: orders, products for sale, and a read model of orders.

Commands load and save whole orders; queries go straight to a read model that returns
ready-made views in one round trip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from application.shared.pagination import Page, PageRequest
from application.shared.unit_of_work import UnitOfWork
from domain.ordering.order import Order, OrderLine, OrderStatus
from domain.shared.ids import CustomerId, OrderId, ProductId
from domain.shared.money import Money


class OrderRepository(Protocol):
    async def get(self, order_id: OrderId) -> Order | None: ...

    def add(self, order: Order) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductForSale:
    """Ordering's own view of a catalog product: what an order line copies, as it is now."""

    product_id: ProductId
    sku: str
    name: str
    unit_price: Money
    active: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Reservation:
    """What one `reserve` found and did.

    `products` holds a snapshot of every product asked for that exists, active or not;
    `short` the SKUs whose stock did not cover the quantity asked for. Stock was taken
    (`reserved`) only if every product exists, is active and has enough of it.
    """

    products: Mapping[ProductId, ProductForSale]
    short: tuple[str, ...]
    reserved: bool


class ProductsForSale(Protocol):
    """The catalog as ordering needs it: snapshots of products, and their stock.

    Stock moves by atomic conditional updates, never by loading and saving products, so
    concurrent orders for one product queue briefly on its row instead of failing each
    other with `concurrent_modification`, and stock can never go below zero. Each change
    bumps the product's version too: stock is part of the product's representation.
    """

    async def reserve(self, quantities: Mapping[ProductId, int], *, now: datetime) -> Reservation:
        """Reads the products and takes each one's quantity off its stock, in one step, for
        all of them or none. Products are locked in one order (by id), so two reservations
        never wait on each other in a cycle.
        """
        ...

    async def release(self, quantities: Mapping[ProductId, int], *, now: datetime) -> None:
        """Puts the quantities back on stock, archived products included."""
        ...


class OrderingUnitOfWork(UnitOfWork, Protocol):
    orders: OrderRepository
    products_for_sale: ProductsForSale


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLineView:
    product_id: UUID
    sku: str
    name: str
    unit_price: Money
    quantity: int
    line_total: Money

    @classmethod
    def of(cls, line: OrderLine) -> OrderLineView:
        return cls(
            product_id=line.product_id,
            sku=line.sku,
            name=line.name,
            unit_price=line.unit_price,
            quantity=line.quantity,
            line_total=line.line_total,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderView:
    id: OrderId
    customer_id: CustomerId
    status: OrderStatus
    lines: tuple[OrderLineView, ...]
    total: Money
    invoice_id: UUID | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, order: Order) -> OrderView:
        return cls(
            id=order.id,
            customer_id=order.customer_id,
            status=order.status,
            lines=tuple(OrderLineView.of(line) for line in order.lines),
            total=order.total,
            invoice_id=order.invoice_id,
            created_at=order.created_at,
            updated_at=order.updated_at,
            version=order.version,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderCriteria:
    """`created_after` is inclusive and `created_before` exclusive, so adjacent ranges tile."""

    customer_id: UUID | None = None
    status: OrderStatus | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None


class OrderQueries(Protocol):
    async def get(self, order_id: OrderId) -> OrderView | None: ...

    async def list(self, criteria: OrderCriteria, page: PageRequest) -> Page[OrderView]:
        """Newest first; the keyset is `(created_at ISO 8601, id)`."""
        ...
