"""The outbox's backlog, read for the metrics endpoint: three index-only counts and a min."""

from sqlalchemy import text

from adapters.postgres.read_pool import CompiledQuery, ReadPool
from application.shared.outbox import Backlog

# Each subquery is answered from a partial index (pending or parked rows only), so a scrape
# costs the same however many delivered rows the table keeps.
_MEASURE = CompiledQuery.of(
    text(
        """
        SELECT
            (SELECT count(*) FROM outbox
              WHERE delivered_at IS NULL AND parked_at IS NULL) AS pending,
            (SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL) AS parked,
            COALESCE(EXTRACT(EPOCH FROM now() - (
                SELECT min(occurred_at) FROM outbox
                 WHERE delivered_at IS NULL AND parked_at IS NULL
            )), 0)::float8 AS oldest_pending_seconds
        """
    )
)


class SqlOutboxBacklog:
    def __init__(self, pool: ReadPool) -> None:
        self._pool = pool

    async def measure(self) -> Backlog:
        row = await self._pool.fetchrow(_MEASURE, {})
        return Backlog(
            pending=row["pending"],
            parked=row["parked"],
            oldest_pending_seconds=row["oldest_pending_seconds"],
        )
