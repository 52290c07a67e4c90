"""Stock reservations as atomic conditional UPDATEs of product rows (docs/adr/0010).

The UPDATEs bypass the ORM, so each one returns the row's new stock, version and update
time, and a product this session has already loaded takes them as its loaded state: it
then shows the current stock, and a later change to it is version-checked against the
version the reservation wrote, not the one it was loaded with.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from adapters.postgres.tables import products
from domain.catalog.product import Product

_NEW_STATE = (products.c.id, products.c.stock, products.c.version, products.c.updated_at)


class SqlStockReservations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def reserve(self, quantities: Mapping[UUID, int], *, now: datetime) -> list[str]:
        """One `UPDATE … WHERE stock >= :units AND active` per product, by product id.

        The row lock each UPDATE takes queues concurrent orders for the same product instead
        of failing them, and the condition is re-checked on the row as committed, so stock
        never goes below zero. Taking the locks in id order means two reservations never
        wait on each other in a cycle. A savepoint makes the lines all-or-nothing: if any
        line is short, the lines already taken are rolled back. It is the connection's
        (Core) savepoint: the session's `begin_nested()` would first flush pending changes,
        whose errors belong to the commit.
        """
        connection = await self._session.connection()
        savepoint = await connection.begin_nested()
        rows: list[Sequence[Any]] = []
        short: list[UUID] = []
        for product_id in sorted(quantities):
            units = quantities[product_id]
            enough = (products.c.stock >= units) & products.c.active
            row = await self._change(product_id, -units, now, enough)
            if row is None:
                short.append(product_id)
            else:
                rows.append(row)
        if short:
            await savepoint.rollback()
            statement = select(products.c.sku).where(products.c.id.in_(short))
            return sorted((await self._session.scalars(statement)).all())
        await savepoint.commit()
        self._catch_up(rows)
        return []

    async def release(self, quantities: Mapping[UUID, int], *, now: datetime) -> None:
        """Unconditional, archived products included; in id order like `reserve`."""
        rows = []
        for product_id in sorted(quantities):
            row = await self._change(product_id, quantities[product_id], now, true())
            if row is not None:
                rows.append(row)
        self._catch_up(rows)

    async def _change(
        self, product_id: UUID, units: int, now: datetime, condition: ColumnElement[bool]
    ) -> Sequence[Any] | None:
        """Stock is part of the product's representation, so its version moves too."""
        statement = (
            update(products)
            .where(products.c.id == product_id, condition)
            .values(
                stock=products.c.stock + units,
                version=products.c.version + 1,
                updated_at=now,
            )
            .returning(*_NEW_STATE)
        )
        return (await self._session.execute(statement)).first()

    def _catch_up(self, rows: Sequence[Sequence[Any]]) -> None:
        changed = {row[0]: row for row in rows}
        for loaded in self._session.identity_map.values():
            if isinstance(loaded, Product) and loaded.id in changed:
                _, stock, version, updated_at = changed[loaded.id]
                set_committed_value(loaded, "stock", stock)
                set_committed_value(loaded, "version", version)
                set_committed_value(loaded, "updated_at", updated_at)
