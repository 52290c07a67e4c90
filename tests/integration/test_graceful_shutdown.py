"""Graceful shutdown of `orderly serve`, end to end (SPEC §2 "Shutdown").

A real server process with the relay on, against the test database, takes a stream of writes
from several clients; a stop signal arrives in the middle of it. The process must exit with 0
by itself (within `SHUTDOWN_TIMEOUT_SECONDS` and a generous margin), answer everything it
received without a 5xx, keep every write it acknowledged, and leave no outbox event
half-delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.roles import Role
from entrypoints.container import Container
from entrypoints.contexts import event_routes
from entrypoints.contexts.all import CONTEXTS
from tests.integration.conftest import PASSWORD, create_account
from tests.integration.served import _free_port

SHUTDOWN_TIMEOUT_SECONDS = 5
# Generous, never timings: on a starved 2-core machine a server has taken over 30 s to
# start; one that hangs still fails, only later.
EXIT_MARGIN_SECONDS = 30
START_SECONDS = 90
WRITES_SECONDS = 90
CLIENTS = 8
ANSWERED_BEFORE_THE_SIGNAL = 80  # enough for every client to be busy and the relay behind
STAFF = "staff@example.com"
CUSTOMER = "customer@example.com"
# What a client may see of a server that stopped taking work: a refused connection, or one
# closed before its request was read. A timeout would mean a request left hanging.
CONNECTION_ENDED = {"ConnectError", "RemoteProtocolError", "ReadError", "WriteError"}


@dataclass(frozen=True, slots=True)
class Write:
    """One POST and what came of it: a status, or the transport error that ended it."""

    kind: str
    key: str
    started: float
    finished: float
    status: int | None = None
    created_id: str | None = None
    error: str | None = None

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(slots=True)
class Server:
    process: asyncio.subprocess.Process
    base: str
    log: Path

    def output(self) -> str:
        """The end of what the process wrote, for failure messages."""
        return self.log.read_text(errors="replace")[-4000:]


@asynccontextmanager
async def _serving(database_url: str, log: Path) -> AsyncIterator[Server]:
    """`orderly serve` on the test database, relay on; killed on leaving if still running
    (with its whole process group: nothing it started outlives a failed test)."""
    port = _free_port()
    env = {
        **os.environ,
        "PERSISTENCE": "postgres",
        "DATABASE_URL": database_url,
        "RELAY_ENABLED": "true",
        "RELAY_POLL_SECONDS": "0.05",
        "SHUTDOWN_TIMEOUT_SECONDS": str(SHUTDOWN_TIMEOUT_SECONDS),
        "API_LIMIT_PER_CLIENT": "1000000",
        "LOG_LEVEL": "WARNING",
        # In-process delivery and in-memory rate limits: nothing but PostgreSQL is needed.
        "BROKER_URL": "",
        "REDIS_URL": "",
        "OTEL_EXPORTER_OTLP_ENDPOINT": "",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = ["-m", "entrypoints.cli", "serve", "--port", str(port)]
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *command,
            env=env,
            stdout=output,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        await _until_ready(server)
        yield server
    finally:
        if process.returncode is None:  # a failed test: its group is still there to kill
            os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


async def _until_ready(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    async with httpx.AsyncClient(base_url=server.base, timeout=2) as client:
        while True:
            try:
                last = await client.get("/health/ready")
                if last.status_code == 200:
                    return
                seen = f"{last.status_code} {last.text}"
            except httpx.TransportError as error:
                seen = repr(error)
            assert server.process.returncode is None, f"the server ended:\n{server.output()}"
            assert time.monotonic() < deadline, (
                f"not ready in {START_SECONDS} s ({seen}):\n{server.output()}"
            )
            await asyncio.sleep(0.1)


async def _token(base: str, email: str) -> str:
    async with httpx.AsyncClient(base_url=base, timeout=30) as anonymous:
        response = await anonymous.post(
            "/api/v1/auth/token", data={"username": email, "password": PASSWORD}
        )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def _client(base: str, token: str) -> httpx.AsyncClient:
    """A client of its own: its own connections, as separate callers have."""
    return httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def _product(key: str) -> dict[str, Any]:
    return {
        "sku": key.upper(),
        "name": f"Product {key}",
        "unit_price": {"amount": "2.50", "currency": "EUR"},
        "stock": 1_000_000,
    }


async def _post(client: httpx.AsyncClient, kind: str, key: str, body: dict[str, Any]) -> Write:
    path = "/api/v1/products" if kind == "product" else "/api/v1/orders"
    started = time.monotonic()
    try:
        response = await client.post(path, json=body, headers={"Idempotency-Key": key})
    except httpx.TransportError as error:
        return Write(kind, key, started, time.monotonic(), error=type(error).__name__)
    created_id = response.json()["id"] if response.status_code == 201 else None
    return Write(kind, key, started, time.monotonic(), response.status_code, created_id)


async def _write_until_refused(
    client: httpx.AsyncClient, number: int, product_id: str | None, writes: list[Write]
) -> None:
    """One write after another until the connection fails: before the signal that fails the
    test, after it the server no longer takes work. Even-numbered clients list products,
    odd-numbered ones order `product_id`."""
    for n in itertools.count():
        key = f"gs-{number}-{n}"
        if number % 2:
            body = {"lines": [{"product_id": product_id, "quantity": 1}]}
            write = await _post(client, "order", key, body)
        else:
            write = await _post(client, "product", key, _product(key))
        writes.append(write)
        if write.error is not None:
            return


async def _until(condition: Callable[[], bool], server: Server, what: str) -> None:
    deadline = time.monotonic() + WRITES_SECONDS
    while not condition():
        assert server.process.returncode is None, f"the server ended:\n{server.output()}"
        assert time.monotonic() < deadline, f"no {what} within {WRITES_SECONDS} s"
        await asyncio.sleep(0.02)


async def _exit_status(process: asyncio.subprocess.Process, seconds: float) -> int | None:
    """The process's exit status, or None if it is still running after `seconds`."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            return await process.wait()
    return None


async def _rows(engine: AsyncEngine, query: str) -> list[Any]:
    async with engine.connect() as connection:
        return list((await connection.execute(text(query))).all())


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_stop_signal_under_a_stream_of_writes_loses_nothing_and_exits_0(
    stop: signal.Signals,
    database_url: str,
    engine: AsyncEngine,
    container: Container,
    tmp_path: Path,
) -> None:
    await create_account(container, STAFF, Role.STAFF)
    await create_account(container, CUSTOMER, Role.CUSTOMER)
    writes: list[Write] = []

    async with _serving(database_url, tmp_path / "server.log") as server:
        tokens = [await _token(server.base, email) for email in (STAFF, CUSTOMER)]
        clients = [_client(server.base, tokens[number % 2]) for number in range(CLIENTS)]
        stock = [  # one product for each client to order, so no two contend for a row
            await _post(clients[0], "product", f"stock-{number}", _product(f"stock-{number}"))
            for number in range(CLIENTS)
        ]
        writes.extend(stock)
        assert [write.status for write in stock] == [201] * CLIENTS, server.output()
        streams = [
            asyncio.create_task(_write_until_refused(client, number, product.created_id, writes))
            for number, (client, product) in enumerate(zip(clients, stock, strict=True))
        ]
        try:
            await _until(
                lambda: sum(write.acknowledged for write in writes) >= ANSWERED_BEFORE_THE_SIGNAL,
                server,
                f"{ANSWERED_BEFORE_THE_SIGNAL} answered writes",
            )
            signalled = time.monotonic()
            server.process.send_signal(stop)
            timeout = SHUTDOWN_TIMEOUT_SECONDS + EXIT_MARGIN_SECONDS
            status = await _exit_status(server.process, timeout)
            log = server.output()
            if status is not None:  # once the process is gone, every stream ends on a refusal
                await asyncio.wait_for(asyncio.gather(*streams), timeout=30)
        finally:
            for stream in streams:
                stream.cancel()
            await asyncio.gather(*streams, return_exceptions=True)
            for client in clients:
                await client.aclose()

    # The process: it ended by itself, in time, with 0.
    assert status is not None, f"still running {timeout} s after {stop.name}:\n{log}"
    assert status == 0, f"{stop.name} ended the server with status {status}:\n{log}"

    # The clients: what was answered, was answered normally; failures came after the signal,
    # and only as connections the server no longer took.
    answers = {write.key: write.status for write in writes if write.status is not None}
    errors = {key: code for key, code in answers.items() if code >= 500}
    assert errors == {}, f"answered with a 5xx: {errors}\n{log}"
    assert {key: code for key, code in answers.items() if code != 201} == {}, log
    failed = [write for write in writes if write.error is not None]
    early = [write for write in failed if write.finished < signalled]
    assert early == [], f"connections failed before the signal:\n{log}"
    assert {write.error for write in failed} <= CONNECTION_ENDED, failed
    drained = [write for write in writes if write.started < signalled < write.finished]
    assert any(write.status == 201 for write in drained), "no request in flight was answered"

    # The database: every acknowledged write is there; none of the unanswered ones is.
    products = dict(await _rows(engine, "SELECT id::text, sku FROM products"))
    orders = {row[0] for row in await _rows(engine, "SELECT id::text FROM orders")}
    keys = {row[0] for row in await _rows(engine, "SELECT key FROM idempotency_records")}
    acknowledged = [write for write in writes if write.acknowledged]
    lost = [
        write
        for write in acknowledged
        if write.key not in keys
        or (
            products.get(write.created_id or "") != write.key.upper()
            if write.kind == "product"
            else write.created_id not in orders
        )
    ]
    assert lost == [], f"{len(lost)} of {len(acknowledged)} acknowledged writes are missing"
    carried_out = [write for write in failed if write.key in keys]
    assert carried_out == [], "a request was carried out but left without an answer"

    # The relay: every event delivered with all its handlers' effects, or left untouched.
    handlers = {event.__name__: len(routed) for event, routed in event_routes(CONTEXTS).items()}
    events = await _rows(
        engine,
        "SELECT o.event_type, o.aggregate_id::text, o.delivered_at IS NOT NULL AS delivered,"
        " o.attempts, o.parked_at IS NOT NULL AS parked, o.last_error, count(i.event_id) AS claims"
        " FROM outbox o LEFT JOIN inbox i ON i.event_id = o.event_id GROUP BY o.event_id",
    )
    half_done = [
        event
        for event in events
        if event.parked
        or (event.delivered and event.claims != handlers.get(event.event_type, 0))
        or (
            not event.delivered and (event.attempts, event.last_error, event.claims) != (0, None, 0)
        )
    ]
    assert half_done == [], half_done
    assert any(event.delivered for event in events), "the relay delivered nothing"
    placed = {event.aggregate_id for event in events if event.event_type == "OrderPlaced"}
    ordered = {write.created_id for write in acknowledged if write.kind == "order"}
    assert ordered - placed == set(), "an acknowledged order lost its OrderPlaced event"
    invoiced = {row[0] for row in await _rows(engine, "SELECT order_id::text FROM invoices")}
    delivered = {
        event.aggregate_id
        for event in events
        if event.event_type == "OrderPlaced" and event.delivered
    }
    assert invoiced == delivered, "an invoice exists for exactly the delivered orders"
