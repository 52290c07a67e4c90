"""`/metrics` carries what the dashboards and alerts under `deploy/observability/` read."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from domain.identity.user import Role
from entrypoints.container import Container
from tests.deploy.test_observability_as_code import KNOWN_METRICS
from tests.integration.conftest import create_account, place_an_order


@pytest.fixture
async def started(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan run: pools open, their gauges sampled."""
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
    ):
        yield client


async def scrape(client: httpx.AsyncClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


async def test_every_metric_the_dashboards_read_is_exported(started: httpx.AsyncClient) -> None:
    families = {
        family.name
        for family in text_string_to_metric_families((await started.get("/metrics")).text)
    }
    assert set(KNOWN_METRICS) <= families


async def test_the_outbox_backlog_and_lag_follow_the_events_waiting(
    started: httpx.AsyncClient, app: FastAPI, container: Container
) -> None:
    await place_an_order(app, container)

    waiting = await scrape(started)
    assert waiting[("orderly_outbox_backlog", (("state", "pending"),))] == 1
    assert waiting[("orderly_outbox_backlog", (("state", "parked"),))] == 0
    assert waiting[("orderly_outbox_delivery_lag_seconds", ())] >= 0

    await container.relay_events().drain()
    drained = await scrape(started)
    assert drained[("orderly_outbox_backlog", (("state", "pending"),))] == 0
    assert drained[("orderly_outbox_delivery_lag_seconds", ())] == 0
    delivered = (("event_type", "OrderPlaced"), ("outcome", "delivered"))
    assert drained[("orderly_outbox_events_total", delivered)] == 1


async def test_pools_report_connections_in_use_and_held(
    started: httpx.AsyncClient, container: Container
) -> None:
    container.pool_gauges().sample()
    samples = await scrape(started)
    read_size = samples[("orderly_db_pool_connections", (("pool", "read"), ("state", "size")))]
    assert read_size == container.settings().db_pool_size
    assert samples[("orderly_db_pool_connections", (("pool", "read"), ("state", "in_use")))] == 0
    assert ("orderly_db_pool_connections", (("pool", "write"), ("state", "in_use"))) in samples


async def test_requests_in_flight_count_the_scrape_itself(started: httpx.AsyncClient) -> None:
    samples = await scrape(started)
    assert samples[("http_requests_in_flight", ())] == 1


async def test_rate_limit_refusals_are_counted_by_limit(
    started: httpx.AsyncClient, container: Container
) -> None:
    await create_account(container, "ann@example.com", Role.CUSTOMER)
    limit = container.settings().login_limit_per_email
    for _ in range(limit + 1):
        await started.post(
            "/api/v1/auth/token", data={"username": "ann@example.com", "password": "wrong-guess"}
        )
    samples = await scrape(started)
    assert samples[("orderly_rate_limit_refusals_total", (("limit", "sign_in_account"),))] == 1
