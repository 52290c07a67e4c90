"""The read path's own asyncpg pool: one round trip per query, nothing in between.

Queries are written with SQLAlchemy Core (so they stay parameterised and typed), compiled
once per shape to asyncpg's `$n` SQL, and run on a plain asyncpg connection: no session, no
transaction, no result processing. asyncpg caches each prepared statement per connection.
Writes keep using SQLAlchemy through the unit of work (docs/adr/0003).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import ClauseElement, make_url
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.sql.compiler import SQLCompiler

from adapters.postgres.engine import PoolSettings

_DIALECT = PGDialect_asyncpg(paramstyle="numeric_dollar")  # type: ignore[no-untyped-call]


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    """SQL text for asyncpg and the order in which its named parameters are bound."""

    sql: str
    parameters: tuple[str, ...]

    @classmethod
    def of(cls, statement: ClauseElement) -> CompiledQuery:
        compiled = statement.compile(dialect=_DIALECT)
        assert isinstance(compiled, SQLCompiler)  # noqa: S101 - always true for a SELECT
        return cls(str(compiled), tuple(compiled.positiontup or ()))

    def arguments(self, values: Mapping[str, object]) -> list[object]:
        return [values[name] for name in self.parameters]


async def _nothing_to_reset(_: asyncpg.Connection) -> None:
    """Read connections never change session state (no SET, LISTEN, advisory lock or open
    transaction), so asyncpg's default reset query would be a wasted round trip per read.
    """


class ReadPool:
    """Opened at start-up by the app's lifespan (or on first use, e.g. in tests)."""

    def __init__(self, database_url: str, settings: PoolSettings) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._dsn = url.render_as_string(hide_password=False)
        self._settings = settings
        self._pool: asyncpg.Pool | None = None
        self._opening = asyncio.Lock()

    async def open(self) -> asyncpg.Pool:
        if self._pool is None:
            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(
                        self._dsn,
                        min_size=self._settings.size,
                        max_size=self._settings.size,
                        timeout=self._settings.timeout_seconds,
                        reset=_nothing_to_reset,
                        server_settings={
                            "application_name": "orderly-read",
                            "jit": "off",
                            "statement_timeout": str(self._settings.statement_timeout_ms),
                        },
                    )
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    def usage(self) -> tuple[int, int]:
        """Connections in use and held, for the metrics (nothing before it opens)."""
        if self._pool is None:
            return 0, 0
        size = self._pool.get_size()
        return size - self._pool.get_idle_size(), size

    async def fetchrow(self, query: CompiledQuery, values: Mapping[str, object]) -> Any:
        pool = self._pool or await self.open()
        async with pool.acquire(timeout=self._wait_limit(pool)) as connection:
            return await connection.fetchrow(query.sql, *query.arguments(values))

    async def fetch(self, query: CompiledQuery, values: Mapping[str, object]) -> Sequence[Any]:
        pool = self._pool or await self.open()
        async with pool.acquire(timeout=self._wait_limit(pool)) as connection:
            rows: Sequence[Any] = await connection.fetch(query.sql, *query.arguments(values))
            return rows

    def _wait_limit(self, pool: asyncpg.Pool) -> float | None:
        """No timer while a connection is idle: asyncpg's timeout wraps every acquire in a
        task, the largest cost of a read. When all are busy, wait at most the pool timeout
        (then 503), never indefinitely.
        """
        return None if pool.get_idle_size() else self._settings.timeout_seconds
