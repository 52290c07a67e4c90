"""The bench database: created fresh, migrated by the service's own CLI, seeded, dropped.

A dedicated database keeps the developer's data out of the numbers (and the bench out of their
data); migrating with `orderly migrate` means both apps read the schema and indexes the service
really ships, not a copy that could drift.
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg
import uuid6

from bench.settings import BENCH_DATABASE, asyncpg_dsn

PRODUCT_COUNT = 10_000
_CONNECT_TIMEOUT_S = 10
_COMMAND_TIMEOUT_S = 120
_MIGRATE_TIMEOUT_S = 300
_INACTIVE_EVERY = 100  # a few archived rows so `WHERE active` has something to filter
_COLUMNS = (
    "id",
    "sku",
    "name",
    "description",
    "price_amount",
    "price_currency",
    "stock",
    "active",
    "created_at",
    "updated_at",
    "version",
)


class DatabaseSetupError(RuntimeError):
    """The bench database could not be prepared; the message carries the cause."""


async def _connect(dsn: str) -> asyncpg.Connection:
    return await asyncpg.connect(
        dsn, timeout=_CONNECT_TIMEOUT_S, command_timeout=_COMMAND_TIMEOUT_S
    )


async def _run_maintenance(maintenance_dsn: str, *statements: str) -> None:
    conn = await _connect(maintenance_dsn)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


def recreate(maintenance_dsn: str) -> None:
    """Drops first so a bench killed before its cleanup cannot poison the next one."""
    asyncio.run(
        _run_maintenance(
            maintenance_dsn,
            f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)",
            f"CREATE DATABASE {BENCH_DATABASE}",
        )
    )


def drop(maintenance_dsn: str) -> None:
    """FORCE ends sessions a crashed server may have left behind."""
    asyncio.run(
        _run_maintenance(maintenance_dsn, f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
    )


def migrate(project_root: Path, env: Mapping[str, str]) -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "entrypoints.cli", "migrate"],
            cwd=project_root,
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=_MIGRATE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DatabaseSetupError(f"`orderly migrate` took over {_MIGRATE_TIMEOUT_S} s") from None
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()[-30:]
        raise DatabaseSetupError(
            f"`orderly migrate` exited {done.returncode}:\n" + "\n".join(output)
        )


def _products(rng: random.Random) -> list[tuple[object, ...]]:
    """Prices and timestamps vary so responses and the list's sort look like real data."""
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=PRODUCT_COUNT)
    records: list[tuple[object, ...]] = []
    for n in range(1, PRODUCT_COUNT + 1):
        created = start + timedelta(minutes=n, seconds=rng.randrange(60))
        records.append(
            (
                uuid6.uuid7(),
                f"BENCH-{n:06d}",
                f"Bench product {n}",
                f"Seeded by the benchmark harness; product number {n} of {PRODUCT_COUNT}.",
                Decimal(rng.randint(100, 99_999)).scaleb(-2),
                "EUR",
                100,
                n % _INACTIVE_EVERY != 0,
                created,
                created,
                1,
            )
        )
    return records


async def _seed(dsn: str) -> list[str]:
    records = _products(random.Random(PRODUCT_COUNT))
    conn = await _connect(dsn)
    try:
        await conn.copy_records_to_table("products", records=records, columns=_COLUMNS)
        await conn.execute("ANALYZE products")  # fresh statistics, so plans match production's
    finally:
        await conn.close()
    active = _COLUMNS.index("active")
    return [str(record[0]) for record in records if record[active]]


def seed(bench_url: str) -> list[str]:
    """Returns the active products' ids: the ones a single-product request can find."""
    return asyncio.run(_seed(asyncpg_dsn(bench_url)))
