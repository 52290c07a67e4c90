"""Broker mode against a real RabbitMQ, in a virtual host of this test session's own.

`TEST_BROKER_URL` names the server and a user allowed to create virtual hosts (default the
machine's own, as guest). The session creates the vhost (`rabbitmqctl` where it runs, else
the management API on port 15672) and deletes it at the end; every test deletes the queues
it used, so each starts from an empty broker. RabbitMQ missing is a failure, not a skip,
unless `BROKER_TESTS=skip` says so explicitly.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import aio_pika
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.rabbitmq import topology
from entrypoints import worker
from entrypoints.container import Container
from entrypoints.settings import Settings

SERVER = urlsplit(os.environ.get("TEST_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672")
USER = unquote(SERVER.username or "guest")
AUTH = (USER, unquote(SERVER.password or "guest"))
MANAGEMENT = f"http://{SERVER.hostname}:15672/api"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if os.environ.get("BROKER_TESTS") == "skip":
        marker = pytest.mark.skip(reason="BROKER_TESTS=skip: no RabbitMQ on this machine")
        for item in items:
            if "tests/integration/broker/" in str(item.fspath):
                item.add_marker(marker)


def _rabbitmqctl(*arguments: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *arguments], check=True, capture_output=True, timeout=60)  # noqa: S603, S607


def create_vhost(name: str) -> None:
    if shutil.which("rabbitmqctl"):
        _rabbitmqctl("add_vhost", name)
        _rabbitmqctl("set_permissions", "-p", name, USER, ".*", ".*", ".*")
        return
    httpx.put(f"{MANAGEMENT}/vhosts/{quote(name)}", auth=AUTH).raise_for_status()
    httpx.put(
        f"{MANAGEMENT}/permissions/{quote(name)}/{quote(USER)}",
        json={"configure": ".*", "write": ".*", "read": ".*"},
        auth=AUTH,
    ).raise_for_status()


def drop_connections(broker_url: str) -> None:
    """Closes every client connection to this session's vhost, as a broker restart would."""
    vhost = unquote(urlsplit(broker_url).path.lstrip("/"))
    if shutil.which("rabbitmqctl"):
        _rabbitmqctl("close_all_connections", "-p", vhost, "test: broker went away")
        return
    connections = httpx.get(f"{MANAGEMENT}/vhosts/{quote(vhost)}/connections", auth=AUTH)
    for connection in connections.raise_for_status().json():
        httpx.delete(f"{MANAGEMENT}/connections/{quote(connection['name'])}", auth=AUTH)


def delete_vhost(name: str) -> None:
    if shutil.which("rabbitmqctl"):
        _rabbitmqctl("delete_vhost", name)
    else:
        httpx.delete(f"{MANAGEMENT}/vhosts/{quote(name)}", auth=AUTH)


@pytest.fixture(scope="session")
def broker_url() -> Iterator[str]:
    name = f"orderly_test_{uuid.uuid4().hex[:10]}"
    try:
        create_vhost(name)
    except (OSError, subprocess.SubprocessError, httpx.HTTPError) as error:
        pytest.fail(
            f"no RabbitMQ to test broker mode against ({error}): start one on 127.0.0.1:5672, "
            "or set BROKER_TESTS=skip to leave these tests out knowingly"
        )
    yield urlunsplit(SERVER._replace(path=f"/{name}"))
    delete_vhost(name)


@pytest.fixture
def broker_settings(settings: Settings, broker_url: str) -> Settings:
    """Broker mode; the relay runs only where a test starts it."""
    return settings.model_copy(
        update={"broker_url": broker_url, "relay_enabled": False, "worker_port": 0}
    )


@pytest.fixture
async def broker(
    broker_url: str, broker_settings: Settings
) -> AsyncIterator[aio_pika.abc.AbstractChannel]:
    """A channel for the test to look into queues; every queue is deleted afterwards (on a
    connection of its own: the test may have dropped this one)."""
    connection = await aio_pika.connect(broker_url)
    yield await connection.channel()
    if not connection.is_closed:
        await connection.close()
    subscriptions = Container(settings=broker_settings).subscriptions()
    cleaner = await aio_pika.connect(broker_url)
    channel = await cleaner.channel()
    for handler in [*subscriptions, *EXTRA_HANDLERS]:
        for name in (
            topology.queue(handler),
            topology.retry_queue(handler),
            topology.deferred_queue(handler),
            topology.parked_queue(handler),
        ):
            await channel.queue_delete(name)
    await cleaner.close()


EXTRA_HANDLERS = ("test.always_fails",)


async def queue_depth(channel: aio_pika.abc.AbstractChannel, name: str) -> int:
    queue = await channel.declare_queue(name, passive=True)
    count = queue.declaration_result.message_count
    return int(count or 0)


@pytest.fixture
async def service(broker_settings: Settings, broker: object) -> AsyncIterator[Container]:
    """The service's side: its publisher started (exchange and queues declared)."""
    container = Container(settings=broker_settings)
    await container.event_publisher().start()
    yield container
    await container.relay_task().stop()
    await container.event_publisher().close()
    await container.read_pool().close()
    await container.engine().dispose()


@asynccontextmanager
async def workers(settings: Settings, count: int = 1) -> AsyncIterator[None]:
    """`count` workers in this process, each with its own container (its own connection)."""
    stop = asyncio.Event()
    running = [
        asyncio.create_task(worker.run(Container(settings=settings), stop)) for _ in range(count)
    ]
    try:
        yield
    finally:
        stop.set()
        settled = await asyncio.gather(*running)
    assert all(settled), "every worker settled what it held"


async def eventually(
    engine: AsyncEngine, query: str, expected: object, *, within: float = 30, **values: object
) -> object:
    """Polls `query` (one value; `values` bound to its parameters) until it equals
    `expected`, for up to `within` seconds; the last value otherwise."""
    statement = text(query).bindparams(**values)
    deadline = asyncio.get_running_loop().time() + within
    while True:
        async with engine.connect() as connection:
            value = (await connection.execute(statement)).scalar_one()
        if value == expected or asyncio.get_running_loop().time() > deadline:
            return value
        await asyncio.sleep(0.1)
