"""The metrics an operator needs beyond request latency: pools, the outbox backlog, refusals.

Each is registered in the container's registry. With several worker processes (multiprocess
mode) gauges are summed over the live processes (`livesum`); the backlog is the database's,
measured once per scrape by whichever process answers it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator, Sequence

import structlog
from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from application.shared.outbox import Backlog, OutboxBacklog
from application.shared.rate_limit import RateLimitDecision

PoolUsage = Callable[[], tuple[int, int]]
"""A pool's (connections in use, connections it holds)."""


class PoolGauges:
    """Connections in use and held, per pool, sampled every few seconds by each process.

    Sampled rather than counted per checkout, so the request path pays nothing for it.
    """

    def __init__(self, registry: CollectorRegistry, pools: dict[str, PoolUsage]) -> None:
        gauge = Gauge(
            "orderly_db_pool_connections",
            "Database connections of this service's pools: in use, and held (size).",
            ["pool", "state"],
            registry=registry,
            multiprocess_mode="livesum",
        )
        self._pools = {
            name: (usage, gauge.labels(name, "in_use"), gauge.labels(name, "size"))
            for name, usage in pools.items()
        }
        self._task: asyncio.Task[None] | None = None

    def sample(self) -> None:
        for usage, in_use, size in self._pools.values():
            used, held = usage()
            in_use.set(used)
            size.set(held)

    def start(self, every_seconds: float = 5.0) -> None:
        async def run() -> None:
            while True:
                self.sample()
                await asyncio.sleep(every_seconds)

        self._task = asyncio.create_task(run(), name="pool-gauges")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


class BacklogCollector(Collector):
    """`orderly_outbox_backlog{state}` and `orderly_outbox_delivery_lag_seconds`, as of the
    last `refresh()`, which the metrics endpoint awaits before each scrape."""

    def __init__(self, backlog: OutboxBacklog) -> None:
        self._backlog = backlog
        self._last = Backlog(pending=0, parked=0, oldest_pending_seconds=0.0)

    async def refresh(self) -> None:
        self._last = await self._backlog.measure()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        backlog = GaugeMetricFamily(
            "orderly_outbox_backlog",
            "Outbox events not delivered: pending (will be) and parked (given up on).",
            labels=["state"],
        )
        backlog.add_metric(["pending"], self._last.pending)
        backlog.add_metric(["parked"], self._last.parked)
        yield backlog
        yield GaugeMetricFamily(
            "orderly_outbox_delivery_lag_seconds",
            "Age of the oldest outbox event not delivered yet (0 when none waits).",
            value=self._last.oldest_pending_seconds,
        )


class RateLimitRefusals:
    """`orderly_rate_limit_refusals_total{limit}`: requests refused with 429, by limit."""

    LIMITS = ("api_client", "sign_in_client", "sign_in_account", "register_client")

    def __init__(self, registry: CollectorRegistry) -> None:
        self._refusals = Counter(
            "orderly_rate_limit_refusals",
            "Requests refused by a rate limit (429), by limit.",
            ["limit"],
            registry=registry,
        )
        for limit in self.LIMITS:  # every series from the start, for rates and alerts
            self._refusals.labels(limit)

    def observe(self, limit: str, decision: RateLimitDecision) -> RateLimitDecision:
        if not decision.allowed:
            self._refusals.labels(limit).inc()
        return decision

    def enforce(self, limit: str, decision: RateLimitDecision) -> RateLimitDecision:
        return self.observe(limit, decision).enforce()


WORKER_OUTCOMES = ("handled", "deferred", "postponed", "retried", "parked")


class WorkerMetrics:
    """Logs and counts what became of each message
    (`orderly_worker_events_total{handler, outcome}`)."""

    def __init__(self, registry: CollectorRegistry, handlers: Sequence[str]) -> None:
        self._events = Counter(
            "orderly_worker_events",
            "Messages settled by the worker, by handler and outcome.",
            ["handler", "outcome"],
            registry=registry,
        )
        for handler in handlers:  # every series from the start, for rates and alerts
            for outcome in WORKER_OUTCOMES:
                self._events.labels(handler, outcome)
        self._log = structlog.get_logger("orderly.worker")

    def settled(
        self, handler: str, outcome: str, message_id: str | None, **details: object
    ) -> None:
        self._events.labels(handler, outcome).inc()
        log = {
            "handled": self._log.debug,
            "deferred": self._log.debug,
            "postponed": self._log.warning,
            "retried": self._log.warning,
            "parked": self._log.error,
        }[outcome]
        log(f"event_{outcome}", handler=handler, event_id=message_id, **details)
