"""The outbox relay inside the service process: a background task, its log and its metrics."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import datetime

import structlog
from prometheus_client import CollectorRegistry, Counter

from application.shared.relay import RelayEvents
from domain.shared.events import DomainEvent


class RelayMetrics:
    """Logs and counts what became of each delivery
    (`orderly_outbox_events_total{outcome, event_type}`).

    Created against the app's registry, so `/metrics` shows it next to the HTTP metrics.
    """

    def __init__(
        self, registry: CollectorRegistry, event_types: Sequence[type[DomainEvent]] = ()
    ) -> None:
        self._events = Counter(
            "orderly_outbox_events",
            "Outbox delivery attempts by outcome (delivered, retried or parked) and event type.",
            ["outcome", "event_type"],
            registry=registry,
        )
        self._log = structlog.get_logger("orderly.relay")
        # A rate of parked events needs its series from the start, not from the first park.
        for outcome in ("delivered", "retried", "parked"):
            for event_type in event_types:
                self._events.labels(outcome, event_type.__name__)

    def delivered(self, event: DomainEvent) -> None:
        self._events.labels("delivered", type(event).__name__).inc()
        self._log.debug("outbox_event_delivered", **_describe(event))

    def retried(
        self, event: DomainEvent, *, attempts: int, due: datetime, error: Exception
    ) -> None:
        self._events.labels("retried", type(event).__name__).inc()
        self._log.warning(
            "outbox_event_retried",
            **_describe(event),
            attempts=attempts,
            due=due.isoformat(),
            exc_info=error,
        )

    def parked(self, event: DomainEvent, *, attempts: int, error: Exception) -> None:
        self._events.labels("parked", type(event).__name__).inc()
        self._log.error(
            "outbox_event_parked", **_describe(event), attempts=attempts, exc_info=error
        )


def _describe(event: DomainEvent) -> dict[str, str]:
    return {
        "event_id": str(event.event_id),
        "event_type": type(event).__name__,
        "aggregate_id": str(event.aggregate_id),
    }


# The relay stops after the server has drained its requests (SHUTDOWN_TIMEOUT_SECONDS), so
# this adds to the time a stop may take: short, since one delivery is one short transaction,
# and one a stuck delivery (a lock wait) only loses by being rolled back. Deployments leave
# room for both (deploy/base/api-deployment.yaml).
RELAY_STOP_GRACE_SECONDS = 5.0


class OutboxRelayTask:
    """Runs the relay in the background of the service, from `start()` to `stop()`.

    - Delivers one event after another while there is work, then looks again every
      `poll_interval` seconds, so a new event is picked up well within a second.
    - A failure of the loop itself (the database unreachable, say) is logged and tried
      again after `error_pause` seconds; it never ends the task.
    - `stop()` lets the event in progress finish, then ends the task; only one still
      running after `grace` seconds is cancelled, which rolls its unit of work back.
    """

    def __init__(
        self,
        relay: RelayEvents,
        *,
        poll_interval: float = 0.2,
        error_pause: float = 5.0,
        grace: float = RELAY_STOP_GRACE_SECONDS,
    ) -> None:
        self._relay = relay
        self._poll_interval = poll_interval
        self._error_pause = error_pause
        self._grace = grace
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._log = structlog.get_logger("orderly.relay")

    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        _, running = await asyncio.wait({task}, timeout=self._grace)
        if running:
            self._log.warning("outbox_relay_cancelled", grace_seconds=self._grace)
            task.cancel()
            await asyncio.wait({task})

    async def _run(self) -> None:
        while not self._stopping.is_set():
            pause = await self._step()
            if pause:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), pause)
            else:
                await asyncio.sleep(0)  # in-memory delivery never yields: let requests run

    async def _step(self) -> float:
        """One delivery; how long to wait before the next (nothing when more may be due)."""
        try:
            busy = await self._relay.deliver_next()
        except Exception:  # noqa: BLE001 - logged with its traceback; the loop must outlive it
            self._log.exception("outbox_relay_failed", retry_in_seconds=self._error_pause)
            return self._error_pause
        return 0.0 if busy else self._poll_interval
