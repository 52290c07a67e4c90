"""Retention in PostgreSQL: deleting, in short batches, rows nothing will read again.

Each batch is one statement in a transaction of its own. It takes up to `batch_size` rows
that match, in keyset order after the last row the previous batch deleted, locks them with
`FOR UPDATE SKIP LOCKED`, deletes them and commits:

- only one batch of rows is ever locked, for one statement, so writers are never held up
  for long and no table lock is taken;
- a row another purge (or a request) holds is passed over, not waited for: concurrent
  purges never block each other, and each row is deleted, and counted, by one of them;
- the keyset walk reads each index entry once per run, however many batches it takes
  (starting every batch from the top would step again over the entries of every row the
  earlier batches deleted, until vacuum reclaims them).

A row passed over because it was held is left for the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    desc,
    func,
    literal,
    literal_column,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.kernel_tables import idempotency_records, inbox, outbox

BATCH_SIZE = 1000

Expired = Callable[[datetime], ColumnElement[bool]]
"""The rows no longer needed, given the cutoff."""


class BatchedPurge:
    """A `Purger` for one table: `expired` says which rows may go, `keyset` (unique, led by
    an indexed column) the order they are walked in.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        table: Table,
        *,
        keyset: Sequence[str],
        expired: Expired,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self._engine = engine
        self._table = table
        self._keyset = [table.c[name] for name in keyset]
        self._expired = expired
        self._batch_size = batch_size

    async def purge(self, *, before: datetime) -> int:
        removed = 0
        after: tuple[Any, ...] | None = None
        while True:
            async with self._engine.begin() as connection:
                row = (await connection.execute(self._batch(before, after))).first()
            if row is None:
                return removed
            count: int = row[0]
            removed += count
            if count < self._batch_size:
                return removed
            after = tuple(row[1:])

    def _batch(self, before: datetime, after: tuple[Any, ...] | None) -> Select[Any]:
        """Deletes one batch; answers how many rows it deleted and the last one's keyset, in
        PostgreSQL's order (text by the database's collation, which Python's `max` does not
        know), so the next batch starts right after it instead of stepping over this one's.

        The chosen rows are found by their `ctid`s, gathered once into an array (an
        InitPlan), so the delete reads exactly those rows (a TID scan) whatever the planner
        thinks of the table's size; they are locked, so no `ctid` can change meanwhile.
        """
        table = self._table
        ctid: ColumnElement[Any] = literal_column("ctid")
        chosen = select(ctid).select_from(table).where(self._expired(before))
        if after is not None:
            bound = zip(self._keyset, after, strict=True)
            typed = [literal(value, column.type) for column, value in bound]
            chosen = chosen.where(tuple_(*self._keyset) > tuple_(*typed))
        batch = (
            chosen.order_by(*self._keyset)
            .limit(self._batch_size)
            .with_for_update(skip_locked=True, of=table)
            .scalar_subquery()
        )
        chosen_rows = ctid == func.any(func.array(batch))
        deleted = table.delete().where(chosen_rows).returning(*self._keyset).cte("deleted")
        last = [desc(column) for column in deleted.c]
        return select(func.count().over(), *deleted.c).order_by(*last).limit(1)


def delivered_events(engine: AsyncEngine, batch_size: int = BATCH_SIZE) -> BatchedPurge:
    """Outbox rows delivered before the cutoff. Pending and parked events are never
    delivered (`delivered_at` stays NULL), so no age makes them go.
    """
    return BatchedPurge(
        engine,
        outbox,
        keyset=["position"],
        expired=lambda before: outbox.c.delivered_at < before,
        batch_size=batch_size,
    )


def handled_events(engine: AsyncEngine, batch_size: int = BATCH_SIZE) -> BatchedPurge:
    """Inbox claims recorded before the cutoff: the relay never delivers an event again
    once it is delivered, so a claim only guards against a redelivery within the window.
    Event ids are UUIDv7, so the walk meets the oldest claims first.
    """
    return BatchedPurge(
        engine,
        inbox,
        keyset=["event_id", "handler"],
        expired=lambda before: inbox.c.processed_at < before,
        batch_size=batch_size,
    )


def expired_idempotency_records(engine: AsyncEngine, batch_size: int = BATCH_SIZE) -> BatchedPurge:
    """Records whose replay window ended before the cutoff; a record still in its window
    is never touched. Walked along the `expires_at` index, so only expired records are read.
    """
    return BatchedPurge(
        engine,
        idempotency_records,
        keyset=["expires_at", "scope", "key"],
        expired=lambda before: idempotency_records.c.expires_at < before,
        batch_size=batch_size,
    )
