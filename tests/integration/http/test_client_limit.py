"""The per-client limit on every API request: counted at the edge, before any endpoint runs,
and shared by every instance when the limiter is Redis."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.helpers import assert_problem

BUDGET = 3
PRODUCTS = "/api/v1/products"


@asynccontextmanager
async def instance(settings: Settings) -> AsyncIterator[tuple[FastAPI, Container]]:
    container = Container(settings=settings)
    try:
        yield create_app(settings, container), container
    finally:
        if settings.redis_url:
            await container.redis().aclose()
        await container.read_pool().close()
        await container.engine().dispose()


def client(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://t")


def new_address() -> str:
    """A client address no other test (or earlier run sharing the Redis) has used."""
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(256)}"


@pytest.fixture
def limited(settings: Settings) -> Settings:
    return settings.model_copy(update={"api_limit_per_client": BUDGET})


async def test_every_api_response_reports_the_budget_counting_down(limited: Settings) -> None:
    async with instance(limited) as (app, _), client(app, new_address()) as http:
        responses = [
            await http.get(PRODUCTS),
            await http.get("/api/v1/no-such-thing"),
            await http.get("/api/v1/users/me"),
        ]
        health = await http.get("/health/live")
    assert [r.status_code for r in responses] == [200, 404, 401]
    assert [r.headers["ratelimit-remaining"] for r in responses] == ["2", "1", "0"]
    assert {r.headers["ratelimit-limit"] for r in responses} == {str(BUDGET)}
    assert [r.headers["ratelimit-reset"] for r in responses] == ["20", "40", "60"]
    assert "ratelimit-limit" not in health.headers  # probes are not the API


async def test_a_spent_budget_is_answered_429_before_the_endpoint_runs(limited: Settings) -> None:
    address = new_address()
    email = f"{secrets.token_hex(8)}@example.com"
    body = {"email": email, "password": "a long passphrase 42", "full_name": "Late Comer"}
    async with instance(limited) as (app, _), client(app, address) as http:
        for _ in range(BUDGET):
            await http.get(PRODUCTS)
        refused = await http.post("/api/v1/auth/register", json=body)
        retried = await client(app, new_address()).post("/api/v1/auth/register", json=body)
        metrics = (await http.get("/metrics")).text
    problem = assert_problem(refused, 429, "rate_limited")
    assert int(refused.headers["retry-after"]) == 20
    assert refused.headers["ratelimit-remaining"] == "0"
    assert problem["request_id"] == refused.headers["x-request-id"]
    # refused at the edge, nothing was done; another client has its own budget
    assert retried.status_code == 201, retried.text
    refusals = {
        sample.labels["limit"]: sample.value
        for family in text_string_to_metric_families(metrics)
        for sample in family.samples
        if sample.name == "orderly_rate_limit_refusals_total"
    }
    assert refusals["api_client"] == 1


async def test_instances_sharing_redis_share_each_clients_budget(
    limited: Settings, redis_url: str
) -> None:
    shared = limited.model_copy(update={"redis_url": redis_url})
    address = new_address()
    async with instance(shared) as (first, _), instance(shared) as (second, _):
        spent = [await client(app, address).get(PRODUCTS) for app in (first, second, first)]
        refused = await client(second, address).get(PRODUCTS)
    assert [r.headers["ratelimit-remaining"] for r in spent] == ["2", "1", "0"]
    assert_problem(refused, 429, "rate_limited")


async def test_with_redis_unreachable_the_api_answers_uncounted_and_sign_in_is_503(
    limited: Settings,
) -> None:
    """The client budget fails open (the whole API must not fall with Redis); the sign-in
    limit, a guard against attacks, does not."""
    down = limited.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    async with instance(down) as (app, _), client(app, new_address()) as http:
        reads = [await http.get(PRODUCTS) for _ in range(BUDGET + 1)]
        sign_in = await http.post(
            "/api/v1/auth/token", data={"username": "ann@example.com", "password": "x" * 12}
        )
    assert [r.status_code for r in reads] == [200] * (BUDGET + 1)
    assert all("ratelimit-limit" not in r.headers for r in reads)
    assert_problem(sign_in, 503, "service_unavailable")
    assert sign_in.headers["retry-after"] == "1"
