"""`orderly worker`: handles the events the broker hands it, until told to stop.

Beside the consumer it serves a tiny HTTP endpoint on `WORKER_PORT` for probes and scrapes:
`/health/live` (the process is up), `/health/ready` (consuming from the broker, and the
database answers; same JSON as the API's) and `/metrics`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import urlsplit

import orjson
import structlog
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from application.shared.health import HealthProbe
from entrypoints.container import Container
from entrypoints.http.problems import PROBLEM_JSON, TYPE_PREFIX
from entrypoints.readiness import health_body, readiness

REQUEST_TIMEOUT_SECONDS = 2.0


class BrokerUnreachableError(ConnectionError):
    """Names the broker without its credentials: this line ends up in logs."""

    def __init__(self, url: str, error: Exception) -> None:
        parts = urlsplit(url)
        where = f"{parts.hostname}:{parts.port or 5672}{parts.path or '/'}"
        super().__init__(f"cannot reach the broker at {where} ({type(error).__name__}: {error})")


async def run(container: Container, stop: asyncio.Event) -> bool:
    """Consumes until `stop` is set, then settles what it holds within the shutdown timeout.

    Raises if the broker cannot be reached at start. True when everything in hand settled.
    """
    settings = container.settings()
    consumer = container.event_consumer()
    log = structlog.get_logger("orderly.worker")
    await container.read_pool().open()
    try:
        try:
            await consumer.start()
        except Exception as error:
            raise BrokerUnreachableError(settings.broker_url or "", error) from error
        probes: list[HealthProbe] = [consumer, container.database_probe()]
        server = await asyncio.start_server(
            _endpoint(probes, container.metrics_registry()),
            "0.0.0.0",  # noqa: S104 - probes and scrapes come from outside the pod
            settings.worker_port,
        )
        log.info("worker_started", port=settings.worker_port)
        await stop.wait()
        log.info("worker_stopping", grace_seconds=settings.shutdown_timeout_seconds)
        settled = await consumer.stop(settings.shutdown_timeout_seconds)
        server.close()
        await server.wait_closed()
        log.info("worker_stopped", settled=settled)
        return settled
    finally:
        await container.read_pool().close()
        await container.engine().dispose()


def _endpoint(
    probes: Sequence[HealthProbe], registry: CollectorRegistry
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]:
    """Enough HTTP for a probe or a scrape: the request line decides; one answer, closed."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), REQUEST_TIMEOUT_SECONDS)
            parts = request_line.decode("latin-1").split()
            path = parts[1] if len(parts) > 1 else ""
            status, content_type, body = await _route(path, probes, registry)
            head = (
                f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\n"
                "Connection: close\r\n\r\n"
            )
            writer.write(head.encode() + body)
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()

    return answer


async def _route(
    path: str, probes: Sequence[HealthProbe], registry: CollectorRegistry
) -> tuple[str, str, bytes]:
    if path == "/metrics":
        return "200 OK", CONTENT_TYPE_LATEST, generate_latest(registry)
    if path == "/health/live":
        return "200 OK", "application/json", health_body(ok=True, checks={})
    if path == "/health/ready":
        ok, body = await readiness(probes)
        return ("200 OK" if ok else "503 Service Unavailable"), "application/json", body
    return "404 Not Found", PROBLEM_JSON, _not_found(path)


def _not_found(path: str) -> bytes:
    """The same problem+json as the API's 404, less the request id this endpoint has none of."""
    return orjson.dumps(
        {
            "type": TYPE_PREFIX + "not_found",
            "title": "Not Found",
            "status": 404,
            "detail": "the worker serves /health/live, /health/ready and /metrics",
            "instance": path,
            "code": "not_found",
        }
    )
