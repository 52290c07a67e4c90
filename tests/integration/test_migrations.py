"""Migrations: the full stairway down and up, no drift between them and the tables (CHECK
constraints included), and the rows a data migration converts surviving both ways.
"""

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, Connection, MetaData, text
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.postgres.check_constraints import AUTOGENERATE_PLUGINS
from adapters.postgres.migrator import alembic_config, downgrade_to_base, upgrade_to_head
from adapters.postgres.revisions import head_revision
from entrypoints.contexts import every_table
from entrypoints.contexts.all import CONTEXTS
from tests.integration.conftest import drop_database, fresh_database_url
from tests.integration.tables_ahead import tables_ahead


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


def schema_drift(url: str, tables: MetaData | None = None) -> list[str]:
    """What autogenerate would change, one line per difference, constraints by table and name."""

    def compare(connection: Connection) -> list[str]:
        options = {"autogenerate_plugins": AUTOGENERATE_PLUGINS}
        context = MigrationContext.configure(connection, opts=options)
        return [
            described(diff) for diff in compare_metadata(context, tables or every_table(CONTEXTS))
        ]

    async def run() -> list[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            drift = await connection.run_sync(compare)
        await engine.dispose()
        return drift

    return asyncio.run(run())


def described(diff: Any) -> str:
    kind, target, *_ = diff if isinstance(diff, tuple) else diff[0]
    if isinstance(target, CheckConstraint):
        return f"{kind} {target.table.name}.{target.name}: {target.sqltext}"
    return str(diff)


def test_migrations_walk_down_to_nothing_and_back_up(scratch_url: str) -> None:
    upgrade_to_head(scratch_url)
    assert tables_and_revision(scratch_url) == (
        {"alembic_version", *every_table(CONTEXTS).tables},
        head_revision(),
    )
    downgrade_to_base(scratch_url)
    assert tables_and_revision(scratch_url) == ({"alembic_version"}, None)
    upgrade_to_head(scratch_url)
    assert tables_and_revision(scratch_url)[1] == head_revision()


def test_the_migrated_schema_matches_the_table_definitions(scratch_url: str) -> None:
    upgrade_to_head(scratch_url)
    assert schema_drift(scratch_url) == []


def test_an_enum_value_added_without_a_migration_is_drift(scratch_url: str) -> None:
    upgrade_to_head(scratch_url)
    removed, added = schema_drift(scratch_url, tables_ahead(auditors=True))
    # The stored check as PostgreSQL prints it (its spelling varies between versions).
    assert removed.startswith("remove_constraint users.ck_users_role_known: ")
    assert "'customer'" in removed
    assert "'auditor'" not in removed
    assert added == (
        "add_constraint users.ck_users_role_known: "
        "role IN ('admin', 'staff', 'customer', 'auditor')"
    )


def run_sql(url: str, sql: str, **values: Any) -> list[dict[str, Any]]:
    async def run() -> list[dict[str, Any]]:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            result = await connection.execute(text(sql), values)
            rows = [dict(row) for row in result.mappings()] if result.returns_rows else []
        await engine.dispose()
        return rows

    return asyncio.run(run())


def test_a_stored_response_survives_0004_up_and_down(scratch_url: str) -> None:
    """A key used just before a deploy (or its rollback) still replays its response."""
    downgrade_to_base(scratch_url)
    command.upgrade(alembic_config(scratch_url), "0003")
    body = b'{"id": "42",\n "name": "Mug"}'
    run_sql(
        scratch_url,
        "INSERT INTO idempotency_records"
        " (scope, key, fingerprint, status, headers, body, created_at, expires_at)"
        " VALUES ('alice', 'key-1', 'f1', 201, CAST(:headers AS jsonb), :body, now(), now())",
        headers=json.dumps([["location", "/api/v1/products/42"], ["etag", '"1"']]),
        body=body,
    )

    upgrade_to_head(scratch_url)
    [upgraded] = run_sql(scratch_url, "SELECT response FROM idempotency_records")
    head, newline, replayed = upgraded["response"].partition(b"\n")
    assert newline
    assert json.loads(head) == {
        "status": 201,
        "headers": [["location", "/api/v1/products/42"], ["etag", '"1"']],
    }
    assert replayed == body

    command.downgrade(alembic_config(scratch_url), "0003")
    [downgraded] = run_sql(scratch_url, "SELECT status, headers, body FROM idempotency_records")
    assert downgraded == {
        "status": 201,
        "headers": [["location", "/api/v1/products/42"], ["etag", '"1"']],
        "body": body,
    }
    upgrade_to_head(scratch_url)


def test_the_head_the_readiness_probe_expects_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config("")).get_current_head()
