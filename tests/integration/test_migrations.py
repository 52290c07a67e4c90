"""Migrations: the full stairway down and up, and no drift between them and the tables."""

import asyncio
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.postgres.schema import downgrade_to_base, head_revision, upgrade_to_head
from adapters.postgres.tables import metadata
from tests.integration.conftest import drop_database, fresh_database_url


@pytest.fixture(scope="module")
def scratch_url() -> Iterator[str]:
    url = fresh_database_url("migrations_")
    try:
        yield url
    finally:
        drop_database(url)


def tables_and_revision(url: str) -> tuple[set[str], str | None]:
    async def read() -> tuple[set[str], str | None]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            names = await connection.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
            tables = set(names)
            revision = None
            if "alembic_version" in tables:
                revision = await connection.scalar(text("SELECT version_num FROM alembic_version"))
        await engine.dispose()
        return tables, revision

    return asyncio.run(read())


def schema_drift(url: str) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))

    async def run() -> list[object]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            drift = await connection.run_sync(compare)
        await engine.dispose()
        return drift

    return asyncio.run(run())


def test_migrations_walk_down_to_nothing_and_back_up(scratch_url: str) -> None:
    upgrade_to_head(scratch_url)
    assert tables_and_revision(scratch_url) == (
        {
            "alembic_version",
            "products",
            "idempotency_records",
            "users",
            "refresh_tokens",
            "orders",
            "invoices",
            "invoice_counters",
            "inbox",
            "outbox",
        },
        head_revision(),
    )
    downgrade_to_base(scratch_url)
    assert tables_and_revision(scratch_url) == ({"alembic_version"}, None)
    upgrade_to_head(scratch_url)
    assert tables_and_revision(scratch_url)[1] == head_revision()


def test_the_migrated_schema_matches_the_table_definitions(scratch_url: str) -> None:
    upgrade_to_head(scratch_url)
    assert schema_drift(scratch_url) == []
