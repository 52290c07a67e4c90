"""Prometheus metrics: request counts and latencies by route template and status."""

from __future__ import annotations

from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response


class HttpMetrics:
    """Registered in the container's registry (one per container, so several apps in one
    process, as in tests, do not collide), next to the relay's counters.
    """

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry
        self._latency = Histogram(
            "http_request_duration_seconds",
            "HTTP request latency by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        self._series: dict[tuple[str, str, int], Any] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Each label combination's series is looked up once, then kept: `labels()` takes a
        lock and builds a key on every call, which per request is measurable.
        """
        key = (method, route, status)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = self._latency.labels(method, route, str(status))
        series.observe(seconds)

    async def endpoint(self, _: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)
