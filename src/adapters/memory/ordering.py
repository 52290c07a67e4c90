"""In-memory ordering adapters: the same contracts as PostgreSQL, for fast unit tests."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

from adapters.memory.store import InMemoryStore, TrackedCopies, newest_first
from application.ordering.ports import OrderCriteria, OrderView
from application.shared.pagination import Page, PageRequest
from domain.catalog.product import Product, ProductId
from domain.ordering.ids import OrderId
from domain.ordering.order import Order


class InMemoryOrderRepository:
    """Hands out private copies; the unit of work writes them back on commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self.copies: TrackedCopies[OrderId, Order] = TrackedCopies(store.orders)

    async def get(self, order_id: OrderId) -> Order | None:
        return self.copies.get(order_id)

    def add(self, order: Order) -> None:
        self.copies.add(order.id, order)


class InMemoryStockReservations:
    """Stages stock changes and checks them again at commit, against committed stock.

    That is where the database's conditional `UPDATE … WHERE stock >= :quantity` decides
    too: of two orders racing for the last unit, the second to commit finds it gone.
    """

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.changes: Counter[ProductId] = Counter()
        self._now: datetime | None = None

    async def reserve(self, quantities: Mapping[UUID, int], *, now: datetime) -> list[str]:
        wanted = _by_product(quantities)
        short = sorted(
            self._product(product_id).sku
            for product_id, units in wanted.items()
            if self._product(product_id).stock + self.changes[product_id] < units
        )
        if not short:
            self.changes.subtract(wanted)
            self._now = now
        return short

    async def release(self, quantities: Mapping[UUID, int], *, now: datetime) -> None:
        self.changes.update(_by_product(quantities))
        self._now = now

    def shortages(self) -> list[str]:
        """SKUs that committed stock can no longer cover, now that others have committed."""
        return sorted(
            self._product(product_id).sku
            for product_id, change in self.changes.items()
            if self._product(product_id).stock + change < 0
        )

    def write_back(self) -> None:
        if self._now is None:
            return
        for product_id, change in self.changes.items():
            if change:
                product = copy.copy(self._product(product_id))
                product.stock += change
                product.version += 1
                product.updated_at = self._now
                self._store.products[product_id] = product

    def _product(self, product_id: ProductId) -> Product:
        return self._store.products[product_id]


def _by_product(quantities: Mapping[UUID, int]) -> dict[ProductId, int]:
    return {ProductId(product_id): units for product_id, units in quantities.items()}


class InMemoryOrderQueries:
    """Reads committed state only, as a query on another connection would."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    async def get(self, order_id: OrderId) -> OrderView | None:
        order = self._store.orders.get(order_id)
        return None if order is None else OrderView.of(order)

    async def list(self, criteria: OrderCriteria, page: PageRequest) -> Page[OrderView]:
        views = (OrderView.of(o) for o in self._store.orders.values() if _matches(o, criteria))
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
