"""The catalog read model: one autocommit statement per read, straight into views.

Reads skip the ORM and the transaction: no BEGIN/COMMIT pair, no identity map, and
asyncpg caches each statement's prepared plan per connection.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, bindparam, select, tuple_
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.tables import products
from application.catalog.ports import ProductCriteria, ProductSort, ProductView
from application.shared.pagination import Keyset, Page, PageRequest
from domain.catalog.product import ProductId
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

_GET_ANY = select(*_COLUMNS).where(products.c.id == bindparam("id"))
_GET_ACTIVE = _GET_ANY.where(products.c.active)


class SqlProductQueries:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def get(self, product_id: ProductId, *, include_inactive: bool) -> ProductView | None:
        statement = _GET_ANY if include_inactive else _GET_ACTIVE
        async with self._engine.connect() as connection:
            row = (await connection.execute(statement, {"id": product_id})).first()
        return None if row is None else _view(row)

    async def list(self, criteria: ProductCriteria, page: PageRequest) -> Page[ProductView]:
        statement = _list_statement(criteria, page)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        views = [_view(row) for row in rows[: page.limit]]
        has_more = len(rows) > page.limit
        next_key = keyset_of(views[-1], criteria.sort) if has_more else None
        return Page(items=views, next_key=next_key)


def keyset_of(view: ProductView, sort: ProductSort) -> Keyset:
    value = {
        "created_at": view.created_at.isoformat(),
        "name": view.name,
        "price": str(view.unit_price.amount),
    }[sort.field]
    return (value, str(view.id))


def _list_statement(criteria: ProductCriteria, page: PageRequest) -> Select[Any]:
    column = _SORT_COLUMNS[criteria.sort.field]
    conditions = _filters(criteria)
    if page.after is not None:
        conditions.append(_after(criteria.sort, page.after))
    order = (
        (column.desc(), products.c.id.desc())
        if criteria.sort.descending
        else (column, products.c.id)
    )
    return select(*_COLUMNS).where(*conditions).order_by(*order).limit(page.limit + 1)


def _filters(criteria: ProductCriteria) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.q is not None:
        conditions.append(products.c.name.icontains(criteria.q, autoescape=True))
    if criteria.active is not None:
        conditions.append(products.c.active.is_(criteria.active))
    if criteria.currency is not None:
        conditions.append(products.c.price_currency == criteria.currency)
    if criteria.min_price is not None:
        conditions.append(products.c.price_amount >= criteria.min_price)
    if criteria.max_price is not None:
        conditions.append(products.c.price_amount <= criteria.max_price)
    return conditions


def _after(sort: ProductSort, after: Keyset) -> ColumnElement[bool]:
    """A row-value comparison the (column, id) index answers with a single seek."""
    value, last_id = after
    position = tuple_(_SORT_COLUMNS[sort.field], products.c.id)
    bound = tuple_(_KEY_PARSERS[sort.field](value), UUID(last_id))
    return position < bound if sort.descending else position > bound


def _view(row: Sequence[Any]) -> ProductView:
    (id_, sku, name, description, amount, currency, stock, active, created, updated, version) = row
    return ProductView(
        id=id_,
        sku=sku,
        name=name,
        description=description,
        unit_price=Money(amount, currency),
        stock=stock,
        active=active,
        created_at=created,
        updated_at=updated,
        version=version,
    )
