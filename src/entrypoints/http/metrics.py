"""Prometheus metrics: request counts and latencies by route template and status, requests
in flight, and the `/metrics` endpoint that exposes them with the runtime metrics."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response

from entrypoints.runtime_metrics import BacklogCollector

MULTIPROCESS_DIRECTORY = "PROMETHEUS_MULTIPROC_DIR"


class HttpMetrics:
    """Registered in the container's registry (one per container, so several apps in one
    process, as in tests, do not collide), next to the relay's counters.
    """

    def __init__(self, registry: CollectorRegistry, backlog: BacklogCollector) -> None:
        self.registry = registry
        self._latency = Histogram(
            "http_request_duration_seconds",
            "HTTP request latency by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        self._in_flight = Gauge(
            "http_requests_in_flight",
            "HTTP requests being answered now.",
            registry=self.registry,
            multiprocess_mode="livesum",
        )
        self._series: dict[tuple[str, str, int], Any] = {}
        self._exposed = self.registry
        if MULTIPROCESS_DIRECTORY in os.environ:
            self._exposed = CollectorRegistry()
            MultiProcessCollector(self._exposed)  # type: ignore[no-untyped-call]
        self._backlog = backlog
        self._exposed.register(backlog)

    def started(self) -> None:
        self._in_flight.inc()

    def finished(self, method: str, route: str, status: int, seconds: float) -> None:
        """Each label combination's series is looked up once, then kept: `labels()` takes a
        lock and builds a key on every call, which per request is measurable.
        """
        key = (method, route, status)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = self._latency.labels(method, route, str(status))
        series.observe(seconds)
        self._in_flight.dec()

    async def endpoint(self, _: Request) -> Response:
        await self._backlog.refresh()
        return Response(generate_latest(self._exposed), media_type=CONTENT_TYPE_LATEST)


class SharedMetrics:
    """The directory where several worker processes keep their counts, for `/metrics` to sum.

    Each `orderly serve --workers N` process has its own registry; without this, a scrape
    would see whichever worker answered it. prometheus_client's multiprocess mode makes each
    worker write its values to files in one directory (read from the environment when the
    worker imports it, so it is set before uvicorn starts them) and the endpoint reads them
    all. The directory must start empty, or counts of an earlier run would be added again.
    """

    def __init__(self, directory: Path, *, owned: bool) -> None:
        self.directory = directory
        self._owned = owned

    def cleanup(self) -> None:
        if self._owned:
            shutil.rmtree(self.directory, ignore_errors=True)
            os.environ.pop(MULTIPROCESS_DIRECTORY, None)


def share_metrics_between_workers() -> SharedMetrics:
    configured = os.environ.get(MULTIPROCESS_DIRECTORY)
    if configured:
        directory = Path(configured)
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.db"):
            stale.unlink()
    else:
        directory = Path(tempfile.mkdtemp(prefix="orderly-metrics-"))
    os.environ[MULTIPROCESS_DIRECTORY] = str(directory)
    return SharedMetrics(directory, owned=not configured)
