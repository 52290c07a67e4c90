"""Alembic driven from code: `orderly migrate` and the tests share it (the readiness check
reads revisions without Alembic: `revisions.py`)."""

from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("adapters.postgres") / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


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
