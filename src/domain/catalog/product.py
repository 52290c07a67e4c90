"""The Product aggregate: what the catalog sells, with its price and stock on hand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from domain.shared.errors import DomainError, DomainValidationError, NotFoundError
from domain.shared.ids import ProductId
from domain.shared.money import Money

_T = TypeVar("_T")

SKU_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,31}$")
NAME_MAX = 200
DESCRIPTION_MAX = 2000


class ProductNotFoundError(NotFoundError):
    code = "product_not_found"


class SkuTakenError(DomainError):
    """SKUs identify products to people and other systems, so they never repeat."""

    code = "sku_taken"


class InvalidProductError(DomainValidationError):
    code = "invalid_product"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductChanges:
    """A partial update: `None` leaves the field as it is."""

    name: str | None = None
    description: str | None = None
    unit_price: Money | None = None
    stock: int | None = None
    active: bool | None = None


class Product:
    """Invariants: SKU format, non-empty name, positive price, stock never below zero.

    `version` rises by one on every change; writers compare it to detect lost updates.
    """

    def __init__(
        self,
        *,
        id: ProductId,
        sku: str,
        name: str,
        description: str,
        unit_price: Money,
        stock: int,
        active: bool,
        created_at: datetime,
        updated_at: datetime,
        version: int,
    ) -> None:
        self.id = id
        self.sku = sku
        self.name = name
        self.description = description
        self.unit_price = unit_price
        self.stock = stock
        self.active = active
        self.created_at = created_at
        self.updated_at = updated_at
        self.version = version

    @classmethod
    def create(
        cls,
        *,
        id: ProductId,
        sku: str,
        name: str,
        description: str,
        unit_price: Money,
        stock: int,
        now: datetime,
    ) -> Product:
        _check_sku(sku)
        _check_name(name)
        _check_description(description)
        _check_price(unit_price)
        _check_stock(stock)
        return cls(
            id=id,
            sku=sku,
            name=name,
            description=description,
            unit_price=unit_price,
            stock=stock,
            active=True,
            created_at=now,
            updated_at=now,
            version=1,
        )

    def change(self, changes: ProductChanges, *, now: datetime) -> None:
        """Applies every field or none: all checks run before anything is assigned."""
        if changes.name is not None:
            _check_name(changes.name)
        if changes.description is not None:
            _check_description(changes.description)
        if changes.unit_price is not None:
            _check_price(changes.unit_price)
        if changes.stock is not None:
            _check_stock(changes.stock)
        self.name = _pick(changes.name, self.name)
        self.description = _pick(changes.description, self.description)
        self.unit_price = _pick(changes.unit_price, self.unit_price)
        self.stock = _pick(changes.stock, self.stock)
        self.active = _pick(changes.active, self.active)
        self._touch(now)

    def archive(self, *, now: datetime) -> None:
        """Archived products leave the shop window; orders keep their own snapshot."""
        if self.active:
            self.active = False
            self._touch(now)

    def _touch(self, now: datetime) -> None:
        self.updated_at = now
        self.version += 1


def _pick(new: _T | None, old: _T) -> _T:
    return old if new is None else new


def _check_sku(sku: str) -> None:
    if not SKU_PATTERN.fullmatch(sku):
        raise InvalidProductError(
            "sku must be 3-32 characters of A-Z, 0-9 and '-', not starting with '-'",
            field="sku",
        )


def _check_name(name: str) -> None:
    if not name.strip() or len(name) > NAME_MAX:
        raise InvalidProductError(f"name must be 1-{NAME_MAX} characters", field="name")


def _check_description(description: str) -> None:
    if len(description) > DESCRIPTION_MAX:
        raise InvalidProductError(
            f"description must be at most {DESCRIPTION_MAX} characters", field="description"
        )


def _check_price(price: Money) -> None:
    if not price.is_positive:
        raise InvalidProductError("unit_price must be greater than zero", field="unit_price")


def _check_stock(stock: int) -> None:
    if stock < 0:
        raise InvalidProductError("stock cannot be negative", field="stock")
