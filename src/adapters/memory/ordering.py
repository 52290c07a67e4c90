"""In-memory ordering adapters: the same contracts as PostgreSQL, for fast unit tests."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Mapping
from datetime import datetime

from adapters.memory.store import InMemoryRepository, InMemoryStore, TrackedCopies, newest_first
from application.ordering.ports import (
    OrderCriteria,
    OrderView,
    ProductForSale,
    Reservation,
)
from application.shared.pagination import Page, PageRequest
from domain.catalog.product import Product
from domain.ordering.order import InsufficientStockError, Order
from domain.shared.errors import ConcurrentModificationError
from domain.shared.events import DomainEvent
from domain.shared.ids import OrderId, ProductId


class InMemoryOrderRepository(InMemoryRepository):
    """Hands out private copies; the unit of work writes them back on commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self.copies: TrackedCopies[OrderId, Order] = TrackedCopies(store.table("orders"))

    async def get(self, order_id: OrderId) -> Order | None:
        return self.copies.get(order_id)

    def add(self, order: Order) -> None:
        self.copies.add(order.id, order)

    def check(self) -> None:
        if orders := self.copies.stale():
            raise ConcurrentModificationError(f"order {orders[0]} changed concurrently")

    def recorded_events(self) -> list[DomainEvent]:
        return [event for order in self.copies.seen() for event in order.pull_events()]

    def write_back(self) -> None:
        self.copies.write_back()


class InMemoryProductsForSale(InMemoryRepository):
    """Reads the catalog's committed products, stages stock changes, and checks them again
    at commit against committed stock.

    That is where the database's locked, conditional update decides too: of two orders
    racing for the last unit, the second to commit finds it gone.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._products: dict[ProductId, Product] = store.table("products")
        self.changes: Counter[ProductId] = Counter()
        self._now: datetime | None = None

    async def reserve(self, quantities: Mapping[ProductId, int], *, now: datetime) -> Reservation:
        found = {
            product_id: product
            for product_id in quantities
            if (product := self._products.get(product_id)) is not None
        }
        short = tuple(
            sorted(
                product.sku
                for product_id, product in found.items()
                if product.stock + self.changes[product_id] < quantities[product_id]
            )
        )
        reserved = len(found) == len(quantities) and not short
        reserved = reserved and all(product.active for product in found.values())
        if reserved:
            self.changes.subtract(quantities)
            self._now = now
        return Reservation(
            products={product_id: _snapshot(product) for product_id, product in found.items()},
            short=short,
            reserved=reserved,
        )

    async def release(self, quantities: Mapping[ProductId, int], *, now: datetime) -> None:
        self.changes.update(quantities)
        self._now = now

    def check(self) -> None:
        """SKUs that committed stock can no longer cover, now that others have committed."""
        short = sorted(
            self._products[product_id].sku
            for product_id, change in self.changes.items()
            if self._products[product_id].stock + change < 0
        )
        if short:
            raise InsufficientStockError(short)

    def write_back(self) -> None:
        if self._now is None:
            return
        for product_id, change in self.changes.items():
            if change:
                product = copy.copy(self._products[product_id])
                product.stock += change
                product.version += 1
                product.updated_at = self._now
                self._products[product_id] = product


def _snapshot(product: Product) -> ProductForSale:
    return ProductForSale(
        product_id=product.id,
        sku=product.sku,
        name=product.name,
        unit_price=product.unit_price,
        active=product.active,
    )


class InMemoryOrderQueries:
    """Reads committed state only, as a query on another connection would."""

    def __init__(self, store: InMemoryStore) -> None:
        self._orders: dict[OrderId, Order] = store.table("orders")

    async def get(self, order_id: OrderId) -> OrderView | None:
        order = self._orders.get(order_id)
        return None if order is None else OrderView.of(order)

    async def list(self, criteria: OrderCriteria, page: PageRequest) -> Page[OrderView]:
        views = (OrderView.of(o) for o in self._orders.values() if _matches(o, criteria))
        return newest_first(views, lambda view: (view.created_at, str(view.id)), page)


def _matches(order: Order, criteria: OrderCriteria) -> bool:
    return all(
        (
            criteria.customer_id is None or order.customer_id == criteria.customer_id,
            criteria.status is None or order.status == criteria.status,
            criteria.created_after is None or order.created_at >= criteria.created_after,
            criteria.created_before is None or order.created_at < criteria.created_before,
        ),
    )
