"""Benchmark knobs read from the environment, shared by the driver and the raw app.

Both processes read the same variables so the raw app and the driver can never disagree on,
say, the pool size the comparison assumes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = "orderly_bench"
_MAINTENANCE_DATABASE = "postgres"


class SettingsError(ValueError):
    """The environment cannot drive a benchmark; the message says which variable and why."""


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, got {value}")
    return value


def pool_size() -> int:
    """Connections per worker; the raw app pins min = max so no run pays for opening one."""
    return env_int("BENCH_POOL_SIZE", 10)


def asyncpg_dsn(url: str) -> str:
    """asyncpg takes libpq DSNs; SQLAlchemy's `postgresql+asyncpg` scheme is not one."""
    parts = urlsplit(url)
    if parts.scheme.split("+", 1)[0] not in {"postgresql", "postgres"}:
        raise SettingsError(f"DATABASE_URL must be a postgresql:// URL, got {parts.scheme}://")
    return urlunsplit(parts._replace(scheme="postgresql"))


def with_database(url: str, database: str) -> str:
    """The same server and credentials, another database: keeps the scheme as given."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchSettings:
    """`database_url` is the developer's own; the bench only borrows its server."""

    database_url: str
    workers: int
    pool_size: int
    duration_s: int
    rounds: int

    @classmethod
    def from_env(cls) -> BenchSettings:
        url = os.environ.get("DATABASE_URL", "").strip()
        if not url:
            raise SettingsError("DATABASE_URL is not set (e.g. postgresql+asyncpg://…/orderly)")
        asyncpg_dsn(url)  # fail now, not after the servers are up
        return cls(
            database_url=url,
            workers=env_int("BENCH_WORKERS", 1),
            pool_size=pool_size(),
            duration_s=env_int("BENCH_DURATION", 10),
            rounds=env_int("BENCH_ROUNDS", 3),
        )

    @property
    def bench_url(self) -> str:
        """What both apps get as DATABASE_URL, in the SQLAlchemy form the service expects."""
        return with_database(self.database_url, BENCH_DATABASE)

    @property
    def maintenance_dsn(self) -> str:
        """CREATE/DROP DATABASE must run from another database; `postgres` always exists."""
        return asyncpg_dsn(with_database(self.database_url, _MAINTENANCE_DATABASE))
