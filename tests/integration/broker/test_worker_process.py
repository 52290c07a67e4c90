"""`orderly worker` as deployed: its own process, its probes, and what signals do to it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.http.app import create_app
from entrypoints.settings import Settings
from tests.integration.broker.conftest import eventually, workers
from tests.integration.conftest import list_a_product, signed_in_client
from tests.integration.served import _free_port

ONE_INVOICE_EACH = (
    "SELECT count(*) FROM orders o"
    " WHERE (SELECT count(*) FROM invoices i WHERE i.order_id = o.id) = 1"
)


def _run_worker(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "worker"],
        check=False,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_broker_url_the_worker_exits_with_one_line() -> None:
    env = {key: value for key, value in os.environ.items() if key != "BROKER_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "worker"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "BROKER_URL" in done.stderr


def test_an_unreachable_broker_ends_the_worker_with_one_line_naming_it(settings: Settings) -> None:
    done = _run_worker(
        BROKER_URL="amqp://guest:s3cret-pw@127.0.0.1:5673/nowhere",
        DATABASE_URL=settings.database_url,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "cannot reach the broker at 127.0.0.1:5673/nowhere" in done.stderr
    assert "s3cret-pw" not in done.stderr


@contextmanager
def worker_process(settings: Settings) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A started `orderly worker` and its probe URL; killed if the test left it running."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "BROKER_URL": settings.broker_url or "",
        "WORKER_PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "entrypoints.cli", "worker"], env=env, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/health/ready", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the worker was not ready within 30 s"
            time.sleep(0.2)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def app(service: Container, broker_settings: Settings) -> FastAPI:
    return create_app(broker_settings, service)


async def _place_orders(app: FastAPI, service: Container, count: int) -> None:
    line = {"product_id": await list_a_product(app, service, "PEN-200", stock=1000), "quantity": 1}
    async with await signed_in_client(app, service, Role.CUSTOMER) as customer:
        for _ in range(count):
            placed = await customer.post("/api/v1/orders", json={"lines": [line]})
            assert placed.status_code == 201, placed.text


async def test_the_worker_reports_ready_and_counts_what_it_handles(
    app: FastAPI, service: Container, broker_settings: Settings, engine: AsyncEngine
) -> None:
    await _place_orders(app, service, 1)
    service.relay_task().start()
    with worker_process(broker_settings) as (process, base):
        async with httpx.AsyncClient(base_url=base) as probe:
            live = await probe.get("/health/live")
            ready = await probe.get("/health/ready")
            missing = await probe.get("/nothing-here")
            await eventually(engine, "SELECT count(*) FROM orders WHERE invoice_id IS NOT NULL", 1)
            metrics = (await probe.get("/metrics")).text
        process.send_signal(signal.SIGTERM)
        status = await asyncio.to_thread(process.wait, 30)
    assert live.status_code == 200
    assert (missing.status_code, missing.headers["content-type"]) == (
        404,
        "application/problem+json",
    )
    assert missing.json()["code"] == "not_found"
    checks = ready.json()["checks"]
    assert (checks["broker"]["status"], checks["database"]["status"]) == ("up", "up")
    assert (
        'orderly_worker_events_total{handler="billing.issue_invoice",outcome="handled"} 1.0'
        in metrics
    )
    assert status == 0


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
async def test_a_worker_stopped_mid_stream_loses_nothing(
    stop: signal.Signals,
    app: FastAPI,
    service: Container,
    broker_settings: Settings,
    engine: AsyncEngine,
) -> None:
    """SIGTERM: it settles what it holds and exits 0. SIGKILL: what it held unacknowledged
    goes back to the queue. Either way, once another worker runs, every order has exactly
    one invoice."""
    orders = 40
    service.relay_task().start()
    with worker_process(broker_settings) as (process, _):
        await _place_orders(app, service, orders)
        started = await eventually(engine, "SELECT count(*) >= 5 FROM invoices", True)
        process.send_signal(stop)
        status = await asyncio.to_thread(process.wait, 30)
    assert started is True
    assert status == (0 if stop is signal.SIGTERM else -signal.SIGKILL)
    async with workers(broker_settings):
        settled = await eventually(engine, ONE_INVOICE_EACH, orders)
        filled = await eventually(
            engine, "SELECT count(*) FROM orders WHERE invoice_id IS NOT NULL", orders
        )
    assert (settled, filled) == (orders, orders)
    assert await eventually(engine, "SELECT count(*) FROM invoices", orders, within=1) == orders
