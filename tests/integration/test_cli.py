"""The `orderly` command against a real database: migrate, seed, serve, purge, and its
failures.
"""

import asyncio
import json
import logging
import os
import sys
from asyncio.subprocess import PIPE
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import structlog
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine
from uuid6 import uuid7

from adapters.postgres.kernel_tables import outbox
from entrypoints import cli
from tests.integration.conftest import drop_database, fresh_database_url
from tests.integration.served import serving


@pytest.fixture(autouse=True)
def _logging_left_as_found() -> Iterator[None]:
    """`cli.main` configures logging onto the standard output of the moment, which pytest
    closes after the test: a later test's log line must not be written there."""
    handlers = logging.getLogger().handlers[:]
    yield
    structlog.reset_defaults()
    logging.getLogger().handlers[:] = handlers


@pytest.fixture
def new_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = fresh_database_url("cli_")
    drop_database(url)
    monkeypatch.setenv("DATABASE_URL", url)
    try:
        yield url
    finally:
        drop_database(url)


def test_migrate_creates_the_database_and_seed_runs_once(
    new_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["migrate"]) == 0
    assert "created the database" in capsys.readouterr().out
    assert cli.main(["migrate"]) == 0
    assert "created the database" not in capsys.readouterr().out
    assert cli.main(["seed"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0] == "seeded demo accounts"
    assert first[-1].startswith("demo sign-in (local only): admin@example.com")
    assert cli.main(["seed"]) == 0
    again = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("seeded") for line in again)
    assert again[-1] == first[-1]


def test_create_admin_creates_then_promotes_and_refuses_weak_passwords(
    new_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["migrate"]) == 0
    strong = ["--email", " Root@Example.com ", "--password", "a-long-and-unguessable-phrase-7"]
    assert cli.main(["create-admin", *strong]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "root@example.com is an active admin"
    assert cli.main(["create-admin", *strong]) == 0
    assert cli.main(["create-admin", "--email", "x@example.com", "--password", "password"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "WeakPasswordError" in error


def test_seeding_is_refused_in_production(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", "p" * 48)
    assert cli.main(["seed"]) == 1
    assert "production" in capsys.readouterr().err


def test_a_weak_production_secret_stops_every_command_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", "short")
    assert cli.main(["migrate"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("orderly: error: invalid configuration:")
    assert "JWT_SECRET" in error


def test_an_unreachable_database_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/nothing")
    assert cli.main(["migrate"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("orderly: error: ")


def test_serve_runs_uvicorn_as_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        cli.uvicorn, "run", lambda app, **options: calls.append({"app": app, **options})
    )
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "9000", "--workers", "3"]) == 0  # noqa: S104
    assert calls == [
        {
            "app": "entrypoints.http.app:create_app",
            "factory": True,
            "host": "0.0.0.0",  # noqa: S104
            "port": 9000,
            "workers": 3,
            "loop": "uvloop",
            "http": "httptools",
            "access_log": False,
            "log_config": None,
            "log_level": "info",
            "proxy_headers": False,
            "forwarded_allow_ips": None,
            "timeout_graceful_shutdown": 20,
        }
    ]


def test_serve_reads_workers_proxies_and_shutdown_timeout_from_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(cli.uvicorn, "run", lambda app, **options: calls.append(options))
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    (tmp_path / "counter_123.db").write_bytes(b"left by an earlier run")
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.0/8")
    monkeypatch.setenv("SHUTDOWN_TIMEOUT_SECONDS", "7")

    assert cli.main(["serve"]) == 0

    assert calls[0]["workers"] == 4
    assert calls[0]["proxy_headers"] is True
    assert calls[0]["forwarded_allow_ips"] == "10.0.0.0/8"
    assert calls[0]["timeout_graceful_shutdown"] == 7
    assert list(tmp_path.iterdir()) == [], "several workers start from empty metric files"


def test_the_served_process_answers_ready(database_url: str) -> None:
    """The real start-up path end to end: a separate process, real sockets, real database."""
    settings = {"DATABASE_URL": database_url, "PERSISTENCE": "postgres", "LOG_FORMAT": "json"}
    with serving(**settings) as base:
        response = httpx.get(f"{base}/health/ready", timeout=5)

    assert response.status_code == 200
    assert response.json()["checks"]["database"]["status"] == "up"


def test_with_json_logs_every_line_a_command_writes_is_json(
    new_database: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOG_FORMAT", "json")
    assert cli.main(["migrate"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    events = [line["event"] for line in lines]
    assert "created the database" in events
    assert any(event.startswith("Running upgrade") for event in events)
    assert events[-1] == "database schema is at the latest migration"

    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert cli.main(["migrate"]) == 1
    failure = capsys.readouterr().err.splitlines()
    assert len(failure) == 1
    assert json.loads(failure[0])["level"] == "error"


async def delivered(engine: AsyncEngine, days_ago: int) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            insert(outbox).values(
                event_id=uuid7(),
                aggregate_id=uuid7(),
                event_type="OrderPlaced",
                payload={},
                occurred_at=func.now() - timedelta(days=days_ago, hours=1),
                available_at=func.now() - timedelta(days=days_ago, hours=1),
                delivered_at=func.now() - timedelta(days=days_ago),
            )
        )


async def test_purge_reports_what_it_removed_from_each_store(
    database_url: str,
    engine: AsyncEngine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    await delivered(engine, days_ago=8)
    await delivered(engine, days_ago=1)

    assert await asyncio.to_thread(cli.main, ["purge"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "purged: outbox 1, inbox 0, idempotency 0, refresh_tokens 0 (older than 7 days)"
    ]
    assert await asyncio.to_thread(cli.main, ["purge", "--older-than-days", "0"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "purged: outbox 1, inbox 0, idempotency 0, refresh_tokens 0 (older than 0 days)"
    ]
    async with engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(outbox)) == 0


async def test_with_json_logs_purge_reports_its_counts_as_fields(
    database_url: str,
    engine: AsyncEngine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LOG_FORMAT", "json")
    await delivered(engine, days_ago=3)

    assert await asyncio.to_thread(cli.main, ["purge", "--older-than-days", "2"]) == 0

    [line] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert line["removed"] == {"outbox": 1, "inbox": 0, "idempotency": 0, "refresh_tokens": 0}
    assert line["older_than_days"] == 2
    assert line["event"].startswith("purged: outbox 1,")


@pytest.mark.parametrize("days", ["-1", "seven", "1.5"])
def test_purge_refuses_an_age_that_is_not_a_whole_number_of_days_with_one_line(
    days: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["purge", "--older-than-days", days])

    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("orderly: error: argument --older-than-days: expected a whole number")


def test_purge_refuses_in_memory_persistence_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PERSISTENCE", "memory")

    assert cli.main(["purge"]) == 1

    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "PERSISTENCE=postgres" in error


def test_purge_without_a_database_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/nothing")

    assert cli.main(["purge"]) == 1

    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("orderly: error: ")


async def test_two_purges_at_once_both_succeed_while_the_api_keeps_answering(
    database_url: str, engine: AsyncEngine
) -> None:
    rows = 3000
    async with engine.begin() as connection:
        old = datetime.now(UTC) - timedelta(days=8)
        await connection.execute(
            insert(outbox),
            [
                {
                    "event_id": uuid7(),
                    "aggregate_id": uuid7(),
                    "event_type": "OrderPlaced",
                    "payload": {},
                    "occurred_at": old,
                    "available_at": old,
                    "delivered_at": old,
                }
                for _ in range(rows)
            ],
        )
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_FORMAT": "json"}
    purge = [sys.executable, "-m", "entrypoints.cli", "purge"]
    with serving(PERSISTENCE="postgres", DATABASE_URL=database_url) as base:
        purges = [
            await asyncio.create_subprocess_exec(*purge, env=env, stdout=PIPE, stderr=PIPE)
            for _ in range(2)
        ]
        async with httpx.AsyncClient(base_url=base) as api:
            answers = []
            while any(process.returncode is None for process in purges):
                answers.append((await api.get("/health/ready")).status_code)
                await asyncio.sleep(0.05)
        outputs = [await process.communicate() for process in purges]

    assert [process.returncode for process in purges] == [0, 0], outputs
    removed = [json.loads(out.splitlines()[-1])["removed"]["outbox"] for out, _ in outputs]
    assert sum(removed) == rows
    assert answers
    assert set(answers) == {200}
