"""`orderly serve` as deployed: several worker processes, behind a proxy, stopped by SIGTERM.

Each test starts the real command in its own process on a free port, with the in-memory
adapters (what is tested here is the process, not the database).
"""

from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, Span

from tests.integration.served import serving

METRIC = re.compile(r'^http_request_duration_seconds_count\{[^}]*route="/health/live"[^}]*\} (\S+)')


def _live_requests_counted(base: str) -> float:
    """One scrape on a new connection, so any worker process may answer it."""
    text = httpx.get(f"{base}/metrics", headers={"Connection": "close"}).text
    return sum(float(m.group(1)) for line in text.splitlines() if (m := METRIC.match(line)))


def test_metrics_count_the_requests_of_every_worker_process() -> None:
    requests = 200
    with serving("--workers", "2") as base:
        before = _live_requests_counted(base)
        # Concurrent requests on new connections: both processes accept some of them.
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda _: _live(base), range(requests)))
        scrapes = [_live_requests_counted(base) for _ in range(10)]

    assert statuses == [200] * requests
    assert all(scrape - before >= requests for scrape in scrapes), scrapes
    assert scrapes == sorted(scrapes), "a later scrape never counts fewer requests"


def _live(base: str) -> int:
    return httpx.get(f"{base}/health/live", headers={"Connection": "close"}).status_code


def _failed_sign_in(client: httpx.Client, number: int, forwarded_for: str) -> int:
    form = {"username": f"nobody-{number}@example.com", "password": "not-the-password-at-all"}
    headers = {"X-Forwarded-For": forwarded_for}
    return client.post("/api/v1/auth/token", data=form, headers=headers).status_code


def test_behind_a_trusted_proxy_rate_limits_see_the_forwarded_client() -> None:
    limits = {"LOGIN_LIMIT_PER_IP": "2", "PASSWORD_HASH_MEMORY_KIB": "1024"}
    with (
        serving(FORWARDED_ALLOW_IPS="127.0.0.1", **limits) as base,
        httpx.Client(base_url=base) as client,
    ):
        statuses = [_failed_sign_in(client, n, "203.0.113.7") for n in range(3)]
        other_client = _failed_sign_in(client, 3, "203.0.113.8")

    assert statuses == [401, 401, 429]
    assert other_client == 401


def test_without_trusted_proxies_a_forwarded_address_is_ignored() -> None:
    limits = {"LOGIN_LIMIT_PER_IP": "2", "PASSWORD_HASH_MEMORY_KIB": "1024"}
    with serving(**limits) as base, httpx.Client(base_url=base) as client:
        statuses = [_failed_sign_in(client, n, f"203.0.113.{n}") for n in range(3)]

    assert statuses == [401, 401, 429]


class _Collector(BaseHTTPRequestHandler):
    """An OTLP/HTTP trace receiver: decodes each export and keeps its resource spans."""

    received: ClassVar[list[ResourceSpans]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = ExportTraceServiceRequest()
        request.ParseFromString(body)
        self.received.extend(request.resource_spans)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()
        self.wfile.write(ExportTraceServiceResponse().SerializeToString())

    def log_message(self, *_: object) -> None:
        return None


def test_traces_are_exported_over_otlp_http_to_the_configured_collector() -> None:
    collector = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    threading.Thread(target=collector.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{collector.server_address[1]}"
    try:
        with serving(
            OTEL_EXPORTER_OTLP_ENDPOINT=endpoint,
            OTEL_SERVICE_NAME="orderly-under-test",
            OTEL_BSP_SCHEDULE_DELAY="100",
        ) as base:
            assert httpx.get(f"{base}/api/v1/users/me").status_code == 401
    finally:
        collector.shutdown()

    services = {
        attribute.value.string_value
        for resource_spans in _Collector.received
        for attribute in resource_spans.resource.attributes
        if attribute.key == "service.name"
    }
    names = {
        (span.name, span.kind)
        for resource_spans in _Collector.received
        for scope_spans in resource_spans.scope_spans
        for span in scope_spans.spans
    }
    assert services == {"orderly-under-test"}
    assert ("GET /api/v1/users/me", Span.SpanKind.SPAN_KIND_SERVER) in names


def test_with_json_logs_every_line_a_server_writes_is_json(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    with serving("--workers", "2", log=log, LOG_FORMAT="json", LOG_LEVEL="INFO") as base:
        assert httpx.get(f"{base}/api/v1/users/me").status_code == 401
        assert httpx.get(f"{base}/no/such/route").status_code == 404

    lines = log.read_text().splitlines()
    events = [json.loads(line)["event"] for line in lines]  # each line parses, or this fails
    assert "request" in events
    assert any(event.startswith("Started server process") for event in events)
    assert any(event.startswith("Finished server process") for event in events)
