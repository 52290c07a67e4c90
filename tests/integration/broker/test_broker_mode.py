"""Broker mode end to end, in one process: the service's relay publishes to RabbitMQ, and
workers (as many as a test starts, each with its own connection) run the handlers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from uuid import UUID, uuid4

import aio_pika
import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.unavailable import database_unavailable
from adapters.rabbitmq import topology
from adapters.rabbitmq.consumer import RabbitConsumer
from application.billing.issue_invoice import IssueInvoice
from application.billing.void_invoice import VoidInvoice
from application.shared.broker import BrokerUnavailableError
from application.shared.handle_event import HandleEvent
from application.shared.relay import RetryPolicy
from domain.ordering.events import OrderPlaced
from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.runtime_metrics import WorkerMetrics
from entrypoints.settings import Settings
from tests.integration.broker.conftest import (
    create_vhost,
    delete_vhost,
    drop_connections,
    eventually,
    queue_depth,
    workers,
)
from tests.integration.conftest import list_a_product, signed_in_client

ISSUE_INVOICE = topology.queue(IssueInvoice.name)


@pytest.fixture
def app(service: Container, broker_settings: Settings) -> FastAPI:
    return create_app(broker_settings, service)


@pytest.fixture
async def customer(app: FastAPI, service: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with await signed_in_client(app, service, Role.CUSTOMER) as client:
        yield client


@pytest.fixture
async def product(app: FastAPI, service: Container) -> str:
    return await list_a_product(app, service, "MUG-100", stock=10_000)


async def place(customer: httpx.AsyncClient, product: str) -> str:
    placed = await customer.post(
        "/api/v1/orders", json={"lines": [{"product_id": product, "quantity": 1}]}
    )
    assert placed.status_code == 201, placed.text
    return str(placed.json()["id"])


async def test_events_wait_in_their_queue_until_a_worker_runs(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    broker: aio_pika.abc.AbstractChannel,
    engine: AsyncEngine,
    broker_settings: Settings,
) -> None:
    order = await place(customer, product)
    assert await service.relay_events().drain() == 1  # published, confirmed, marked delivered
    assert await queue_depth(broker, ISSUE_INVOICE) == 1
    assert (await customer.get(f"/api/v1/orders/{order}")).json()["invoice_id"] is None

    service.relay_task().start()  # publishes what the handlers write (InvoiceIssued)
    async with workers(broker_settings):
        filled = await eventually(
            engine,
            "SELECT count(*) FROM orders WHERE invoice_id IS NOT NULL AND id = CAST(:id AS uuid)",
            1,
            id=order,
        )
    assert filled == 1
    assert await queue_depth(broker, ISSUE_INVOICE) == 0


async def test_a_message_carries_the_event_and_its_cloudevents_attributes(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    broker: aio_pika.abc.AbstractChannel,
) -> None:
    tap = await broker.declare_queue(exclusive=True)
    await tap.bind(topology.EXCHANGE, routing_key="#")
    order = await place(customer, product)
    await service.relay_events().drain()

    message = await tap.get(timeout=5)
    assert message.type == "OrderPlaced"
    assert message.content_type == "application/json"
    assert message.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    headers = message.headers
    assert headers["ce-id"] == message.message_id
    assert (headers["ce-type"], headers["ce-specversion"]) == ("OrderPlaced", "1.0")
    assert headers["ce-source"] == "urn:orderly"
    assert str(headers["ce-time"]).endswith("Z")
    body = httpx.Response(200, content=message.body).json()
    assert body["order_id"] == order == headers["orderly-aggregate-id"]
    assert body["event_id"] == message.message_id
    assert "orderly-predecessor-id" not in headers  # the order's first event


async def test_a_message_delivered_twice_has_one_effect(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    broker: aio_pika.abc.AbstractChannel,
    engine: AsyncEngine,
    broker_settings: Settings,
) -> None:
    tap = await broker.declare_queue(exclusive=True)
    await tap.bind(topology.EXCHANGE, routing_key="OrderPlaced")
    order = await place(customer, product)
    await service.relay_events().drain()
    original = await tap.get(timeout=5)
    copy = aio_pika.Message(
        original.body,
        headers=original.headers,
        message_id=original.message_id,
        type=original.type,
        content_type=original.content_type,
    )
    await broker.default_exchange.publish(copy, routing_key=ISSUE_INVOICE)  # as after a crash
    assert await queue_depth(broker, ISSUE_INVOICE) == 2

    async with workers(broker_settings):
        drained = await eventually(engine, "SELECT count(*) FROM inbox", 1)
        for _ in range(100):  # the copy taken too; leaving `workers` settles it
            if await queue_depth(broker, ISSUE_INVOICE) == 0:
                break
            await asyncio.sleep(0.1)
    assert drained == 1
    assert (
        await eventually(
            engine, "SELECT count(*) FROM invoices WHERE order_id = CAST(:id AS uuid)", 1, id=order
        )
        == 1
    )
    assert await queue_depth(broker, ISSUE_INVOICE) == 0


async def test_two_workers_issue_one_invoice_per_order_with_unique_numbers(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    engine: AsyncEngine,
    broker_settings: Settings,
) -> None:
    orders = [await place(customer, product) for _ in range(40)]
    service.relay_task().start()
    async with workers(broker_settings, count=2):
        filled = await eventually(
            engine, "SELECT count(*) FROM orders WHERE invoice_id IS NOT NULL", len(orders)
        )
    assert filled == len(orders)
    counts = "SELECT count(*), count(DISTINCT order_id), count(DISTINCT number) FROM invoices"
    async with engine.connect() as connection:
        row = (await connection.execute(text(counts))).one()
    assert tuple(row) == (40, 40, 40)


async def test_a_cancelled_orders_invoice_ends_void_with_two_workers(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    engine: AsyncEngine,
    broker_settings: Settings,
) -> None:
    """Placed and cancelled at once: `OrderCancelled` may reach a worker before the invoice
    exists; it is deferred until `OrderPlaced` has been handled."""
    service.relay_task().start()
    async with workers(broker_settings, count=2):

        async def place_and_cancel() -> int:
            order = await place(customer, product)
            return (await customer.post(f"/api/v1/orders/{order}/cancel")).status_code

        statuses = await asyncio.gather(*(place_and_cancel() for _ in range(20)))
        void = await eventually(engine, "SELECT count(*) FROM invoices WHERE status = 'void'", 20)
    assert statuses == [200] * 20
    assert void == 20


async def test_readiness_includes_the_broker(app: FastAPI) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        ready = await client.get("/health/ready")
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"]["broker"]["status"] == "up"


async def test_an_event_ahead_of_its_predecessor_waits_without_counting_as_a_failure(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    engine: AsyncEngine,
    broker_url: str,
    broker_settings: Settings,
) -> None:
    """Only `VoidInvoice` consumes at first: `OrderCancelled` arrives while `OrderPlaced`
    waits unhandled. It is deferred (not retried, never parked) until the invoice exists."""
    order = await place(customer, product)
    assert (await customer.post(f"/api/v1/orders/{order}/cancel")).status_code == 200
    assert await service.relay_events().drain() == 2
    registry = CollectorRegistry()
    only_void = RabbitConsumer(
        broker_url,
        service.event_codec(),
        [VoidInvoice],
        service.subscriptions(),
        HandleEvent(service.transactions(), service.routes(), service.clock(), service.ids()),
        WorkerMetrics(registry, [VoidInvoice.name]),
        transient=database_unavailable,
        prefetch=5,
        policy=RetryPolicy(max_attempts=2, base_delay=timedelta(milliseconds=50)),
    )
    await only_void.start()
    try:
        for _ in range(100):
            if _settled(registry, VoidInvoice.name, "deferred") >= 2:
                break
            await asyncio.sleep(0.1)
    finally:
        await only_void.stop(grace_seconds=5)
    outcomes = {
        o: _settled(registry, VoidInvoice.name, o) for o in ("deferred", "retried", "parked")
    }
    assert outcomes["deferred"] >= 2
    assert (outcomes["retried"], outcomes["parked"]) == (0, 0)

    service.relay_task().start()
    async with workers(broker_settings):
        void = await eventually(engine, "SELECT count(*) FROM invoices WHERE status = 'void'", 1)
    assert void == 1


def _settled(registry: CollectorRegistry, handler: str, outcome: str) -> float:
    value = registry.get_sample_value(
        "orderly_worker_events_total", {"handler": handler, "outcome": outcome}
    )
    return value or 0.0


class AlwaysFails:
    name = "test.always_fails"

    def __init__(self, *_: object) -> None:
        pass

    async def __call__(self, event: OrderPlaced) -> None:
        raise RuntimeError(f"cannot handle {event.event_id}")


async def test_a_failing_handler_is_retried_then_parked_while_others_keep_flowing(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    broker: aio_pika.abc.AbstractChannel,
    broker_url: str,
    engine: AsyncEngine,
) -> None:
    routes = {OrderPlaced: [IssueInvoice, AlwaysFails]}
    registry = CollectorRegistry()
    metrics = WorkerMetrics(registry, [IssueInvoice.name, AlwaysFails.name])
    consumer = RabbitConsumer(
        broker_url,
        service.event_codec(),
        [IssueInvoice, AlwaysFails],
        {IssueInvoice.name: ["OrderPlaced"], AlwaysFails.name: ["OrderPlaced"]},
        HandleEvent(service.transactions(), routes, service.clock(), service.ids()),
        metrics,
        transient=database_unavailable,
        prefetch=5,
        policy=RetryPolicy(max_attempts=3, base_delay=timedelta(milliseconds=50)),
    )
    await consumer.start()
    try:
        order = await place(customer, product)
        await service.relay_events().drain()
        issued = await eventually(
            engine, "SELECT count(*) FROM invoices WHERE order_id = CAST(:id AS uuid)", 1, id=order
        )
        for _ in range(100):
            if await queue_depth(broker, topology.parked_queue(AlwaysFails.name)) == 1:
                break
            await asyncio.sleep(0.1)
    finally:
        await consumer.stop(grace_seconds=5)

    assert issued == 1
    parked = await broker.get_queue(topology.parked_queue(AlwaysFails.name))
    message = await parked.get(timeout=5)
    assert message.headers["orderly-attempts"] == 3
    assert "RuntimeError: cannot handle" in str(message.headers["orderly-last-error"])
    assert UUID(str(message.message_id))
    outcomes = {
        o: _settled(registry, AlwaysFails.name, o) for o in ("retried", "parked", "handled")
    }
    assert outcomes == {"retried": 2, "parked": 1, "handled": 0}


async def test_the_relay_and_workers_reconnect_when_the_broker_drops_them(
    service: Container,
    customer: httpx.AsyncClient,
    product: str,
    engine: AsyncEngine,
    broker_url: str,
    broker_settings: Settings,
) -> None:
    service.relay_task().start()
    async with workers(broker_settings):
        await place(customer, product)
        assert await eventually(engine, FILLED, 1) == 1
        drop_connections(broker_url)
        await place(customer, product)
        recovered = await eventually(engine, FILLED, 2)
    assert recovered == 2


FILLED = "SELECT count(*) FROM orders WHERE invoice_id IS NOT NULL"


async def test_the_service_runs_without_the_broker_and_publishes_once_it_is_back(
    broker_settings: Settings, broker_url: str, engine: AsyncEngine
) -> None:
    """Writes go on while RabbitMQ is away (the outbox keeps their events); the service is
    not ready meanwhile, and its relay publishes as soon as the broker answers."""
    vhost = f"orderly_test_{uuid4().hex[:10]}"
    later = broker_settings.model_copy(
        update={"broker_url": broker_url.rsplit("/", 1)[0] + f"/{vhost}"}
    )
    container = Container(settings=later)
    app = create_app(later, container)
    try:
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://t"
            ) as http:
                ready = await http.get("/health/ready")
            lamp = await list_a_product(app, container, "LAMP-1", stock=1)
            async with await signed_in_client(app, container, Role.CUSTOMER) as customer:
                await place(customer, lamp)
            with pytest.raises(BrokerUnavailableError):
                await container.relay_events().drain()
            create_vhost(vhost)
            assert await container.relay_events().drain() == 1
            connection = await aio_pika.connect(later.broker_url or "")
            waiting = await queue_depth(await connection.channel(), ISSUE_INVOICE)
            await connection.close()
    finally:
        await container.read_pool().close()
        await container.engine().dispose()
        delete_vhost(vhost)
    assert ready.status_code == 503
    assert ready.json()["checks"]["broker"]["status"] == "down"
    assert waiting == 1
