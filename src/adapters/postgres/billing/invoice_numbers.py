"""Invoice numbers from a per-year counter row, allocated inside the caller's transaction."""

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.billing.tables import invoice_counters as counters


class SqlInvoiceNumbers:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next(self, year: int) -> int:
        """One upsert: the first number of a year creates its row; later ones take the row
        lock, so concurrent allocations queue until the holder commits or rolls back. A
        rolled-back allocation leaves the counter as it was, so numbers have no gaps (a
        sequence would give numbers away on rollback).
        """
        statement = (
            insert(counters)
            .values(year=year, last=1)
            .on_conflict_do_update(
                index_elements=[counters.c.year], set_={"last": counters.c.last + 1}
            )
            .returning(counters.c.last)
        )
        last: int = (await self._session.execute(statement)).scalar_one()
        return last
