"""What the catalog needs from the outside: a repository for writes, a read model for reads.

Commands load and save whole aggregates; queries go straight to a read model that returns
ready-made views in one round trip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from application.shared.pagination import Page, PageRequest
from application.shared.unit_of_work import UnitOfWork
from domain.catalog.product import Product
from domain.shared.ids import ProductId
from domain.shared.money import Money


class ProductRepository(Protocol):
    async def get(self, product_id: ProductId) -> Product | None: ...

    async def get_by_sku(self, sku: str) -> Product | None: ...

    def add(self, product: Product) -> None: ...


class CatalogUnitOfWork(UnitOfWork, Protocol):
    products: ProductRepository


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductView:
    id: ProductId
    sku: str
    name: str
    description: str
    unit_price: Money
    stock: int
    active: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, product: Product) -> ProductView:
        return cls(
            id=product.id,
            sku=product.sku,
            name=product.name,
            description=product.description,
            unit_price=product.unit_price,
            stock=product.stock,
            active=product.active,
            created_at=product.created_at,
            updated_at=product.updated_at,
            version=product.version,
        )


class ProductSort(StrEnum):
    """Each sort has its own (column, id) index, so every page is an index range scan."""

    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    NAME = "name"
    NAME_DESC = "-name"
    PRICE = "price"
    PRICE_DESC = "-price"

    @property
    def descending(self) -> bool:
        return self.value.startswith("-")

    @property
    def field(self) -> str:
        return self.value.removeprefix("-")


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductCriteria:
    """`q` is a literal, case-insensitive substring of the name; price bounds are inclusive."""

    q: str | None = None
    active: bool | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    currency: str | None = None
    sort: ProductSort = ProductSort.CREATED_AT_DESC


class ProductQueries(Protocol):
    async def get(self, product_id: ProductId, *, include_inactive: bool) -> ProductView | None: ...

    async def list(self, criteria: ProductCriteria, page: PageRequest) -> Page[ProductView]: ...
