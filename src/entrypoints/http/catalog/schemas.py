"""Catalog request and response bodies, and their translation to and from the core's types."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from application.catalog.create_product import CreateProductCommand
from application.catalog.ports import ProductCriteria, ProductSort, ProductView
from application.shared.pagination import DEFAULT_PAGE_SIZE
from domain.catalog.product import DESCRIPTION_MAX, NAME_MAX, SKU_PATTERN, ProductChanges
from entrypoints.http.schemas import (
    AMOUNT_PATTERN,
    CURRENCY_PATTERN,
    INT32,
    INT32_MAX,
    Cursor,
    Input,
    Instant,
    MoneyIn,
    PageSize,
    QueryModel,
    Version,
    view_fields,
)

# The pattern allows at most 32 characters; `max_length` says so to clients that read only it.
Sku = Annotated[str, Field(pattern=SKU_PATTERN.pattern, max_length=32, examples=["MUG-001"])]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
Description = Annotated[str, Field(max_length=DESCRIPTION_MAX)]
Stock = Annotated[int, Field(ge=0, le=1_000_000_000, json_schema_extra=INT32)]
# Stock on hand can pass what may be set: cancelled orders put their quantities back.
StockOnHand = Annotated[int, Field(ge=0, le=INT32_MAX, json_schema_extra=INT32)]

CATALOG_VIEWS = view_fields(
    ProductView,
    sku=Sku,
    name=Name,
    description=Description,
    stock=StockOnHand,
    created_at=Instant,
    updated_at=Instant,
    version=Version,
)


class ProductCreate(Input):
    sku: Sku
    name: Name
    description: Description = ""
    unit_price: MoneyIn
    stock: Stock = 0

    def to_command(self) -> CreateProductCommand:
        return CreateProductCommand(
            sku=self.sku,
            name=self.name,
            description=self.description,
            unit_price=self.unit_price.to_money(),
            stock=self.stock,
        )


class ProductPatch(Input):
    """Only the fields sent change; at least one is needed."""

    name: Name | None = None
    description: Description | None = None
    unit_price: MoneyIn | None = None
    stock: Stock | None = None
    active: bool | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> ProductPatch:
        if not self.model_fields_set:
            raise ValueError("send at least one field to change")
        return self

    def to_changes(self) -> ProductChanges:
        return ProductChanges(
            name=self.name,
            description=self.description,
            unit_price=self.unit_price.to_money() if self.unit_price else None,
            stock=self.stock,
            active=self.active,
        )


class ProductListQuery(QueryModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    q: str | None = Field(default=None, min_length=1, max_length=200)
    active: bool | None = None
    min_price: str | None = Field(default=None, pattern=AMOUNT_PATTERN, max_length=14)
    max_price: str | None = Field(default=None, pattern=AMOUNT_PATTERN, max_length=14)
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN, max_length=3)
    sort: ProductSort = ProductSort.CREATED_AT_DESC
    limit: PageSize = DEFAULT_PAGE_SIZE
    cursor: Cursor | None = None

    def to_criteria(self) -> ProductCriteria:
        return ProductCriteria(
            q=self.q,
            active=self.active,
            min_price=Decimal(self.min_price) if self.min_price else None,
            max_price=Decimal(self.max_price) if self.max_price else None,
            currency=self.currency,
            sort=self.sort,
        )

    def cursor_scope(self) -> dict[str, object]:
        """What a cursor is bound to: everything but the page size and the cursor itself."""
        return self.model_dump(exclude={"limit", "cursor"})
