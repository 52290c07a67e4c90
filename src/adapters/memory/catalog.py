"""In-memory catalog adapters: the same contracts as PostgreSQL, for fast unit tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from adapters.memory.store import InMemoryRepository, InMemoryStore, TrackedCopies
from application.catalog.ports import ProductCriteria, ProductSort, ProductView
from application.shared.pagination import Keyset, Page, PageRequest
from domain.catalog.product import Product, SkuTakenError
from domain.shared.errors import ConcurrentModificationError
from domain.shared.ids import ProductId


class InMemoryProductRepository(InMemoryRepository):
    """Hands out private copies; the unit of work writes them back on commit."""

    def __init__(self, store: InMemoryStore) -> None:
        self._products: dict[ProductId, Product] = store.table("products")
        self.copies: TrackedCopies[ProductId, Product] = TrackedCopies(self._products)

    async def get(self, product_id: ProductId) -> Product | None:
        return self.copies.get(product_id)

    async def get_by_sku(self, sku: str) -> Product | None:
        for product in [*self.copies.added.values(), *self._products.values()]:
            if product.sku == sku:
                return self.copies.get(product.id)
        return None

    def add(self, product: Product) -> None:
        self.copies.add(product.id, product)

    def check(self) -> None:
        """A stale version or a duplicate SKU refuses the whole commit, as in the database."""
        if products := self.copies.stale():
            raise ConcurrentModificationError(f"product {products[0]} changed concurrently")
        taken = {product.sku for product in self._products.values()}
        for product in self.copies.added.values():
            if product.sku in taken:
                raise SkuTakenError(f"sku {product.sku} is already in the catalog")

    def write_back(self) -> None:
        self.copies.write_back()


_SORT_KEYS: dict[str, Callable[[ProductView], tuple[object, ...]]] = {
    "created_at": lambda view: (view.created_at, str(view.id)),
    "name": lambda view: (view.name, str(view.id)),
    "price": lambda view: (view.unit_price.amount, str(view.id)),
}


def keyset_of(view: ProductView, sort: ProductSort) -> Keyset:
    first: object = {
        "created_at": view.created_at.isoformat(),
        "name": view.name,
        "price": str(view.unit_price.amount),
    }[sort.field]
    return (str(first), str(view.id))


class InMemoryProductQueries:
    def __init__(self, store: InMemoryStore) -> None:
        self._products: dict[ProductId, Product] = store.table("products")

    async def get(self, product_id: ProductId, *, include_inactive: bool) -> ProductView | None:
        product = self._products.get(product_id)
        if product is None or not (product.active or include_inactive):
            return None
        return ProductView.of(product)

    async def list(self, criteria: ProductCriteria, page: PageRequest) -> Page[ProductView]:
        views = [ProductView.of(p) for p in self._products.values() if _matches(p, criteria)]
        sort_key = _SORT_KEYS[criteria.sort.field]
        views.sort(key=sort_key, reverse=criteria.sort.descending)
        if page.after is not None:
            after = _parse_keyset(page.after, criteria.sort)
            views = [
                view
                for view in views
                if (sort_key(view) < after if criteria.sort.descending else sort_key(view) > after)
            ]
        items = views[: page.limit]
        has_more = len(views) > page.limit
        next_key = keyset_of(items[-1], criteria.sort) if has_more else None
        return Page(items=items, next_key=next_key)


def _parse_keyset(keyset: Keyset, sort: ProductSort) -> tuple[object, ...]:
    first, last_id = keyset
    parsers: dict[str, Callable[[str], object]] = {
        "created_at": datetime.fromisoformat,
        "name": str,
        "price": Decimal,
    }
    return (parsers[sort.field](first), last_id)


def _matches(product: Product, criteria: ProductCriteria) -> bool:
    price = product.unit_price
    return all(
        (
            criteria.q is None or criteria.q.casefold() in product.name.casefold(),
            criteria.active is None or product.active == criteria.active,
            criteria.currency is None or price.currency == criteria.currency,
            criteria.min_price is None or price.amount >= criteria.min_price,
            criteria.max_price is None or price.amount <= criteria.max_price,
        ),
    )
