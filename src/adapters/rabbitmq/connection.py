"""One robust connection per process: it reconnects by itself, and says so in the log."""

from __future__ import annotations

from typing import Any, Final

import aio_pika
import structlog
from aio_pika.abc import AbstractRobustConnection
from aio_pika.connection import make_url

CONNECT_TIMEOUT_SECONDS: Final = 10.0
# aio-pika retries a lost connection at this interval (its own warnings log each attempt),
# restoring channels, queues and consumers once it is back.
RECONNECT_SECONDS: Final = 2.0

_log = structlog.get_logger("orderly.broker")


async def connect(url: str, *, name: str) -> AbstractRobustConnection:
    """Fails fast (raises) when the broker cannot be reached now; reconnects afterwards.

    Built by hand rather than with `aio_pika.connect_robust`, which leaves a failed
    connection to the garbage collector (whose clean-up is a coroutine nobody awaits).
    """
    connection = aio_pika.RobustConnection(
        make_url(url, reconnect_interval=RECONNECT_SECONDS),
        client_properties={"connection_name": name},
    )
    try:
        await connection.connect(timeout=CONNECT_TIMEOUT_SECONDS)
    except BaseException:
        await connection.close()
        raise
    connection.close_callbacks.add(_lost)
    connection.reconnect_callbacks.add(_back)
    return connection


def _lost(_connection: Any, error: BaseException | None = None) -> None:
    if error is not None:
        _log.warning("broker_connection_lost", error=f"{type(error).__name__}: {error}")


def _back(_connection: Any) -> None:
    _log.info("broker_reconnected")
