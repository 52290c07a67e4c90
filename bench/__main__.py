"""`make bench`: how much of a bare Starlette + asyncpg app's throughput the service keeps.

1. Needs `wrk` on PATH and DATABASE_URL (the developer's server; only its server is borrowed).
2. Recreates the `orderly_bench` database, migrates it with `orderly migrate` and seeds it.
3. Starts the service as in production and `bench.raw_app` with the same workers and pool.
4. Per scenario: warms both up, then measures each BENCH_ROUNDS times (default 2) for
   BENCH_DURATION s (default 10), alternating the order (service, raw, raw, service, …) so
   drift on a shared machine hits both alike; then loads the service with 256 connections to
   check that it neither errors nor stalls while requests queue for the pool. On a small
   machine run-to-run noise is large: more, shorter rounds cancel it better than long ones.
5. Prints the table and the service/raw throughput ratios against their targets.

Exit status: 0 when every run was clean, whatever the ratios (this is a measurement, not a
test); 1 when wrk is missing, setup or a server failed, or any run had errors or stalled.
The servers are stopped and the database dropped on every path, Ctrl-C and SIGTERM included.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import asyncpg

from bench import database, servers, wrk
from bench.report import Comparison, Row, all_rows, print_report
from bench.settings import BENCH_DATABASE, BenchSettings, SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RANDOM_PRODUCT_LUA = Path(__file__).with_name("random_product.lua")
SERVICE_PORT = 18000
RAW_PORT = 18001
CONNECTIONS = 64
WARMUP_S = 3
STRESS_CONNECTIONS = 256
STRESS_DURATION_S = 5
WRK_MISSING = (
    "wrk not found: install it with `apt-get install wrk` (Debian/Ubuntu) or `brew install wrk`"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    name: str
    path: str | None  # None: random_product.lua picks a seeded id per request
    target_ratio: float


SCENARIOS = (
    Scenario(name="single product", path=None, target_ratio=0.60),
    Scenario(name="list page (limit=20)", path="/api/v1/products?limit=20", target_ratio=0.50),
)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM (e.g. from a CI timeout) takes the same cleanup path as Ctrl-C."""
    raise KeyboardInterrupt


def _server_env(settings: BenchSettings) -> dict[str, str]:
    """Production settings for the service; the raw app reads the same DSN and pool size."""
    return {
        **os.environ,
        "ENVIRONMENT": "production",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "warning",
        "JWT_SECRET": secrets.token_hex(32),
        "DATABASE_URL": settings.bench_url,
        "DB_POOL_SIZE": str(settings.pool_size),
        "DB_MAX_OVERFLOW": "0",
        "BENCH_POOL_SIZE": str(settings.pool_size),
    }


def _prepare_database(settings: BenchSettings, env: dict[str, str], workdir: Path) -> Path:
    """Returns a file of active product ids, one per line, for random_product.lua."""
    print(f"preparing database {BENCH_DATABASE} …", flush=True)
    database.recreate(settings.maintenance_dsn)
    database.migrate(PROJECT_ROOT, env)
    ids = database.seed(settings.bench_url)
    ids_file = workdir / "product_ids.txt"
    ids_file.write_text("\n".join(ids) + "\n")
    return ids_file


def _start_servers(
    settings: BenchSettings, env: dict[str, str], workdir: Path, started: list[servers.Server]
) -> tuple[servers.Server, servers.Server]:
    """Starts both before waiting on either: their start-ups overlap instead of adding up."""
    workers = str(settings.workers)
    commands = {
        "service": ([sys.executable, "-m", "entrypoints.cli", "serve"], SERVICE_PORT),
        "raw": ([sys.executable, "-m", "bench.raw_app"], RAW_PORT),
    }
    for name, (command, port) in commands.items():
        argv = [*command, "--host", servers.HOST, "--port", str(port), "--workers", workers]
        print(f"starting {name}: {' '.join(argv)}", flush=True)
        started.append(
            servers.start(name, argv, port=port, cwd=PROJECT_ROOT, env=env, log_dir=workdir)
        )
    for server in started:
        servers.wait_ready(server)
    service, raw = started
    return service, raw


def _load(
    server: servers.Server,
    scenario: Scenario,
    ids_file: Path,
    *,
    connections: int,
    duration_s: int,
    label: str,
) -> wrk.WrkResult:
    print(
        f"  {scenario.name:<22} {server.name:<8} {label:<10} {connections} conns, {duration_s} s",
        flush=True,
    )
    if scenario.path is None:
        return wrk.run(
            server.base_url,
            connections=connections,
            duration_s=duration_s,
            script=RANDOM_PRODUCT_LUA,
            script_args=(str(ids_file),),
        )
    return wrk.run(server.base_url + scenario.path, connections=connections, duration_s=duration_s)


def _compare(
    scenario: Scenario,
    service: servers.Server,
    raw: servers.Server,
    ids_file: Path,
    settings: BenchSettings,
) -> Comparison:
    """Warm-ups are thrown away: they fill caches, prepared statements and the pools."""
    targets = (service, raw)
    for server in targets:
        _load(
            server,
            scenario,
            ids_file,
            connections=CONNECTIONS,
            duration_s=WARMUP_S,
            label="warm-up",
        )
    runs: dict[str, list[wrk.WrkResult]] = {server.name: [] for server in targets}
    for round_index in range(settings.rounds):
        order = targets if round_index % 2 == 0 else targets[::-1]
        for server in order:
            result = _load(
                server,
                scenario,
                ids_file,
                connections=CONNECTIONS,
                duration_s=settings.duration_s,
                label=f"run {round_index + 1}/{settings.rounds}",
            )
            runs[server.name].append(result)
    return Comparison(
        scenario=scenario.name,
        service=Row(scenario=scenario.name, target=service.name, runs=tuple(runs[service.name])),
        raw=Row(scenario=scenario.name, target=raw.name, runs=tuple(runs[raw.name])),
        target_ratio=scenario.target_ratio,
    )


def _stress(scenario: Scenario, service: servers.Server, ids_file: Path) -> Row:
    result = _load(
        service,
        scenario,
        ids_file,
        connections=STRESS_CONNECTIONS,
        duration_s=STRESS_DURATION_S,
        label="stress",
    )
    name = f"{scenario.name} @{STRESS_CONNECTIONS}"
    return Row(scenario=name, target=service.name, runs=(result,))


def _drop_database(settings: BenchSettings) -> None:
    """Cleanup must not mask the error that got us here, so failures are only reported."""
    try:
        database.drop(settings.maintenance_dsn)
    except (OSError, asyncpg.PostgresError) as exc:
        print(f"bench: could not drop database {BENCH_DATABASE}: {exc}", file=sys.stderr)


def _run(settings: BenchSettings, workdir: Path) -> int:
    env = _server_env(settings)
    started: list[servers.Server] = []
    try:
        ids_file = _prepare_database(settings, env, workdir)
        service, raw = _start_servers(settings, env, workdir, started)
        print(
            f"measuring: {settings.workers} worker(s), pool {settings.pool_size},"
            f" {settings.rounds} x {settings.duration_s} s per target and scenario",
            flush=True,
        )
        comparisons = [
            _compare(scenario, service, raw, ids_file, settings) for scenario in SCENARIOS
        ]
        stress = [_stress(scenario, service, ids_file) for scenario in SCENARIOS]
    finally:
        for server in started:
            servers.stop(server)
        _drop_database(settings)
    print_report(comparisons, stress)
    if all(row.clean for row in all_rows(comparisons, stress)):
        return 0
    print("\nbench: some runs had errors or completed no requests (see the table)")
    return 1


def main() -> int:
    if shutil.which("wrk") is None:
        print(WRK_MISSING, file=sys.stderr)
        return 1
    try:
        settings = BenchSettings.from_env()
    except SettingsError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with tempfile.TemporaryDirectory(prefix="orderly-bench-") as workdir:
            return _run(settings, Path(workdir))
    except KeyboardInterrupt:
        print("\nbench: interrupted", file=sys.stderr)
        return 130
    except (
        database.DatabaseSetupError,
        servers.ServerError,
        wrk.WrkError,
        asyncpg.PostgresError,
        OSError,
    ) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
