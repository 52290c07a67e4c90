"""The errors that mean "the database cannot be reached now", not "this work is wrong":
the HTTP edge answers them 503 with `Retry-After`, and a worker postpones the event rather
than counting an attempt against it."""

from __future__ import annotations

from typing import Final

import asyncpg
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

DATABASE_UNAVAILABLE: Final[tuple[type[Exception], ...]] = (
    PoolTimeoutError,  # SQLAlchemy pool: no connection within DB_POOL_TIMEOUT
    TimeoutError,  # asyncpg read pool: no connection within DB_POOL_TIMEOUT
    OperationalError,
    InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.TooManyConnectionsError,
    OSError,
)


def database_unavailable(error: Exception) -> bool:
    return isinstance(error, DATABASE_UNAVAILABLE)
