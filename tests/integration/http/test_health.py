"""Health endpoints: liveness touches nothing, readiness touches the database for real."""

import httpx
from dependency_injector import providers
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.health import DatabaseProbe
from adapters.postgres.revisions import head_revision, known_revisions
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings


async def test_liveness_is_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}


async def test_readiness_reports_the_database_at_head(client: httpx.AsyncClient) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"status": "up", "detail": f"schema at {head_revision()}"}},
    }


async def ready_with(probe: object, container: Container, settings: Settings) -> httpx.Response:
    container.health_probes.override(providers.List(providers.Object(probe)))
    app = create_app(settings, container)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        return await client.get("/health/ready")


async def test_readiness_is_503_when_the_schema_is_behind(
    container: Container, settings: Settings, engine: AsyncEngine
) -> None:
    """The database is at this code's head; a release whose head is one further waits."""
    newer_release = DatabaseProbe(engine, "9999", known_revisions() | {"9999"})
    response = await ready_with(newer_release, container, settings)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "down"
    assert "expected 9999" in body["checks"]["database"]["detail"]


async def test_readiness_stays_up_when_a_newer_release_migrated_the_schema(
    container: Container, settings: Settings, engine: AsyncEngine
) -> None:
    """During a rolling update the migration Job runs first: the release before it, which
    does not know the new head, keeps serving instead of every pod leaving the Service."""
    head = head_revision()
    older = known_revisions() - {head}
    previous_release = DatabaseProbe(engine, max(older), older)
    response = await ready_with(previous_release, container, settings)
    assert response.status_code == 200
    detail = response.json()["checks"]["database"]["detail"]
    assert detail == f"schema at {head}, newer than this release's {max(older)}"


async def test_readiness_is_503_when_the_database_is_unreachable(
    container: Container, settings: Settings
) -> None:
    unreachable = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none"
    )
    other = Container(settings=unreachable)
    try:
        response = await ready_with(other.health_probes()[0], container, settings)
    finally:
        await other.engine().dispose()
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "down",
        "detail": "unreachable (ConnectionRefusedError)",
    }
