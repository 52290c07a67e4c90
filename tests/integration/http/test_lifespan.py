"""The ASGI lifespan: the app starts and, on shutdown, returns its pooled connections."""

import gc
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from entrypoints.container import Container
from entrypoints.garbage_collection import YOUNG_GENERATION_THRESHOLD
from entrypoints.http.app import create_app
from entrypoints.settings import Settings


async def test_start_up_settles_the_collector_and_shutdown_closes_the_pools(
    container: Container, settings: Settings
) -> None:
    app = create_app(settings, container)
    engine: AsyncEngine = container.engine()
    async with engine.connect() as connection:
        await connection.exec_driver_sql("SELECT 1")
    assert engine.pool.checkedin() == 1
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
    assert gc.get_freeze_count() > 0, "start-up objects are moved out of the collector's sight"
    assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD
    assert [message["type"] for message in sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
    ]
    assert engine.pool.checkedin() == 0
    assert container.read_pool()._pool is None
