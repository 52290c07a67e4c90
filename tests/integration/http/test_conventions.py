"""Cross-cutting HTTP behaviour shared by every endpoint."""

import asyncio
import json
import re

import httpx
import pytest
from dependency_injector import providers

from application.shared.errors import ApplicationError
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.helpers import assert_problem
from tests.integration.http.products import PRODUCTS, create_product, product_body


async def test_unknown_routes_are_problem_404(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/api/v1/nothing-here"), 404, "not_found")


async def test_wrong_methods_are_405_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.put(PRODUCTS, json={})
    assert_problem(response, 405, "method_not_allowed")
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}


async def test_bodies_over_one_mebibyte_are_413(staff: httpx.AsyncClient) -> None:
    client = staff
    oversized = product_body(description="x" * (1024 * 1024))
    assert_problem(await client.post(PRODUCTS, json=oversized), 413, "payload_too_large")

    async def chunks() -> object:
        for _ in range(3):
            yield b"x" * (512 * 1024)

    streamed = await client.post(
        PRODUCTS, content=chunks(), headers={"content-type": "application/json"}
    )
    assert_problem(streamed, 413, "payload_too_large")
    assert (await client.get(PRODUCTS)).json()["items"] == []


async def test_an_unexpected_error_is_a_500_that_leaks_nothing(
    container: Container, settings: Settings
) -> None:
    class Broken:
        async def __call__(self, *_: object) -> None:
            raise RuntimeError("secret connection string postgres://u:p@db")

    container.catalog().get_product.override(providers.Object(Broken()))
    app = create_app(settings, container)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.get(f"{PRODUCTS}/01a20d62-bb28-759d-a962-d3ba4112abd4")
    problem = assert_problem(response, 500, "internal_error")
    assert "secret" not in response.text
    assert "RuntimeError" not in response.text
    assert problem["detail"] == "An unexpected error occurred; it has been logged."
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_an_unmapped_core_error_is_422_with_its_code(
    container: Container, settings: Settings
) -> None:
    class Refusing:
        async def __call__(self, *_: object) -> None:
            raise ApplicationError("refused for a reason the table does not list")

    container.catalog().get_product.override(providers.Object(Refusing()))
    app = create_app(settings, container)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.get(f"{PRODUCTS}/01a20d62-bb28-759d-a962-d3ba4112abd4")
    assert_problem(response, 422, "application_error")


async def test_a_valid_incoming_request_id_is_kept_and_an_invalid_one_replaced(
    client: httpx.AsyncClient,
) -> None:
    kept = await client.get("/health/live", headers={"X-Request-ID": "trace-abc.123"})
    assert kept.headers["x-request-id"] == "trace-abc.123"
    replaced = await client.get("/health/live", headers={"X-Request-ID": "bad id\u00e9"[:6]})
    generated = replaced.headers["x-request-id"]
    assert generated != "bad id"
    assert re.fullmatch(r"[0-9a-f]{16}-[0-9a-f]{12}", generated)
    another = (await client.get("/health/live")).headers["x-request-id"]
    assert another != generated


async def test_security_headers_are_on_every_response(client: httpx.AsyncClient) -> None:
    for response in (
        await client.get(PRODUCTS),
        await client.get("/nope"),
        await client.get(PRODUCTS, headers={"Authorization": "Bearer x"}),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"


async def test_cors_answers_only_allowed_origins(container: Container, settings: Settings) -> None:
    allowed = settings.model_copy(update={"cors_origins": ["https://shop.example"]})
    app = create_app(allowed, container)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        preflight = {"Access-Control-Request-Method": "POST"}
        ok = await client.options(PRODUCTS, headers={"Origin": "https://shop.example", **preflight})
        evil = await client.options(
            PRODUCTS, headers={"Origin": "https://evil.example", **preflight}
        )
    assert ok.headers["access-control-allow-origin"] == "https://shop.example"
    assert "access-control-allow-origin" not in evil.headers


async def test_each_request_logs_one_json_line_with_its_route_template(
    staff: httpx.AsyncClient, capsys: pytest.CaptureFixture[str]
) -> None:
    product = await create_product(staff)
    me = (await staff.get("/api/v1/users/me")).json()
    capsys.readouterr()
    response = await staff.get(f"{PRODUCTS}/{product['id']}")
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    requests = [line for line in lines if line["event"] == "request"]
    assert len(requests) == 1
    assert requests[0] | {"duration_ms": 0, "timestamp": ""} == {
        "event": "request",
        "level": "info",
        "method": "GET",
        "route": "/api/v1/products/{product_id}",
        "status": 200,
        "user_id": me["id"],
        "request_id": response.headers["x-request-id"],
        "duration_ms": 0,
        "timestamp": "",
    }


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get(f"{PRODUCTS}/01a20d62-bb28-759d-a962-d3ba4112abd4")
    await client.get("/docs")
    await client.get("/no/such/page/42")
    metrics = (await client.get("/metrics")).text
    assert 'route="/docs",status="200"' in metrics
    assert 'route="unmatched",status="404"' in metrics
    assert "/no/such/page" not in metrics
    assert (
        'http_request_duration_seconds_count{method="GET",route="/api/v1/products/{product_id}",'
        'status="404"} 1.0' in metrics
    )


async def test_an_exhausted_pool_fails_fast_with_503(settings: Settings) -> None:
    tiny = settings.model_copy(update={"db_pool_size": 1, "db_pool_timeout": 0.2})
    container = Container(settings=tiny)
    app = create_app(tiny, container)
    pool = await container.read_pool().open()
    try:
        async with (
            pool.acquire(),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://testserver"
            ) as client,
        ):
            responses = await asyncio.wait_for(
                asyncio.gather(*(client.get(PRODUCTS) for _ in range(3))), timeout=10
            )
        for response in responses:
            assert_problem(response, 503, "service_unavailable")
            assert response.headers["retry-after"] == "1"
    finally:
        await container.read_pool().close()
        await container.engine().dispose()


async def test_the_openapi_document_describes_problems(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert "Problem" in document["components"]["schemas"]
    create = document["paths"]["/api/v1/products"]["post"]
    assert create["responses"]["409"]["content"]["application/problem+json"]
    assert "staff" in create["description"].lower()
    assert create["responses"]["422"]["content"]["application/problem+json"]
