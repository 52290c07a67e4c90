"""Assertions shared by the tests."""

from typing import Any

import httpx
from prometheus_client import CollectorRegistry


def outbox_events_counted(registry: CollectorRegistry, outcome: str) -> float:
    """`orderly_outbox_events_total` for one outcome, over every event type."""
    return sum(
        sample.value
        for metric in registry.collect()
        for sample in metric.samples
        if sample.name == "orderly_outbox_events_total" and sample.labels["outcome"] == outcome
    )


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """Every error is RFC 9457 problem+json with a stable code and the request id."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:orderly:problem:{code}"
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == response.request.url.path
    assert body["request_id"] == response.headers["x-request-id"]
    return body
