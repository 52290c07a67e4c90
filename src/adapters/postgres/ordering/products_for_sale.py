"""Products as ordering needs them: snapshots and stock, each call one SQL statement.

Both statements bypass the ORM and work on the `products` rows as stored: they never see a
`Product` this session holds, and the session never learns of their changes. That is safe
because no use case loads or adds a `Product` in the unit of work that reserves or releases
its stock; were one to, the product's version check would refuse its stale write at commit
(`ConcurrentModificationError`) rather than lose the stock change.

The wanted products come in as two bound arrays (ids, units) unnested side by side, so the
statement's text is the same whatever the number of products: PostgreSQL prepares it once
per connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Uuid, text
from sqlalchemy.ext.asyncio import AsyncSession

from application.ordering.ports import ProductForSale, Reservation
from domain.shared.ids import ProductId
from domain.shared.money import Money

# Both statements first lock the wanted products in id order, whatever order they were
# asked for, so two of them never wait on each other in a cycle; a row another transaction
# changed is read as that transaction committed it, once its lock is released.

# Decides on the locked rows (all exist, are active, have enough), then takes the stock of
# all of them or of none; stock is part of a product's representation, so versions move.
_RESERVE = text(
    """
    WITH locked AS MATERIALIZED (
        SELECT p.id, p.sku, p.name, p.price_amount, p.price_currency, p.active, p.stock,
               wanted.units
        FROM unnest(CAST(:ids AS uuid[]), CAST(:units AS integer[])) AS wanted (id, units)
        JOIN products AS p ON p.id = wanted.id
        ORDER BY p.id
        FOR UPDATE OF p
    ),
    verdict AS (
        SELECT count(*) = cardinality(CAST(:ids AS uuid[]))
               AND coalesce(bool_and(locked.active AND locked.stock >= locked.units), true)
               AS reserved
        FROM locked
    ),
    taken AS (
        UPDATE products AS p
        SET stock = p.stock - locked.units, version = p.version + 1, updated_at = :now
        FROM locked, verdict
        WHERE p.id = locked.id AND verdict.reserved
    )
    SELECT verdict.reserved, locked.id, locked.sku, locked.name, locked.price_amount,
           locked.price_currency, locked.active, locked.stock < locked.units AS short
    FROM verdict LEFT JOIN locked ON true
    """
).columns(id=Uuid)

_RELEASE = text(
    """
    WITH locked AS MATERIALIZED (
        SELECT p.id, wanted.units
        FROM unnest(CAST(:ids AS uuid[]), CAST(:units AS integer[])) AS wanted (id, units)
        JOIN products AS p ON p.id = wanted.id
        ORDER BY p.id
        FOR UPDATE OF p
    )
    UPDATE products AS p
    SET stock = p.stock + locked.units, version = p.version + 1, updated_at = :now
    FROM locked
    WHERE p.id = locked.id
    """
)


class SqlProductsForSale:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def reserve(self, quantities: Mapping[ProductId, int], *, now: datetime) -> Reservation:
        """One statement: lock, decide, take. The verdict is the database's, made on rows
        no one else can change until this transaction ends, so stock never goes below zero
        and two orders never both get the last unit.
        """
        result = await self._session.execute(_RESERVE, _arrays(quantities, now))
        rows = result.mappings().all()
        products = {
            ProductId(row["id"]): ProductForSale(
                product_id=ProductId(row["id"]),
                sku=row["sku"],
                name=row["name"],
                unit_price=Money(row["price_amount"], row["price_currency"]),
                active=row["active"],
            )
            for row in rows
            if row["id"] is not None
        }
        short = tuple(sorted(row["sku"] for row in rows if row["short"]))
        return Reservation(products=products, short=short, reserved=rows[0]["reserved"])

    async def release(self, quantities: Mapping[ProductId, int], *, now: datetime) -> None:
        """One statement, unconditional: archived products take their stock back too."""
        await self._session.execute(_RELEASE, _arrays(quantities, now))


def _arrays(quantities: Mapping[ProductId, int], now: datetime) -> dict[str, Any]:
    return {"ids": list(quantities), "units": list(quantities.values()), "now": now}
