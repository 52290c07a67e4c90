"""Alembic driven from code: `orderly migrate`, the readiness check and the tests share it."""

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("adapters.postgres") / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def downgrade_to_base(database_url: str) -> None:
    command.downgrade(alembic_config(database_url), "base")


def head_revision() -> str:
    """Read once at start-up: the revision a ready database must be at."""
    head = ScriptDirectory.from_config(alembic_config("")).get_current_head()
    if head is None:
        raise RuntimeError("the migrations directory has no revisions")
    return head


async def current_revision(connection: AsyncConnection) -> str | None:
    result = await connection.execute(text("SELECT version_num FROM alembic_version"))
    return result.scalar_one_or_none()
