"""`make bench`: the service beside a bare FastAPI app and a raw Starlette + asyncpg app.

1. Needs `wrk` on PATH and DATABASE_URL (the developer's server; only its server is borrowed).
2. Recreates the `orderly_bench` database, migrates it with `orderly migrate` and seeds it.
3. Starts three targets with the same workers and pool: the service as in production,
   `bench.fastapi_app` (the framework's ceiling: the same SQL and JSON bytes behind bare
   FastAPI routes) and `bench.raw_app` (the floor: raw Starlette, asyncpg and orjson). The
   two baselines run as the service does: uvicorn's proxy headers and FastAPI's native
   telemetry off, the garbage collector settled after start-up by the service's own
   function (docs/adr/0003-reads-through-a-read-model.md says what each was worth).
4. Sets up a customer over the service's own API: registers, signs in, places
   ORDERS_TO_PLACE orders and keeps their ids for the signed-in read.
5. Public reads (single product, list page): warms the three targets up, then measures each
   BENCH_ROUNDS times (default 3) for BENCH_DURATION s (default 10), rotating the order every
   round (service, fastapi, raw; fastapi, raw, service; …) so drift on a shared machine hits
   all alike. On a small machine run-to-run noise is large: more, shorter rounds cancel it
   better than long ones.
6. Tracing: the single product read on the service with tracing off, and on (exporting
   to `bench.otlp_sink`, a stand-in collector) sampling every trace and one in ten, in the
   same interleaved rounds; reported against tracing off (goal: one in ten keeps >= 80 %).
7. Signed-in scenarios, service only, with a freshly issued access token: reading the
   customer's orders (`GET /api/v1/orders/{id}`) and placing one-line orders (`POST
   /api/v1/orders`, a unique `Idempotency-Key` each, at WRITE_CONNECTIONS), warmed up and
   measured the same way.
8. Loads every target with 256 connections (single product, list page; and the service's
   signed-in order read) to check that nothing errors or stalls while requests queue for the
   pool (wrk's timeout 10 s there, 2 s elsewhere: see STRESS_TIMEOUT_S); a baseline that
   times out too shows the machine's limit rather than a stall.
9. Prints the table (median req/s and p50 of the rounds, worst p99), the throughput ratios
   against their targets (service / raw >= 50 % for both reads; service / fastapi >= 85 % for
   the single product, the list page reported only; fastapi / raw reported only; the signed-in
   order read >= 60 % of the service's public product read, placing orders reported only) and
   the resident memory of every process of each target after the last load (the service's
   against a goal of <= 100 MB per process).

Exit status: 0 when every run was clean, whatever the ratios and the memory (this is a
measurement, not a test); 1 when wrk is missing, setup (the database, a server or the customer)
failed, or any run had errors or completed no requests. The servers are stopped and the
database dropped on every path, Ctrl-C and SIGTERM included.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import asyncpg

from bench import database, servers, wrk
from bench.customer import Customer, CustomerSetupError
from bench.report import Ratio, RatioGroup, Row, print_report
from bench.settings import BENCH_DATABASE, BenchSettings, SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RANDOM_PRODUCT_LUA = Path(__file__).with_name("random_product.lua")
SIGNED_IN_ORDER_LUA = Path(__file__).with_name("signed_in_order.lua")
PLACE_ORDER_LUA = Path(__file__).with_name("place_order.lua")
SERVICE, FASTAPI, RAW = "service", "fastapi", "raw"
TRACED_ALL, TRACED_TENTH, SINK = "traced 1.0", "traced 0.1", "otlp-sink"
PORTS = {SERVICE: 18000, RAW: 18001, FASTAPI: 18002, TRACED_ALL: 18003, TRACED_TENTH: 18004}
SINK_PORT = 18005
# The service with tracing on, exporting every trace or one in ten to the stand-in collector.
TRACED = {TRACED_ALL: "1.0", TRACED_TENTH: "0.1"}
TRACING_TARGETS = {TRACED_TENTH: 0.80}  # of the untraced service's single-product read
CONNECTIONS = 64
# Writes at 64 connections would measure the wait for one worker's 10-connection pool (each
# order also feeds the in-process relay) rather than the service; 16 keeps it saturated.
WRITE_CONNECTIONS = 16
WARMUP_S = 3
STRESS_CONNECTIONS = 256
STRESS_DURATION_S = 5
# 256 connections queue for one worker's 10 pooled connections on two shared cores: the mean
# wait is 130-250 ms and, asyncpg's pool queue not being first-come first-served, the
# slowest reach 2 s in the raw app too (wrk's usual timeout). A stall is a request that
# never finishes; 10 s tells the two apart, and the p99 shows the tail.
STRESS_TIMEOUT_S = 10
ORDERS_TO_PLACE = 200
RSS_GOAL_MB = 100.0
WRK_MISSING = (
    "wrk not found: install it with `apt-get install wrk` (Debian/Ubuntu) or `brew install wrk`"
)
PRODUCT, LISTING = "single product", "list page (limit=20)"
ORDER, PLACE = "order, signed in", "place order, signed in"
# Throughput targets of the public reads, per (numerator, denominator); a scenario missing
# from a mapping is reported only.
READ_TARGETS: dict[tuple[str, str], dict[str, float]] = {
    (SERVICE, RAW): {PRODUCT: 0.50, LISTING: 0.50},
    (SERVICE, FASTAPI): {PRODUCT: 0.85},
    (FASTAPI, RAW): {},
}
SIGNED_IN_TARGETS = {ORDER: 0.60}  # of the service's public single-product read


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """A plain GET of `path`, or a wrk `script` given [token,] `ids_file` and a run label."""

    name: str
    path: str = "/"
    script: Path | None = None
    ids_file: Path | None = None
    customer: Customer | None = None  # signed in: its access token is the script's first arg
    connections: int = CONNECTIONS


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM (e.g. from a CI timeout) takes the same cleanup path as Ctrl-C."""
    raise KeyboardInterrupt


def _server_env(settings: BenchSettings) -> dict[str, str]:
    """Production settings for the service; the other two read the same DSN and pool size.
    Every load comes from one address: the per-client limit still counts each request (its
    cost is part of the figures) but with a budget no run can spend."""
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
        "API_LIMIT_PER_CLIENT": str(10**9),
    }


def _prepare_database(settings: BenchSettings, env: dict[str, str], workdir: Path) -> Path:
    """Returns a file of active product ids, one per line, for the Lua scripts."""
    print(f"preparing database {BENCH_DATABASE} …", flush=True)
    database.recreate(settings.maintenance_dsn)
    database.migrate(PROJECT_ROOT, env)
    ids = database.seed(settings.bench_url)
    ids_file = workdir / "product_ids.txt"
    ids_file.write_text("\n".join(ids) + "\n")
    return ids_file


def _start_servers(
    settings: BenchSettings, env: dict[str, str], workdir: Path, started: list[servers.Server]
) -> dict[str, servers.Server]:
    """Starts all before waiting on any: their start-ups overlap instead of adding up."""
    service = [sys.executable, "-m", "entrypoints.cli", "serve"]
    commands = {
        SERVICE: service,
        FASTAPI: [sys.executable, "-m", "bench.fastapi_app"],
        RAW: [sys.executable, "-m", "bench.raw_app"],
        **dict.fromkeys(TRACED, service),
    }
    sink = [sys.executable, "-m", "bench.otlp_sink", "--port", str(SINK_PORT)]
    started.append(
        servers.start(SINK, sink, port=SINK_PORT, cwd=PROJECT_ROOT, env=env, log_dir=workdir)
    )
    for name, command in commands.items():
        port = PORTS[name]
        argv = [*command, "--host", servers.HOST, "--port", str(port)]
        argv += ["--workers", str(settings.workers)]
        print(f"starting {name}: {' '.join(argv)}", flush=True)
        started.append(
            servers.start(
                name,
                argv,
                port=port,
                cwd=PROJECT_ROOT,
                env=_tracing_env(env, name),
                log_dir=workdir,
            )
        )
    ready = [server for server in started if server.name != SINK]  # the sink has no probe
    for server in ready:
        servers.wait_ready(server)
    return {server.name: server for server in ready}


def _tracing_env(env: dict[str, str], name: str) -> dict[str, str]:
    """Tracing on for the traced targets (sampling by trace id at their ratio), off for all
    the others, whatever the developer's shell exports."""
    untraced = {key: value for key, value in env.items() if not key.startswith("OTEL_")}
    if name not in TRACED:
        return untraced
    return {
        **untraced,
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://{servers.HOST}:{SINK_PORT}",
        "OTEL_TRACES_SAMPLER": "parentbased_traceidratio",
        "OTEL_TRACES_SAMPLER_ARG": TRACED[name],
    }


def _set_up_customer(
    service: servers.Server, ids_file: Path, workdir: Path
) -> tuple[Customer, Path]:
    """As a client would: register, sign in, place orders; returns a file of their ids."""
    print(f"setting up a customer with {ORDERS_TO_PLACE} orders …", flush=True)
    customer = Customer.register(service.base_url)
    order_ids = customer.place_orders(ids_file.read_text().split(), ORDERS_TO_PLACE)
    orders_file = workdir / "order_ids.txt"
    orders_file.write_text("\n".join(order_ids) + "\n")
    return customer, orders_file


def _load(
    server: servers.Server,
    scenario: Scenario,
    *,
    connections: int,
    duration_s: int,
    label: str,
    timeout_s: int = wrk.TIMEOUT_S,
) -> wrk.WrkResult:
    print(
        f"  {scenario.name:<22} {server.name:<8} {label:<10} {connections} conns, {duration_s} s",
        flush=True,
    )
    url = server.base_url + scenario.path
    if scenario.script is None:
        return wrk.run(url, connections=connections, duration_s=duration_s, timeout_s=timeout_s)
    token = () if scenario.customer is None else (scenario.customer.token(valid_for_s=duration_s),)
    return wrk.run(
        url,
        connections=connections,
        duration_s=duration_s,
        script=scenario.script,
        script_args=(*token, str(scenario.ids_file), secrets.token_hex(4)),
        timeout_s=timeout_s,
    )


def _measure(
    scenario: Scenario, targets: Sequence[servers.Server], settings: BenchSettings
) -> dict[str, Row]:
    """Warm-ups are thrown away: they fill caches, prepared statements and the pools."""
    for server in targets:
        _load(
            server, scenario, connections=scenario.connections, duration_s=WARMUP_S, label="warm-up"
        )
    runs: dict[str, list[wrk.WrkResult]] = {server.name: [] for server in targets}
    for round_index in range(settings.rounds):
        shift = round_index % len(targets)
        for server in (*targets[shift:], *targets[:shift]):
            result = _load(
                server,
                scenario,
                connections=scenario.connections,
                duration_s=settings.duration_s,
                label=f"run {round_index + 1}/{settings.rounds}",
            )
            runs[server.name].append(result)
    return {
        name: Row(scenario=scenario.name, target=name, runs=tuple(results))
        for name, results in runs.items()
    }


def _stress(scenario: Scenario, server: servers.Server) -> Row:
    result = _load(
        server,
        scenario,
        connections=STRESS_CONNECTIONS,
        duration_s=STRESS_DURATION_S,
        label="stress",
        timeout_s=STRESS_TIMEOUT_S,
    )
    name = f"{scenario.name} @{STRESS_CONNECTIONS}"
    return Row(scenario=name, target=server.name, runs=(result,))


def _ratio_groups(reads: Sequence[dict[str, Row]], signed_in: Sequence[Row]) -> list[RatioGroup]:
    groups = [
        RatioGroup(
            title=f"{of} / {to}",
            ratios=tuple(
                Ratio(
                    scenario=rows[of].scenario,
                    of=rows[of],
                    to=rows[to],
                    target=targets.get(rows[of].scenario),
                )
                for rows in reads
            ),
        )
        for (of, to), targets in READ_TARGETS.items()
    ]
    public = reads[0][SERVICE]
    signed_in_ratios = tuple(
        Ratio(scenario=row.scenario, of=row, to=public, target=SIGNED_IN_TARGETS.get(row.scenario))
        for row in signed_in
    )
    groups.append(
        RatioGroup(
            title=f"signed in / the service's public {public.scenario} read",
            ratios=signed_in_ratios,
        )
    )
    return groups


def _tracing_group(untraced: Row, traced: Sequence[Row]) -> RatioGroup:
    return RatioGroup(
        title=f"tracing on / off, {untraced.scenario} (measured in the same rounds)",
        ratios=tuple(
            Ratio(scenario=row.target, of=row, to=untraced, target=TRACING_TARGETS.get(row.target))
            for row in traced
        ),
    )


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
        targets = _start_servers(settings, env, workdir, started)
        service = targets[SERVICE]
        customer, orders_file = _set_up_customer(service, ids_file, workdir)
        print(
            f"measuring: {settings.workers} worker(s), pool {settings.pool_size},"
            f" {settings.rounds} x {settings.duration_s} s per target and scenario",
            flush=True,
        )
        product = Scenario(name=PRODUCT, script=RANDOM_PRODUCT_LUA, ids_file=ids_file)
        listing = Scenario(name=LISTING, path="/api/v1/products?limit=20")
        everyone = (service, targets[FASTAPI], targets[RAW])
        reads = [_measure(scenario, everyone, settings) for scenario in (product, listing)]
        traced = (service, *(targets[name] for name in TRACED))
        tracing = _measure(product, traced, settings)
        customer.sign_in()  # a fresh token right before the signed-in loads
        order = Scenario(
            name=ORDER, script=SIGNED_IN_ORDER_LUA, ids_file=orders_file, customer=customer
        )
        place = Scenario(
            name=PLACE,
            script=PLACE_ORDER_LUA,
            ids_file=ids_file,
            customer=customer,
            connections=WRITE_CONNECTIONS,
        )
        signed_in = [
            _measure(scenario, (service,), settings)[SERVICE] for scenario in (order, place)
        ]
        # The baselines take the same load, so a timeout the raw app shows too is the
        # machine's limit (wrk, PostgreSQL and the server share its cores), not a stall.
        stress = [
            *(_stress(scenario, server) for scenario in (product, listing) for server in everyone),
            _stress(order, service),
        ]
        memory = [process for server in started for process in servers.resident_memory(server)]
    finally:
        for server in started:
            servers.stop(server)
        _drop_database(settings)
    tracing_rows = [tracing[name] for name in TRACED]
    rows = [
        *(row for rows in reads for row in rows.values()),
        *signed_in,
        *tracing_rows,
        *stress,
    ]
    groups = [*_ratio_groups(reads, signed_in), _tracing_group(tracing[SERVICE], tracing_rows)]
    print_report(rows, groups, memory, memory_goal=(SERVICE, RSS_GOAL_MB))
    if all(row.clean for row in rows):
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
        CustomerSetupError,
        wrk.WrkError,
        asyncpg.PostgresError,
        OSError,
    ) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
