"""Engine and session factory, configured once at start-up from settings."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from adapters.postgres.mapping import TableMapping, map_aggregates


@dataclass(frozen=True, slots=True, kw_only=True)
class PoolSettings:
    size: int = 10
    max_overflow: int = 0
    timeout_seconds: float = 5.0
    statement_timeout_ms: int = 15_000


def create_engine(url: str, pool: PoolSettings) -> AsyncEngine:
    """A bounded pool that fails fast: a request waits at most `timeout_seconds` for a slot.

    JIT is off because short OLTP queries only pay its compile cost; the statement timeout
    stops one runaway query from holding a connection forever.
    """
    return create_async_engine(
        url,
        pool_size=pool.size,
        max_overflow=pool.max_overflow,
        pool_timeout=pool.timeout_seconds,
        pool_recycle=1800,
        connect_args={
            "server_settings": {
                "application_name": "orderly",
                "jit": "off",
                "statement_timeout": str(pool.statement_timeout_ms),
            },
            "timeout": pool.timeout_seconds,
        },
    )


def create_session_factory(
    engine: AsyncEngine, mappings: Iterable[TableMapping]
) -> async_sessionmaker[AsyncSession]:
    """No expiry on commit (views are built after it) and no autoflush: every write reaches
    the database in `commit()`, where the unit of work translates its errors. `mappings`:
    every context's aggregates onto its tables.
    """
    map_aggregates(mappings)
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
