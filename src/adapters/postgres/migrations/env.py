"""Alembic environment: async engine, URL from the caller's config, metadata for autogenerate.

Every module that defines tables is imported here, so `metadata` holds the whole schema:
autogenerate and the migration test compare all of it, CHECK constraints included
(`check_constraints.py`).
"""

import asyncio

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.postgres import kernel_tables  # noqa: F401
from adapters.postgres.billing import tables as billing_tables  # noqa: F401
from adapters.postgres.catalog import tables as catalog_tables  # noqa: F401
from adapters.postgres.check_constraints import AUTOGENERATE_PLUGINS
from adapters.postgres.identity import tables as identity_tables  # noqa: F401
from adapters.postgres.metadata import metadata
from adapters.postgres.ordering import tables as ordering_tables  # noqa: F401

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        autogenerate_plugins=AUTOGENERATE_PLUGINS,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(config.get_main_option("sqlalchemy.url") or "")
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
