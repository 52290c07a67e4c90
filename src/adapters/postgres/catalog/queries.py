"""The catalog read model: one prepared statement per read, straight into views.

Each query shape (which filters are present, which sort, first page or not) is built with
SQLAlchemy Core once and cached compiled; a request only binds its values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, bindparam, select, tuple_

from adapters.postgres.catalog.tables import products
from adapters.postgres.like import ESCAPE, contains
from adapters.postgres.read_pool import CompiledQuery, ReadPool
from application.catalog.ports import ProductCriteria, ProductSort, ProductView
from application.shared.pagination import Keyset, Page, PageRequest
from domain.shared.ids import ProductId
from domain.shared.money import Money

_COLUMNS = (
    products.c.id,
    products.c.sku,
    products.c.name,
    products.c.description,
    products.c.price_amount,
    products.c.price_currency,
    products.c.stock,
    products.c.active,
    products.c.created_at,
    products.c.updated_at,
    products.c.version,
)
_SORT_COLUMNS = {
    "created_at": products.c.created_at,
    "name": products.c.name,
    "price": products.c.price_amount,
}
_KEY_PARSERS: dict[str, Callable[[str], object]] = {
    "created_at": datetime.fromisoformat,
    "name": str,
    "price": Decimal,
}
_FILTERS: dict[str, ColumnElement[bool]] = {
    "q": products.c.name.ilike(bindparam("q"), escape=ESCAPE),
    "active": products.c.active == bindparam("active"),
    "currency": products.c.price_currency == bindparam("currency"),
    "min_price": products.c.price_amount >= bindparam("min_price"),
    "max_price": products.c.price_amount <= bindparam("max_price"),
}

_GET_ANY = CompiledQuery.of(select(*_COLUMNS).where(products.c.id == bindparam("id")))
_GET_ACTIVE = CompiledQuery.of(
    select(*_COLUMNS).where(products.c.id == bindparam("id"), products.c.active)
)


class SqlProductQueries:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def get(self, product_id: ProductId, *, include_inactive: bool) -> ProductView | None:
        query = _GET_ANY if include_inactive else _GET_ACTIVE
        row = await self._pool.fetchrow(query, {"id": product_id})
        return None if row is None else _view(row)

    async def list(self, criteria: ProductCriteria, page: PageRequest) -> Page[ProductView]:
        values = _filter_values(criteria)
        if page.after is not None:
            value, last_id = page.after
            values["after_value"] = _KEY_PARSERS[criteria.sort.field](value)
            values["after_id"] = UUID(last_id)
        values["limit"] = page.limit + 1
        query = _list_query(
            frozenset(_FILTERS.keys() & values.keys()), criteria.sort, after=page.after is not None
        )
        rows = await self._pool.fetch(query, values)
        views = [_view(row) for row in rows[: page.limit]]
        next_key = keyset_of(views[-1], criteria.sort) if len(rows) > page.limit else None
        return Page(items=views, next_key=next_key)


def keyset_of(view: ProductView, sort: ProductSort) -> Keyset:
    value = {
        "created_at": view.created_at.isoformat(),
        "name": view.name,
        "price": str(view.unit_price.amount),
    }[sort.field]
    return (value, str(view.id))


def _filter_values(criteria: ProductCriteria) -> dict[str, object]:
    values: dict[str, object] = {
        "active": criteria.active,
        "currency": criteria.currency,
        "min_price": criteria.min_price,
        "max_price": criteria.max_price,
        "q": None if criteria.q is None else contains(criteria.q),
    }
    return {name: value for name, value in values.items() if value is not None}


@cache
def _list_query(filters: frozenset[str], sort: ProductSort, *, after: bool) -> CompiledQuery:
    """At most 2^5 filter sets x 6 sorts x 2: compiled once each, on first use."""
    column = _SORT_COLUMNS[sort.field]
    conditions = [_FILTERS[name] for name in sorted(filters)]
    if after:
        position = tuple_(column, products.c.id)
        bound = tuple_(
            bindparam("after_value", type_=column.type),
            bindparam("after_id", type_=products.c.id.type),
        )
        conditions.append(position < bound if sort.descending else position > bound)
    order = (column.desc(), products.c.id.desc()) if sort.descending else (column, products.c.id)
    statement = select(*_COLUMNS).where(*conditions).order_by(*order).limit(bindparam("limit"))
    return CompiledQuery.of(statement)


def _view(row: Any) -> ProductView:
    return ProductView(
        id=row["id"],
        sku=row["sku"],
        name=row["name"],
        description=row["description"],
        unit_price=Money(row["price_amount"], row["price_currency"]),
        stock=row["stock"],
        active=row["active"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )
