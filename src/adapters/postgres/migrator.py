"""Alembic driven from code: `orderly migrate`, `make migration` and the tests share it (the
readiness check reads revisions without Alembic: `revisions.py`)."""

import os
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.operations.ops import MigrationScript
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, make_url, text
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(database_url: str, beside: Path | None = None) -> Config:
    """`beside`: a directory of migrations that follow the package's (the tests' own)."""
    config = Config()
    migrations = files("adapters.postgres") / "migrations"
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    if beside is not None:
        config.set_main_option("path_separator", "os")
        locations = os.pathsep.join((str(migrations / "versions"), str(beside)))
        config.set_main_option("version_locations", locations)
    return config


def autogenerate_revision(
    database_url: str, message: str, tables: MetaData, beside: Path | None = None
) -> Path | None:
    """Writes the migration from the URL's database, at head, to `tables` (every table the
    service defines), and returns its path; writes nothing and returns None when they
    already match.

    It is numbered after the head like every migration here (0008 after 0007), not with
    Alembic's random ids, so the files sort in the order they run. `beside` writes it to
    that directory instead of among the package's migrations (as in `alembic_config`).
    """
    config = alembic_config(database_url, beside)
    config.attributes["target_metadata"] = tables
    head = ScriptDirectory.from_config(config).get_current_head()
    written = command.revision(
        config,
        message=message,
        autogenerate=True,
        rev_id=f"{int(head or 0) + 1:04d}",
        version_path=beside,
        process_revision_directives=_unless_empty,
    )
    return Path(written.path) if written and not isinstance(written, list) else None


def _unless_empty(
    _context: MigrationContext, _revision: object, directives: list[MigrationScript]
) -> None:
    """No difference, no file: an empty migration would only be a step to delete."""
    if all(script.upgrade_ops is None or script.upgrade_ops.is_empty() for script in directives):
        directives.clear()


def upgrade_to_head(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def downgrade_to_base(database_url: str) -> None:
    command.downgrade(alembic_config(database_url), "base")


async def ensure_database(database_url: str) -> bool:
    """Creates the URL's database if it is missing (True when it did), via the `postgres` db.

    The name is quoted as an identifier by the server-side `format('%I')`, never spliced.
    """
    url = make_url(database_url)
    name = url.database
    if not name:
        raise ValueError("DATABASE_URL names no database")
    engine = create_async_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            exists = await connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": name},
            )
            if exists:
                return False
            statement = await connection.scalar(
                text("SELECT format('CREATE DATABASE %I', CAST(:name AS text))"),
                {"name": name},
            )
            await connection.execute(text(str(statement)))
            return True
    finally:
        await engine.dispose()
