"""Retention against PostgreSQL: each store loses exactly what is past its cutoff, in batches,
and purges running at once neither block each other nor count a row twice.

Rows are written straight into the tables with chosen times, so every case sits exactly on
one side of the cutoff `T`: a row at `T` itself is kept (only what ended *before* it goes).
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Table, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from uuid6 import uuid7

from adapters.postgres.identity.retention import dead_refresh_tokens
from adapters.postgres.identity.tables import refresh_tokens, users
from adapters.postgres.kernel_tables import idempotency_records, inbox, outbox
from adapters.postgres.retention import (
    delivered_events,
    expired_idempotency_records,
    handled_events,
)
from application.shared.retention import PurgeCommand
from entrypoints.container import Container

T = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
LONG_AGO = T - timedelta(days=365)
ONE_EVENT = uuid7()


async def add(engine: AsyncEngine, table: Table, rows: list[dict[str, Any]]) -> None:
    async with engine.begin() as connection:
        await connection.execute(insert(table), rows)


async def column(engine: AsyncEngine, table: Table, name: str) -> set[Any]:
    async with engine.connect() as connection:
        return set((await connection.execute(select(table.c[name]))).scalars())


def event(
    tag: str, *, delivered_at: datetime | None, parked_at: datetime | None = None
) -> dict[str, Any]:
    return {
        "event_id": uuid7(),
        "aggregate_id": uuid7(),
        "event_type": tag,
        "payload": {},
        "occurred_at": LONG_AGO,
        "available_at": LONG_AGO,
        "delivered_at": delivered_at,
        "parked_at": parked_at,
    }


def claim(handler: str, processed_at: datetime, event_id: UUID | None = None) -> dict[str, Any]:
    return {"event_id": event_id or uuid7(), "handler": handler, "processed_at": processed_at}


def record(key: str, expires_at: datetime, scope: str = "user-1") -> dict[str, Any]:
    return {
        "scope": scope,
        "key": key,
        "fingerprint": "f",
        "response": b"{}\n{}",
        "created_at": expires_at - timedelta(hours=24),
        "expires_at": expires_at,
    }


async def test_delivered_events_go_once_past_the_cutoff_and_undelivered_ones_never(
    engine: AsyncEngine,
) -> None:
    await add(
        engine,
        outbox,
        [
            event("old", delivered_at=T - SECOND),
            event("at-cutoff", delivered_at=T),
            event("recent", delivered_at=T + timedelta(days=1)),
            event("pending", delivered_at=None),
            event("parked", delivered_at=None, parked_at=LONG_AGO),
        ],
    )

    removed = await delivered_events(engine).purge(before=T)

    assert removed == 1
    assert await column(engine, outbox, "event_type") == {
        "at-cutoff",
        "recent",
        "pending",
        "parked",
    }


async def test_inbox_claims_go_once_recorded_before_the_cutoff(engine: AsyncEngine) -> None:
    await add(
        engine,
        inbox,
        [claim("old", T - SECOND), claim("at-cutoff", T), claim("recent", T + SECOND)],
    )

    assert await handled_events(engine).purge(before=T) == 1
    assert await column(engine, inbox, "handler") == {"at-cutoff", "recent"}


async def test_idempotency_records_go_once_their_window_ended_before_the_cutoff(
    engine: AsyncEngine,
) -> None:
    await add(
        engine,
        idempotency_records,
        [record("ended", T - SECOND), record("ends-at-cutoff", T), record("live", T + SECOND)],
    )

    assert await expired_idempotency_records(engine).purge(before=T) == 1
    assert await column(engine, idempotency_records, "key") == {"ends-at-cutoff", "live"}


@pytest.fixture
async def user_id(engine: AsyncEngine) -> UUID:
    user = uuid7()
    await add(
        engine,
        users,
        [
            {
                "id": user,
                "email": "ann@example.com",
                "full_name": "Ann",
                "password_hash": "h",
                "role": "customer",
                "is_active": True,
                "created_at": LONG_AGO,
                "updated_at": LONG_AGO,
                "version": 1,
            }
        ],
    )
    return user


def token(
    name: str,
    family: UUID,
    user: UUID,
    *,
    expires_at: datetime,
    used: bool = False,
    revoked_at: datetime | None = None,
) -> dict[str, Any]:
    return {
        "token_hash": name,
        "family_id": family,
        "user_id": user,
        "issued_at": expires_at - timedelta(days=30),
        "expires_at": expires_at,
        "used_at": expires_at - timedelta(days=29) if used else None,
        "revoked_at": revoked_at,
    }


async def test_refresh_tokens_go_only_once_their_whole_family_is_over(
    engine: AsyncEngine, user_id: UUID
) -> None:
    expired, alive, rotated, revoked, recently_revoked = (uuid7() for _ in range(5))
    await add(
        engine,
        refresh_tokens,
        [
            # A session that ended: its only token expired before the cutoff.
            token("expired", expired, user_id, expires_at=T - SECOND),
            # One that expires exactly at the cutoff is still kept.
            token("expires-at-cutoff", alive, user_id, expires_at=T),
            # A rotated session still alive: the spent token expired long ago, but presenting
            # it must still revoke the family, so it stays as long as its successor works.
            token("spent-long-ago", rotated, user_id, expires_at=LONG_AGO, used=True),
            token("its-live-successor", rotated, user_id, expires_at=T + timedelta(days=20)),
            # A family revoked before the cutoff goes whole, unexpired tokens included.
            token(
                "revoked-spent",
                revoked,
                user_id,
                expires_at=T + SECOND,
                used=True,
                revoked_at=T - SECOND,
            ),
            token(
                "revoked-head",
                revoked,
                user_id,
                expires_at=T + timedelta(days=9),
                revoked_at=T - SECOND,
            ),
            # A family revoked after the cutoff: over, so its expired rows go; the revoked
            # head stays until its revocation is N days old.
            token(
                "revoked-later-spent",
                recently_revoked,
                user_id,
                expires_at=T - SECOND,
                used=True,
                revoked_at=T + SECOND,
            ),
            token(
                "revoked-later-head",
                recently_revoked,
                user_id,
                expires_at=T + timedelta(days=9),
                revoked_at=T + SECOND,
            ),
        ],
    )

    removed = await dead_refresh_tokens(engine).purge(before=T)

    assert await column(engine, refresh_tokens, "token_hash") == {
        "expires-at-cutoff",
        "spent-long-ago",
        "its-live-successor",
        "revoked-later-head",
    }
    assert removed == 4


PURGES = {
    "outbox": (delivered_events, outbox, lambda n: event(f"e{n}", delivered_at=LONG_AGO)),
    "inbox": (
        handled_events,
        inbox,
        # One event with many handlers: the walk goes on past ties in its first key column,
        # through handler names whose order depends on the database's collation.
        lambda n: claim(("a", "B", "_c", "d")[n % 4] + str(n), LONG_AGO, ONE_EVENT),
    ),
    "idempotency": (
        expired_idempotency_records,
        idempotency_records,
        # Many records expiring at the same instant: the walk breaks the tie by scope and key.
        lambda n: record(f"Key-{n}", LONG_AGO, scope=("x", "Y", "_z")[n % 3]),
    ),
}


@pytest.mark.parametrize("store", PURGES)
async def test_more_rows_than_one_batch_are_all_removed_batch_by_batch(
    engine: AsyncEngine, store: str
) -> None:
    make, table, row = PURGES[store]
    await add(engine, table, [row(n) for n in range(57)])

    removed = await make(engine, batch_size=10).purge(before=T)

    assert removed == 57
    assert await column(engine, table, table.primary_key.columns.keys()[0]) == set()


async def test_refresh_tokens_are_purged_in_batches_too(engine: AsyncEngine, user_id: UUID) -> None:
    rows = [token(f"t{n:02}", uuid7(), user_id, expires_at=LONG_AGO) for n in range(23)]
    await add(engine, refresh_tokens, rows)

    assert await dead_refresh_tokens(engine, batch_size=5).purge(before=T) == 23
    assert await column(engine, refresh_tokens, "token_hash") == set()


async def test_purges_running_at_once_delete_and_count_each_row_once(engine: AsyncEngine) -> None:
    await add(engine, outbox, [event(f"e{n}", delivered_at=LONG_AGO) for n in range(600)])
    await add(engine, outbox, [event("pending", delivered_at=None) for _ in range(5)])
    purges = [delivered_events(engine, batch_size=25) for _ in range(4)]

    counts = await asyncio.gather(*(purge.purge(before=T) for purge in purges))

    assert sum(counts) == 600
    assert await column(engine, outbox, "event_type") == {"pending"}


@pytest.fixture
async def held_row(engine: AsyncEngine) -> AsyncIterator[UUID]:
    """One expired row locked by another transaction (a purge elsewhere, or a request)."""
    held = event("held", delivered_at=LONG_AGO)
    await add(engine, outbox, [held])
    async with engine.connect() as connection:
        transaction = await connection.begin()
        await connection.execute(
            text("SELECT 1 FROM outbox WHERE event_id = :id FOR UPDATE"), {"id": held["event_id"]}
        )
        yield held["event_id"]
        await transaction.rollback()


async def test_a_row_held_elsewhere_is_passed_over_not_waited_for(
    engine: AsyncEngine, held_row: UUID
) -> None:
    await add(engine, outbox, [event(f"e{n}", delivered_at=LONG_AGO) for n in range(30)])

    removed = await asyncio.wait_for(delivered_events(engine, batch_size=10).purge(before=T), 10)

    assert removed == 30
    assert await column(engine, outbox, "event_id") == {held_row}


async def test_the_service_purges_every_store_from_n_days_ago(
    container: Container, engine: AsyncEngine, user_id: UUID
) -> None:
    now = container.clock().now()
    old, fresh = now - timedelta(days=8), now - timedelta(days=6)
    await add(engine, outbox, [event("old", delivered_at=old), event("fresh", delivered_at=fresh)])
    await add(engine, inbox, [claim("old", old), claim("fresh", fresh)])
    await add(engine, idempotency_records, [record("old", old), record("fresh", fresh)])
    await add(
        engine,
        refresh_tokens,
        [
            token("old", uuid7(), user_id, expires_at=old),
            token("fresh", uuid7(), user_id, expires_at=fresh),
        ],
    )

    report = await container.purge_expired()(PurgeCommand(older_than_days=7))

    assert list(report.removed.items()) == [
        ("outbox", 1),
        ("inbox", 1),
        ("idempotency", 1),
        ("refresh_tokens", 1),
    ]
    assert await column(engine, outbox, "event_type") == {"fresh"}
    assert await column(engine, refresh_tokens, "token_hash") == {"fresh"}
