"""A fresh PostgreSQL database per test run, migrated with Alembic, dropped at the end.

The server is found the way `make run` finds one (scripts/pg_provision.py, with
`TEST_DATABASE_URL` first). Every destructive statement checks the database name first, so
these fixtures can never empty or drop a database they did not create.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.postgres.engine import PoolSettings, create_engine
from adapters.postgres.metadata import metadata
from adapters.postgres.migrator import ensure_database, upgrade_to_head
from adapters.postgres.read_pool import ReadPool
from application.identity.create_admin import CreateAdminCommand
from application.identity.register_user import RegisterUserCommand
from application.unit_of_work import ServiceUnitOfWork
from domain.identity.user import UserChanges
from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.scripts_loader import load_script

TEST_DATABASE_PREFIX = "orderly_test_"
PASSWORD = "correct-horse-battery-staple-42"
ROOT = Path(__file__).resolve().parents[2]


def _provisioning() -> ModuleType:
    return load_script("pg_provision")


def _guard(url: str) -> str:
    name = make_url(url).database or ""
    if not name.startswith(TEST_DATABASE_PREFIX):
        raise RuntimeError(f"refusing to touch {name!r}: not a test database")
    return name


def server_url() -> str:
    """A URL of the server the tests use (its database: `postgres`, or TEST_DATABASE_URL's)."""
    url: str = _provisioning().find_database_url("TEST_DATABASE_URL", "postgres")
    return url


def fresh_database_url(label: str = "") -> str:
    name = f"{TEST_DATABASE_PREFIX}{label}{uuid.uuid4().hex[:10]}"
    url = make_url(server_url()).set(database=name).render_as_string(hide_password=False)
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
def redis_url() -> str:
    """Redis is part of the test environment like PostgreSQL: missing, it fails loudly."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2).close()
    except OSError as error:
        pytest.fail(f"no Redis at {url} ({error}): start one or set REDIS_URL")
    return url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    """Cheap password hashing keeps the suite fast; production parameters are the default."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url,
        log_format="json",
        password_hash_time_cost=1,
        password_hash_memory_kib=1024,
    )


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, PoolSettings())
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def read_pool(database_url: str) -> AsyncIterator[ReadPool]:
    pool = ReadPool(database_url, PoolSettings())
    yield pool
    await pool.close()


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
    await container.read_pool().close()
    await container.engine().dispose()


@pytest.fixture
def app(container: Container, settings: Settings) -> FastAPI:
    return create_app(settings, container)


def _client(app: FastAPI, token: str | None = None) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    transport = httpx.ASGITransport(app=app)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An anonymous caller."""
    async with _client(app) as anonymous:
        yield anonymous


async def sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> str:
    response = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": password}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def create_account(container: Container, email: str, role: Role) -> None:
    """Accounts are made through the use cases and the runner, as the API and the CLI make them."""
    transactions = container.transactions()
    if role is Role.ADMIN:
        admin = CreateAdminCommand(email=email, password=PASSWORD)
        await transactions.run(lambda uow: container.identity().create_admin(uow=uow)(admin))
        return
    user = RegisterUserCommand(email=email, password=PASSWORD, full_name=role.title())
    await transactions.run(lambda uow: container.identity().register_user(uow=uow)(user))
    if role is Role.STAFF:

        async def promote(uow: ServiceUnitOfWork) -> None:
            account = await uow.users.get_by_email(email)
            assert account is not None
            account.change(UserChanges(role=Role.STAFF), now=container.clock().now())

        await transactions.run(promote)


async def signed_in_client(
    app: FastAPI, container: Container, role: Role, email: str | None = None
) -> httpx.AsyncClient:
    email = email or f"{role.value}@example.com"
    await create_account(container, email, role)
    async with _client(app) as anonymous:
        token = await sign_in(anonymous, email)
    return _client(app, token)


@pytest.fixture
async def staff(app: FastAPI, container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with await signed_in_client(app, container, Role.STAFF) as client:
        yield client


@pytest.fixture
async def customer(app: FastAPI, container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with await signed_in_client(app, container, Role.CUSTOMER) as client:
        yield client


@pytest.fixture
async def admin(app: FastAPI, container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with await signed_in_client(app, container, Role.ADMIN) as client:
        yield client


async def list_a_product(
    app: FastAPI, container: Container, sku: str, price: str = "4.50", stock: int = 5
) -> str:
    """A staff member lists a product through the API; its id."""
    async with await signed_in_client(app, container, Role.STAFF) as staff:
        created = await staff.post(
            "/api/v1/products",
            json={
                "sku": sku,
                "name": sku.title(),
                "unit_price": {"amount": price, "currency": "EUR"},
                "stock": stock,
            },
            headers={"Idempotency-Key": sku},
        )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def place_an_order(app: FastAPI, container: Container) -> httpx.Response:
    """A staff member lists a product, then a customer orders one: the answer to the order."""
    line = {"product_id": await list_a_product(app, container, "CUP-001"), "quantity": 1}
    async with await signed_in_client(app, container, Role.CUSTOMER) as customer:
        placed = await customer.post("/api/v1/orders", json={"lines": [line]})
    assert placed.status_code == 201, placed.text
    return placed
