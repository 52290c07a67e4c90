"""Readiness of the database: reachable, and its schema at the revision this code expects."""

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.revisions import current_revision
from application.shared.health import ComponentHealth


class DatabaseProbe:
    name = "database"

    def __init__(self, engine: AsyncEngine, expected_revision: str) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._expected = expected_revision

    async def __call__(self) -> ComponentHealth:
        async with self._engine.connect() as connection:
            revision = await current_revision(connection)
        if revision != self._expected:
            return ComponentHealth(
                up=False,
                detail=f"schema at {revision or 'no revision'}, expected {self._expected}",
            )
        return ComponentHealth(up=True, detail=f"schema at {revision}")
