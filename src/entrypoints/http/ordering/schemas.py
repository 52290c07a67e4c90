"""Ordering request bodies and list filters."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from application.ordering.place_order import LineRequest, PlaceOrderCommand
from application.ordering.ports import OrderCriteria, OrderLineView, OrderView
from application.shared.pagination import DEFAULT_PAGE_SIZE
from domain.ordering.order import MAX_LINES, MAX_QUANTITY, OrderStatus
from domain.shared.ids import ProductId
from entrypoints.http.catalog.schemas import Name, Sku
from entrypoints.http.schemas import (
    INT32,
    Cursor,
    Input,
    Instant,
    PageSize,
    QueryModel,
    Timestamp,
    Version,
    view_fields,
)

Quantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY, json_schema_extra=INT32)]

# A line keeps the product's SKU and name as they were when the order was placed.
ORDERING_VIEWS = view_fields(
    OrderView,
    lines={"maxItems": MAX_LINES},
    created_at=Instant,
    updated_at=Instant,
    version=Version,
) | view_fields(OrderLineView, sku=Sku, name=Name, quantity=Quantity)


class OrderLineIn(Input):
    product_id: Annotated[UUID, Field(strict=False)]
    quantity: Quantity


class OrderIn(Input):
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=MAX_LINES)]

    def to_command(self) -> PlaceOrderCommand:
        return PlaceOrderCommand(
            lines=tuple(
                LineRequest(product_id=ProductId(line.product_id), quantity=line.quantity)
                for line in self.lines
            ),
        )


class OrderListQuery(QueryModel):
    status: OrderStatus | None = None
    customer_id: UUID | None = Field(
        default=None,
        description="Staff: any customer. Customers: only their own id (another finds nothing).",
    )
    created_after: Timestamp | None = Field(default=None, description="Inclusive, RFC 3339.")
    created_before: Timestamp | None = Field(default=None, description="Exclusive, RFC 3339.")
    limit: PageSize = DEFAULT_PAGE_SIZE
    cursor: Cursor | None = None

    def to_criteria(self) -> OrderCriteria:
        return OrderCriteria(
            customer_id=self.customer_id,
            status=self.status,
            created_after=self.created_after,
            created_before=self.created_before,
        )

    def cursor_scope(self) -> dict[str, object]:
        return self.model_dump(exclude={"limit", "cursor"})
