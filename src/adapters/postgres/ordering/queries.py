"""The orders read model: one prepared statement per read, straight into views.

Like the catalog's, each query shape (which filters, first page or not) is built with
SQLAlchemy Core once and cached compiled; a request only binds its values.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select

from adapters.postgres.columns import documents_to
from adapters.postgres.newest_first import NewestFirst
from adapters.postgres.ordering.tables import orders
from adapters.postgres.read_pool import CompiledQuery, ReadPool
from application.ordering.ports import OrderCriteria, OrderLineView, OrderView
from application.shared.pagination import Page, PageRequest
from domain.ordering.order import OrderLine, OrderStatus
from domain.shared.ids import OrderId
from domain.shared.money import Money

_COLUMNS = (
    orders.c.id,
    orders.c.customer_id,
    orders.c.status,
    orders.c.lines,
    orders.c.total_amount,
    orders.c.total_currency,
    orders.c.invoice_id,
    orders.c.created_at,
    orders.c.updated_at,
    orders.c.version,
)
_FILTERS: dict[str, ColumnElement[bool]] = {
    "customer_id": orders.c.customer_id == bindparam("customer_id"),
    "status": orders.c.status == bindparam("status"),
    "created_after": orders.c.created_at >= bindparam("created_after"),
    "created_before": orders.c.created_at < bindparam("created_before"),
}

_GET = CompiledQuery.of(select(*_COLUMNS).where(orders.c.id == bindparam("id")))


class SqlOrderQueries:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def get(self, order_id: OrderId) -> OrderView | None:
        row = await self._pool.fetchrow(_GET, {"id": order_id})
        return None if row is None else _view(row)

    async def list(self, criteria: OrderCriteria, page: PageRequest) -> Page[OrderView]:
        filters = {
            "customer_id": criteria.customer_id,
            "status": None if criteria.status is None else criteria.status.value,
            "created_after": criteria.created_after,
            "created_before": criteria.created_before,
        }
        return await _LISTING.page(self._pool, filters, page)


def _view(row: Any) -> OrderView:
    """asyncpg hands JSONB over as text: the lines are decoded here."""
    lines = documents_to(OrderLine, json.loads(row["lines"]))
    return OrderView(
        id=row["id"],
        customer_id=row["customer_id"],
        status=OrderStatus(row["status"]),
        lines=tuple(OrderLineView.of(line) for line in lines),
        total=Money(row["total_amount"], row["total_currency"]),
        invoice_id=row["invoice_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )


_LISTING = NewestFirst(
    _COLUMNS, _FILTERS, orders.c.created_at, orders.c.id, _view, lambda v: (v.created_at, v.id)
)
