"""`orderly serve` as deployed: several worker processes, behind a proxy, stopped by SIGTERM.

Each test starts the real command in its own process on a free port, with the in-memory
adapters (what is tested here is the process, not the database).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx

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
