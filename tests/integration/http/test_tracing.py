"""Tracing on: one trace from the request to the effects of its events; off: nothing at all.

The spans are read from the SDK's in-memory exporter, put in the place of the OTLP one.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from dependency_injector import providers
from fastapi import FastAPI
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.kernel_tables import outbox
from application.shared.tracing import NO_TRACING
from domain.identity.user import Role
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from entrypoints.telemetry import tracer_provider
from tests.integration.conftest import PASSWORD, create_account, place_an_order
from tests.served_modules import modules_a_server_loads

COLLECTOR = "http://127.0.0.1:9"  # never contacted: the in-memory exporter replaces OTLP


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
async def traced_app(
    container: Container, settings: Settings, exporter: InMemorySpanExporter
) -> AsyncIterator[FastAPI]:
    traced = settings.model_copy(update={"otel_exporter_otlp_endpoint": COLLECTOR})
    provider = tracer_provider(traced, exporter)
    assert provider is not None
    container.tracer_provider.override(providers.Object(provider))
    app = create_app(traced, container)
    async with app.router.lifespan_context(app):
        yield app


def finished(provider: TracerProvider, exporter: InMemorySpanExporter) -> list[ReadableSpan]:
    provider.force_flush()
    return list(exporter.get_finished_spans())


async def test_an_order_and_the_invoice_it_causes_are_one_trace(
    traced_app: FastAPI, container: Container, exporter: InMemorySpanExporter, engine: AsyncEngine
) -> None:
    placed = await place_an_order(traced_app, container)
    before_the_relay = len(finished(container.tracer_provider(), exporter))
    await container.relay_events().drain()
    spans = finished(container.tracer_provider(), exporter)

    request = next(span for span in spans if span.name == "POST /api/v1/orders")
    assert request.kind is SpanKind.SERVER
    assert request.attributes is not None
    assert request.attributes["http.route"] == "/api/v1/orders"
    assert request.attributes["orderly.request_id"] == placed.headers["x-request-id"]
    assert request.attributes["code.function.name"] == "place_order"
    trace_id = request.context.trace_id
    in_trace = [span for span in spans if span.context.trace_id == trace_id]
    assert any(span.kind is SpanKind.CLIENT for span in in_trace), "database calls are spans"

    handled = {span.name: span for span in in_trace if span.kind is SpanKind.CONSUMER}
    assert set(handled) == {"process OrderPlaced", "process InvoiceIssued"}
    issued = handled["process InvoiceIssued"]
    assert issued.parent is not None
    assert issued.parent.span_id == handled["process OrderPlaced"].context.span_id
    async with engine.connect() as connection:
        rows = (await connection.execute(select(outbox.c.event_type, outbox.c.event_id))).all()
    event_ids = {event_type: str(event_id) for event_type, event_id in rows}
    for name, span in handled.items():
        assert span.attributes is not None
        assert span.attributes["messaging.message.id"] == event_ids[name.removeprefix("process ")]
    # The relay's polling (its last claim found nothing) is in no trace: all it added is the
    # handling of the order's events.
    assert {span.context.trace_id for span in spans[before_the_relay:]} == {trace_id}


async def test_log_lines_name_the_trace_they_were_written_in(
    traced_app: FastAPI,
    container: Container,
    exporter: InMemorySpanExporter,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=traced_app), base_url="http://testserver"
    ) as client:
        capsys.readouterr()
        response = await client.get("/api/v1/products")
    assert response.status_code == 200
    request = next(
        span
        for span in finished(container.tracer_provider(), exporter)
        if span.kind is SpanKind.SERVER
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    logged = next(line for line in lines if line.get("event") == "request")
    assert logged["trace_id"] == format(request.context.trace_id, "032x")
    assert logged["span_id"] == format(request.context.span_id, "016x")


def test_tracing_off_builds_nothing_and_loads_no_sdk(settings: Settings) -> None:
    """Off, no provider, processor, exporter or instrumentation exists in the process (only
    the API, which FastAPI itself imports, is loaded)."""
    container = Container(settings=settings)
    assert container.tracer_provider() is None
    assert container.tracing() is NO_TRACING
    loaded = modules_a_server_loads(
        "opentelemetry.sdk",
        "opentelemetry.exporter",
        "opentelemetry.instrumentation",
        "adapters.telemetry",
    )
    assert loaded == []


async def test_no_secret_reaches_the_spans(
    traced_app: FastAPI, container: Container, exporter: InMemorySpanExporter
) -> None:
    await create_account(container, "ann@example.com", Role.CUSTOMER)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=traced_app), base_url="http://testserver"
    ) as client:
        pair = (
            await client.post(
                "/api/v1/auth/token", data={"username": "ann@example.com", "password": PASSWORD}
            )
        ).json()
        headers = {"Authorization": f"Bearer {pair['access_token']}"}
        assert (await client.get("/api/v1/users/me", headers=headers)).status_code == 200
        refresh = {"refresh_token": pair["refresh_token"]}
        assert (await client.post("/api/v1/auth/refresh", json=refresh)).status_code == 200

    recorded = " ".join(
        f"{span.name} {dict(span.attributes or {})} {[event.attributes for event in span.events]}"
        for span in finished(container.tracer_provider(), exporter)
    )
    assert "POST /api/v1/auth/token" in recorded
    for secret in (PASSWORD, pair["access_token"], pair["refresh_token"], "$argon2", "Bearer"):
        assert secret not in recorded
