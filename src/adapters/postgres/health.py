"""Readiness of the database: reachable, and its schema one this code can serve."""

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.revisions import current_revision
from application.shared.health import ComponentHealth


class DatabaseProbe:
    """Ready at this code's head revision, and at a revision this code does not know.

    An unknown revision is a newer release's: during a rolling update the migration runs
    before the old processes are replaced, and migrations keep the schema usable by the
    release before them (docs/deploy.md), so the old processes stay in service instead of
    all leaving it at once. A known revision other than the head means the schema is behind:
    not ready until `orderly migrate` has run.
    """

    name = "database"

    def __init__(
        self, engine: AsyncEngine, expected_revision: str, known_revisions: frozenset[str]
    ) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._expected = expected_revision
        self._known = known_revisions

    async def __call__(self) -> ComponentHealth:
        async with self._engine.connect() as connection:
            revision = await current_revision(connection)
        if revision == self._expected:
            return ComponentHealth(up=True, detail=f"schema at {revision}")
        if revision is not None and revision not in self._known:
            return ComponentHealth(
                up=True, detail=f"schema at {revision}, newer than this release's {self._expected}"
            )
        return ComponentHealth(
            up=False, detail=f"schema at {revision or 'no revision'}, expected {self._expected}"
        )
