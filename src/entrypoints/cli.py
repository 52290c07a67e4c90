"""The `orderly` command: serve, migrate, seed. Every failure exits non-zero with one line."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Sequence

import uvicorn
from pydantic import ValidationError

from adapters.postgres.schema import ensure_database, upgrade_to_head
from entrypoints.container import Container
from entrypoints.seed import seed_demo_data
from entrypoints.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command: Callable[[argparse.Namespace, Settings], int] = args.command
    try:
        return command(args, Settings())
    except ValidationError as error:
        reasons = "; ".join(
            f"{'.'.join(map(str, item['loc'])) or 'settings'}: {item['msg']}"
            for item in error.errors()
        )
        return _fail(f"invalid configuration: {reasons}")
    except Exception as error:  # noqa: BLE001 - the CLI's contract is one line, not a traceback
        return _fail(f"{type(error).__name__}: {error}")


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    uvicorn.run(
        "entrypoints.http.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level=settings.log_level.lower(),
        proxy_headers=False,
    )
    return 0


def _migrate(_: argparse.Namespace, settings: Settings) -> int:
    if asyncio.run(ensure_database(settings.database_url)):
        print("created the database")
    upgrade_to_head(settings.database_url)
    print("database schema is at the latest migration")
    return 0


def _seed(_: argparse.Namespace, settings: Settings) -> int:
    async def run() -> int:
        container = Container(settings=settings)
        try:
            return await seed_demo_data(container)
        finally:
            await container.engine().dispose()

    created = asyncio.run(run())
    print(f"seeded {created} demo products" if created else "demo data already present")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orderly", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the HTTP API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(command=_serve)
    migrate = commands.add_parser("migrate", help="create the database if missing, migrate to head")
    migrate.set_defaults(command=_migrate)
    seed = commands.add_parser("seed", help="add the demo data (once)")
    seed.set_defaults(command=_seed)
    return parser


def _fail(reason: str) -> int:
    print(f"orderly: error: {reason}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
