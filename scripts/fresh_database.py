"""Dropping a throwaway database, for the scripts that run the service against a fresh one."""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import make_url


def drop_database(database_url: str) -> None:
    """Drops the URL's database if it exists (connected through the `postgres` database)."""
    asyncio.run(_drop(database_url))


async def _drop(database_url: str) -> None:
    url = make_url(database_url)
    name = url.database
    if not name or not name.startswith("orderly_"):
        raise ValueError(f"refusing to drop {name!r}: only throwaway orderly_* databases")
    maintenance = url.set(drivername="postgresql", database="postgres")
    connection = await asyncpg.connect(maintenance.render_as_string(hide_password=False))
    try:
        quoted = '"' + name.replace('"', '""') + '"'
        await connection.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
    finally:
        await connection.close()
