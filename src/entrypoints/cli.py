"""The `orderly` command: serve, worker, migrate, seed, create-admin, purge. Failures exit
non-zero with one line.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from types import FrameType
from typing import NoReturn, TypeVar

import orjson
import structlog
import uvicorn
from pydantic import ValidationError

from application.identity.create_admin import CreateAdminCommand
from application.shared.retention import DEFAULT_RETENTION_DAYS, PurgeCommand, PurgeReport
from entrypoints import worker
from entrypoints.container import Container
from entrypoints.http.metrics import share_metrics_between_workers
from entrypoints.logging import configure_logging
from entrypoints.seed import DEMO_ADMIN, DEMO_CUSTOMER, DEMO_PASSWORD, seed_demo_accounts
from entrypoints.seed_shop import seed_demo_shop
from entrypoints.settings import Settings

_T = TypeVar("_T")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace, Settings], int] = args.command
    try:
        settings = Settings()
        configure_logging(settings)
        return command(args, settings)
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(map(str, item['loc'])) or 'settings'}: {item['msg']}"
            for item in error.errors()
        )
        return _fail(f"invalid configuration: {reasons}")
    except Exception as error:  # noqa: BLE001 - the CLI's contract is one line, not a traceback
        return _fail(f"{type(error).__name__}: {error}")


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    workers = args.workers or settings.web_concurrency
    for stop in (signal.SIGTERM, signal.SIGINT):
        signal.signal(stop, _stopped)
    shared_metrics = share_metrics_between_workers() if workers > 1 else None
    try:
        uvicorn.run(
            "entrypoints.http.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=workers,
            loop="uvloop",
            http="httptools",
            access_log=False,
            log_config=None,  # uvicorn's lines go through ours (entrypoints/logging.py)
            log_level=settings.log_level.lower(),
            proxy_headers=bool(settings.forwarded_allow_ips),
            forwarded_allow_ips=settings.forwarded_allow_ips or None,
            timeout_graceful_shutdown=settings.shutdown_timeout_seconds,
        )
    finally:
        if shared_metrics is not None:
            shared_metrics.cleanup()
    return 0


def _stopped(_signal: int, _frame: FrameType | None) -> None:
    """Ends the process with status 0 after a stop signal (SPEC: shutdown exits 0).

    While it serves, uvicorn handles SIGTERM and SIGINT itself: it stops accepting, answers
    what is in flight, runs the shutdown, then raises the signal again so that the previous
    handler decides how the process ends. Without this one, that is the default action, death
    by the signal (status 143 or 130), which supervisors read as a crash.
    """
    raise SystemExit(0)


def _worker(_: argparse.Namespace, settings: Settings) -> int:
    if not settings.broker_url:
        return _fail("orderly worker needs BROKER_URL (amqp://user:password@host:5672/vhost)")

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for stop_signal in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(stop_signal, stop.set)
        await worker.run(Container(settings=settings), stop)

    asyncio.run(run())
    return 0


def _migrate(_: argparse.Namespace, settings: Settings) -> int:
    # Imported here: Alembic (with Mako) adds about 12 MB to a process, and `orderly serve`,
    # whose workers import this module, never migrates.
    from adapters.postgres.migrator import ensure_database, upgrade_to_head  # noqa: PLC0415

    if asyncio.run(ensure_database(settings.database_url)):
        _say(settings, "created the database")
    upgrade_to_head(settings.database_url)
    _say(settings, "database schema is at the latest migration")
    return 0


def _seed(_: argparse.Namespace, settings: Settings) -> int:
    if settings.environment == "production":
        return _fail("refusing to seed demo accounts with a published password in production")

    async def run(container: Container) -> list[str]:
        said = ["seeded demo accounts"] if await seed_demo_accounts(container) else []
        return [*said, *await seed_demo_shop(container)]

    for line in _with_container(settings, run):
        _say(settings, line)
    _say(
        settings,
        f"demo sign-in (local only): {DEMO_ADMIN} or {DEMO_CUSTOMER}, password {DEMO_PASSWORD}",
    )
    return 0


def _create_admin(args: argparse.Namespace, settings: Settings) -> int:
    async def run(container: Container) -> None:
        command = CreateAdminCommand(email=args.email, password=args.password)
        await container.transactions().run(
            lambda uow: container.identity().create_admin(uow=uow)(command)
        )

    _with_container(settings, run)
    _say(settings, f"{args.email.strip().lower()} is an active admin")
    return 0


def _purge(args: argparse.Namespace, settings: Settings) -> int:
    if settings.persistence == "memory":
        return _fail(
            "purge needs PERSISTENCE=postgres: in-memory state lives only inside the process "
            "that serves it, and ends with it"
        )

    async def run(container: Container) -> PurgeReport:
        command = PurgeCommand(older_than_days=args.older_than_days)
        return await container.purge_expired()(command)

    report = _with_container(settings, run)
    removed = ", ".join(f"{name} {count}" for name, count in report.removed.items())
    days = report.older_than_days
    _say(
        settings,
        f"purged: {removed} (older than {days} day{'' if days == 1 else 's'})",
        removed=dict(report.removed),
        older_than_days=days,
    )
    return 0


def _days(value: str) -> int:
    """argparse's check of `--older-than-days`: a whole number of days, 0 or more."""
    refusal = argparse.ArgumentTypeError(f"expected a whole number of days, 0 or more: {value!r}")
    try:
        days = int(value)
    except ValueError:
        raise refusal from None
    if days < 0:
        raise refusal
    return days


def _with_container(settings: Settings, work: Callable[[Container], Awaitable[_T]]) -> _T:
    """Runs async work with a container, then returns its pooled connections."""

    async def run() -> _T:
        container = Container(settings=settings)
        try:
            return await work(container)
        finally:
            await container.read_pool().close()
            await container.engine().dispose()

    return asyncio.run(run())


class _Parser(argparse.ArgumentParser):
    """A usage mistake is a failure like any other: one line (JSON when asked for), exit 2."""

    def error(self, message: str) -> NoReturn:
        _fail(message)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="orderly", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the HTTP API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: WEB_CONCURRENCY, 1)"
    )
    serve.set_defaults(command=_serve)
    consume = commands.add_parser("worker", help="handle events from the broker (BROKER_URL)")
    consume.set_defaults(command=_worker)
    migrate = commands.add_parser("migrate", help="create the database if missing, migrate to head")
    migrate.set_defaults(command=_migrate)
    seed = commands.add_parser("seed", help="add the demo data (once; never in production)")
    seed.set_defaults(command=_seed)
    admin = commands.add_parser("create-admin", help="create an admin, or promote a user")
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.set_defaults(command=_create_admin)
    purge = commands.add_parser(
        "purge", help="delete what can no longer be needed: delivered events, old keys and tokens"
    )
    purge.add_argument(
        "--older-than-days",
        type=_days,
        default=DEFAULT_RETENTION_DAYS,
        metavar="N",
        help="keep what stopped being needed less than N days ago "
        f"(default {DEFAULT_RETENTION_DAYS})",
    )
    purge.set_defaults(command=_purge)
    return parser


def _say(settings: Settings, message: str, **fields: object) -> None:
    """A command's report: a plain line, or with `LOG_FORMAT=json` a JSON line like all others
    (with `fields` as keys of their own, for whoever reads the logs by machine).
    """
    if settings.log_format == "json":
        structlog.get_logger("orderly.cli").info(message, **fields)
    else:
        print(message)


def _fail(reason: str) -> int:
    """One line on stderr; JSON when asked for, even if the rest of the settings are invalid."""
    if os.environ.get("LOG_FORMAT", "").lower() == "json":
        line = orjson.dumps({"event": reason, "level": "error", "logger": "orderly.cli"})
        print(line.decode(), file=sys.stderr)
    else:
        print(f"orderly: error: {reason}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
