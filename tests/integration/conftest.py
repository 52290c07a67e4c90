"""A fresh PostgreSQL database per test run, migrated with Alembic, dropped at the end.

The server is found the way `make run` finds one (scripts/pg_provision.py, with
`TEST_DATABASE_URL` first). Every destructive statement checks the database name first, so
these fixtures can never empty or drop a database they did not create.
"""

from __future__ import annotations

import asyncio
import importlib.util
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.postgres.engine import PoolSettings, create_engine
from adapters.postgres.schema import ensure_database, upgrade_to_head
from adapters.postgres.tables import metadata
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings

TEST_DATABASE_PREFIX = "orderly_test_"
ROOT = Path(__file__).resolve().parents[2]


def _provisioning() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pg_provision", ROOT / "scripts/pg_provision.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _guard(url: str) -> str:
    name = make_url(url).database or ""
    if not name.startswith(TEST_DATABASE_PREFIX):
        raise RuntimeError(f"refusing to touch {name!r}: not a test database")
    return name


def fresh_database_url(label: str = "") -> str:
    server_url = _provisioning().find_database_url("TEST_DATABASE_URL", "postgres")
    name = f"{TEST_DATABASE_PREFIX}{label}{uuid.uuid4().hex[:10]}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    asyncio.run(ensure_database(url))
    return url


def drop_database(url: str) -> None:
    name = _guard(url)

    async def drop() -> None:
        admin = create_async_engine(
            make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()

    asyncio.run(drop())


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url = fresh_database_url()
    try:
        upgrade_to_head(url)
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url, log_format="json")  # type: ignore[call-arg]


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, PoolSettings())
    yield engine
    await engine.dispose()


@pytest.fixture(autouse=True)
async def _empty_tables(database_url: str, engine: AsyncEngine) -> AsyncIterator[None]:
    """Isolation: every test starts from empty tables (only in the throwaway database)."""
    yield
    _guard(database_url)
    tables = ", ".join(table.name for table in metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
async def container(settings: Settings) -> AsyncIterator[Container]:
    container = Container(settings=settings)
    yield container
    await container.engine().dispose()


@pytest.fixture
async def client(container: Container, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
