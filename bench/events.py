"""`make bench-events`: how fast a placed order gets its invoice, in-process and through RabbitMQ.

An order learns its invoice in two hops (docs/events.md): `OrderPlaced` → billing's
`IssueInvoice` → `InvoiceIssued` → ordering's `RecordInvoice`. Both hops go through the outbox
relay in the service; in broker mode the relay publishes each event (publisher-confirmed) and
`orderly worker` processes run the handlers. This measures the issue's acceptance figures:

1. Needs DATABASE_URL (only its server is borrowed) and RabbitMQ on 127.0.0.1:5672 with
   `rabbitmqctl`: the run creates a vhost of its own and deletes it at the end.
2. Recreates, migrates and seeds the bench database with `make bench`'s own helpers, starts a
   *loader* (`orderly serve` with RELAY_ENABLED=false) and registers a customer through it.
3. Throughput, per configuration (in-process; broker with 1, then 2 workers): the loader places
   BENCH_EVENTS_ORDERS one-line orders (default 2000), so the outbox holds them all before
   anyone delivers; then the workers start (and are ready), then the service with its relay,
   until every order of the batch has its invoice_id. The time comes from the database, so no
   process start-up counts: from the first `OrderPlaced` marked delivered to the last order
   updated with its invoice. events/s counts both hops, two events per order.
4. Latency, per configuration, everything running: one order every 1/BENCH_EVENTS_RATE s
   (default 20/s) for BENCH_EVENTS_DURATION s (default 20), placed on the service, each then
   polled with `GET /api/v1/orders/{id}` every POLL_S from its 201 until invoice_id shows;
   p50/p99/max. The reads go to the loader, a second instance of the same API: polling every
   10 ms sends hundreds of reads a second, and on the relay's own event loop they would slow
   the very delivery being timed (measured: a p50 several times higher, growing with itself).
5. After each run: the broker must hold no message (waiting, retried or parked), the outbox no
   parked event, no order two invoices, and the workers' counters say how many messages were
   not simply handled. Each run notes how busy the machine and each process were.

Exit status: 0 when every order got its invoice and nothing was left behind; 1 when one did
not (the table says which run, the logs' tails are printed), or when setup failed. Servers,
workers, the vhost and the database are removed on every path, Ctrl-C and SIGTERM included.
"""

from __future__ import annotations

import asyncio
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx

from bench import database, servers
from bench.__main__ import PROJECT_ROOT, _drop_database, _interrupt, _prepare_database, _server_env
from bench.customer import Customer, CustomerSetupError
from bench.settings import BenchSettings, SettingsError, asyncpg_dsn, env_int

LOADER_PORT, SERVICE_PORT, FIRST_WORKER_PORT = 18010, 18011, 18012
AMQP = "amqp://guest:guest@127.0.0.1:5672"
PLACE_CONCURRENCY = 16  # enough to keep one service process busy placing the batch
POLL_S = 0.01
STALL_S = 60  # a batch that makes no progress for this long is stuck, not slow
ORDER_TIMEOUT_S = 30  # a latency order without its invoice by then counts as lost
SETTLE_S = 5
RABBITMQ_MISSING = (
    "rabbitmqctl not found: bench-events needs RabbitMQ on 127.0.0.1:5672 and rabbitmqctl"
    " (run as root or as the rabbitmq user)"
)
_WORKER_EVENTS = re.compile(r'^orderly_worker_events_total\{[^}]*outcome="(\w+)"\} ([\d.e+]+)$')
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class BrokerSetupError(RuntimeError):
    """The vhost could not be created; the message carries rabbitmqctl's output."""


@dataclass(frozen=True, slots=True)
class Config:
    workers: int  # 0: the relay runs the handlers in the service (no broker)

    @property
    def mode(self) -> str:
        return "broker" if self.workers else "in-process"

    @property
    def label(self) -> str:
        return f"{self.mode}-{self.workers}" if self.workers else self.mode


CONFIGS = (Config(0), Config(1), Config(2))


@dataclass(slots=True)
class Result:
    config: Config
    orders: int = 0
    seconds: float | None = None  # the batch, first delivery to last invoice recorded
    latencies_ms: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def events_per_s(self) -> float | None:
        return 2 * self.orders / self.seconds if self.seconds else None


@dataclass(slots=True)
class Stack:
    """What one run started: workers first, then the service with its relay."""

    workers: list[servers.Server]
    service: servers.Server


@dataclass(slots=True, kw_only=True)
class _Context:
    """What every run shares: the database, the vhost, the loader and its customer."""

    env: dict[str, str]
    dsn: str
    vhost: str
    workdir: Path
    loader: servers.Server
    customer: Customer
    product_ids: list[str]

    @property
    def broker_url(self) -> str:
        return f"{AMQP}/{self.vhost}"

    def token(self) -> str:
        return self.customer.token(valid_for_s=300)


def _rabbitmqctl(*arguments: str) -> str:
    done = subprocess.run(
        ["rabbitmqctl", "-q", *arguments], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise BrokerSetupError(
            f"rabbitmqctl {' '.join(arguments)} exited {done.returncode}:"
            f" {(done.stderr or done.stdout).strip()}"
        )
    return done.stdout


def _create_vhost() -> str:
    """A vhost of this run's own, as the broker tests do: nothing to clean but the vhost."""
    name = f"orderly_bench_events_{secrets.token_hex(4)}"
    try:
        _rabbitmqctl("add_vhost", name)
    except BrokerSetupError as exc:
        raise BrokerSetupError(f"{exc} (is RabbitMQ running on 127.0.0.1:5672?)") from None
    try:
        _rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
    except BaseException:
        _delete_vhost(name)
        raise
    return name


def _delete_vhost(name: str) -> None:
    """Cleanup must not mask the error that got us here, so failures are only reported."""
    try:
        _rabbitmqctl("delete_vhost", name)
    except (OSError, subprocess.SubprocessError, BrokerSetupError) as exc:
        print(f"bench-events: could not delete vhost {name}: {exc}", file=sys.stderr)


def _queued(vhost: str) -> dict[str, int]:
    """Every queue of the vhost still holding messages (ready or unacknowledged). A worker
    acknowledges just after its commit, so the last ones get a few seconds to settle."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        out = _rabbitmqctl("list_queues", "-p", vhost, "--no-table-headers", "name", "messages")
        depths = (line.split("\t") for line in out.splitlines() if "\t" in line)
        left = {name: int(count) for name, count in depths if int(count)}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


def _start_stack(
    config: Config, env: dict[str, str], broker_url: str, log_dir: Path
) -> tuple[Stack, list[servers.Server]]:
    """Workers are ready before the relay starts, so its first event finds them consuming.
    Returns the stack and every process started, for the caller to stop whatever happens."""
    log_dir.mkdir()
    broker_env = {**env, "BROKER_URL": broker_url} if config.workers else env
    cli = [sys.executable, "-m", "entrypoints.cli"]
    started: list[servers.Server] = []
    try:
        for n in range(config.workers):
            port = FIRST_WORKER_PORT + n
            started.append(
                servers.start(
                    f"worker-{n + 1}",
                    [*cli, "worker"],
                    port=port,
                    cwd=PROJECT_ROOT,
                    env={**broker_env, "WORKER_PORT": str(port)},
                    log_dir=log_dir,
                )
            )
        for worker in started:
            servers.wait_ready(worker)
        service = servers.start(
            "service",
            [*cli, "serve", "--host", servers.HOST, "--port", str(SERVICE_PORT)],
            port=SERVICE_PORT,
            cwd=PROJECT_ROOT,
            env={**broker_env, "RELAY_ENABLED": "true"},
            log_dir=log_dir,
        )
        started.append(service)
        servers.wait_ready(service)
    except BaseException:
        _stop(started)
        raise
    return Stack(workers=started[:-1], service=service), started


def _stop(started: Sequence[servers.Server]) -> None:
    for server in reversed(started):
        servers.stop(server)


def _worker_outcomes(workers: Sequence[servers.Server]) -> dict[str, int]:
    """Summed over the workers' `/metrics`: how their messages were settled."""
    outcomes: dict[str, int] = {}
    for worker in workers:
        with _DIRECT.open(worker.base_url + "/metrics", timeout=5) as response:
            text = response.read().decode()
        for line in text.splitlines():
            if match := _WORKER_EVENTS.match(line):
                outcome, value = match.group(1), int(float(match.group(2)))
                outcomes[outcome] = outcomes.get(outcome, 0) + value
    return outcomes


def _ran_and_waited(server: servers.Server) -> tuple[int, int]:
    """Nanoseconds the process's main thread (its event loop) has run on a CPU, and has waited
    runnable for one (/proc/<pid>/schedstat)."""
    ran, waited, _ = Path(f"/proc/{server.process.pid}/schedstat").read_text().split()
    return int(ran), int(waited)


def _machine_busy_and_total() -> tuple[int, int]:
    """Jiffies of all CPUs, busy and in all: /proc/stat's first eight counters (user … steal)."""
    counters = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = counters[3] + counters[4]  # idle, iowait
    return sum(counters) - idle, sum(counters)


class CpuMeter:
    """Over a window: how busy the machine was (everyone's load, not only ours), and for each
    process how long its event loop ran and how long it sat runnable waiting for a CPU. A loop
    that neither runs nor waits much is waiting on I/O (database commits, broker confirms)."""

    def __init__(self, started: Sequence[servers.Server]) -> None:
        self._started = started
        self._wall_ns = time.monotonic_ns()
        self._machine = _machine_busy_and_total()
        self._processes = [_ran_and_waited(server) for server in started]

    def summary(self) -> str:
        wall = time.monotonic_ns() - self._wall_ns
        busy, total = (
            now - then for now, then in zip(_machine_busy_and_total(), self._machine, strict=True)
        )
        parts = [f"machine {busy / total:.0%} busy over {wall / 1e9:.1f} s"]
        for server, (ran, waited) in zip(self._started, self._processes, strict=True):
            ran_now, waited_now = _ran_and_waited(server)
            parts.append(
                f"{server.name} ran {(ran_now - ran) / wall:.0%}"
                f" + waited for a cpu {(waited_now - waited) / wall:.0%}"
            )
        return "; ".join(parts)


def _client(base_url: str, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
        limits=httpx.Limits(max_connections=64),
        trust_env=False,  # straight to 127.0.0.1 even when the shell has http_proxy set
    )


async def _place_one(client: httpx.AsyncClient, product_id: str) -> str:
    response = await client.post(
        "/api/v1/orders",
        json={"lines": [{"product_id": product_id, "quantity": 1}]},
        headers={"Idempotency-Key": f"bench-events-{uuid.uuid4()}"},
    )
    if response.status_code != 201:
        raise CustomerSetupError(
            f"POST /api/v1/orders answered {response.status_code}: {response.text[:300]}"
        )
    return str(response.json()["id"])


async def _place_batch(
    base_url: str, token: str, product_ids: Sequence[str], count: int
) -> list[str]:
    """PLACE_CONCURRENCY placers take the next number from one shared iterator until it runs out."""
    numbers = iter(range(count))
    async with _client(base_url, token) as client:

        async def placer() -> list[str]:
            return [await _place_one(client, random.choice(product_ids)) for _ in numbers]

        placed = await asyncio.gather(*(placer() for _ in range(PLACE_CONCURRENCY)))
    return [order_id for batch in placed for order_id in batch]


async def _wait_invoiced(
    dsn: str, order_ids: Sequence[str], running: Sequence[servers.Server]
) -> int:
    """Polls until every order has its invoice; the count still without one if it stalled."""
    ids = [uuid.UUID(order_id) for order_id in order_ids]
    conn = await asyncpg.connect(dsn)
    try:
        last, progressed = len(ids), time.monotonic()
        while True:
            remaining: int = await conn.fetchval(
                "SELECT count(*) FROM orders WHERE id = ANY($1) AND invoice_id IS NULL", ids
            )
            if remaining == 0:
                return 0
            if remaining < last:
                last, progressed = remaining, time.monotonic()
            elif time.monotonic() - progressed > STALL_S:
                return remaining
            for server in running:
                if server.process.poll() is not None:
                    raise servers.ServerError(
                        f"{server.name} exited with {server.process.returncode};"
                        f" its output ends with:\n{server.output_tail()}"
                    )
            await asyncio.sleep(0.1)
    finally:
        await conn.close()


async def _batch_seconds(dsn: str, order_ids: Sequence[str]) -> float:
    """The relay's first delivery of the batch to the last order updated with its invoice."""
    ids = [uuid.UUID(order_id) for order_id in order_ids]
    conn = await asyncpg.connect(dsn)
    try:
        first, last = await conn.fetchrow(
            """SELECT
                (SELECT min(delivered_at) FROM outbox
                 WHERE event_type = 'OrderPlaced' AND aggregate_id = ANY($1)),
                (SELECT max(updated_at) FROM orders WHERE id = ANY($1))""",
            ids,
        )
    finally:
        await conn.close()
    return float((last - first).total_seconds())


async def _parked_and_doubled(dsn: str) -> tuple[int, int]:
    """Parked outbox events, and orders with more than one invoice (an effect twice)."""
    conn = await asyncpg.connect(dsn)
    try:
        parked, doubled = await conn.fetchrow(
            """SELECT
                (SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL),
                (SELECT count(*) FROM
                    (SELECT order_id FROM invoices GROUP BY order_id HAVING count(*) > 1) d)"""
        )
    finally:
        await conn.close()
    return int(parked), int(doubled)


async def _time_one(
    placer: httpx.AsyncClient, reader: httpx.AsyncClient, product_id: str
) -> float | None:
    """Milliseconds from the 201 to the first read showing invoice_id; None if it never did."""
    order_id = await _place_one(placer, product_id)
    placed = time.perf_counter()
    while time.perf_counter() - placed < ORDER_TIMEOUT_S:
        response = await reader.get(f"/api/v1/orders/{order_id}")
        response.raise_for_status()
        if response.json()["invoice_id"] is not None:
            return (time.perf_counter() - placed) * 1000
        await asyncio.sleep(POLL_S)
    return None


async def _latencies(
    place_url: str,
    read_url: str,
    token: str,
    product_ids: Sequence[str],
    rate: int,
    duration_s: int,
) -> list[float | None]:
    """One order every 1/rate s, on a fixed schedule whatever the earlier ones are doing."""
    async with _client(place_url, token) as placer, _client(read_url, token) as reader:
        loop = asyncio.get_running_loop()
        start = loop.time()
        timed: list[asyncio.Task[float | None]] = []
        for n in range(rate * duration_s):
            await asyncio.sleep(max(0.0, start + n / rate - loop.time()))
            product_id = random.choice(product_ids)
            timed.append(asyncio.create_task(_time_one(placer, reader, product_id)))
        return await asyncio.gather(*timed)


def _check_leftovers(result: Result, stack: Stack, vhost: str, dsn: str) -> None:
    """Nothing may stay behind or happen twice: no message in any queue, no parked event,
    no second invoice; anything a worker retried, deferred or parked is reported."""
    if stack.workers:
        outcomes = _worker_outcomes(stack.workers)
        unusual = {outcome: n for outcome, n in outcomes.items() if outcome != "handled" and n}
        if unusual:
            result.problems.append(f"workers settled messages as {unusual}")
        left = _queued(vhost)
        if left:
            result.problems.append(f"messages left in the broker: {left}")
    parked, doubled = asyncio.run(_parked_and_doubled(dsn))
    if parked:
        result.problems.append(f"{parked} parked outbox events")
    if doubled:
        result.problems.append(f"{doubled} orders have more than one invoice")


def _throughput(result: Result, ctx: _Context, count: int) -> None:
    config = result.config
    print(f"throughput, {config.label}: placing {count} orders with the relay off …", flush=True)
    order_ids = asyncio.run(_place_batch(ctx.loader.base_url, ctx.token(), ctx.product_ids, count))
    print(f"  starting {config.workers or 'no'} worker(s), then the relay …", flush=True)
    log_dir = ctx.workdir / f"throughput-{config.label}"
    stack, started = _start_stack(config, ctx.env, ctx.broker_url, log_dir)
    try:
        cpu = CpuMeter(started)
        remaining = asyncio.run(_wait_invoiced(ctx.dsn, order_ids, started))
        result.notes.append(f"throughput, {cpu.summary()}")
        result.orders = count
        if remaining:
            result.problems.append(f"throughput: {remaining} of {count} orders got no invoice")
            _print_tails(started)
        else:
            result.seconds = asyncio.run(_batch_seconds(ctx.dsn, order_ids))
        _check_leftovers(result, stack, ctx.vhost, ctx.dsn)
    finally:
        _stop(started)


def _latency(result: Result, ctx: _Context, rate: int, duration_s: int) -> None:
    config = result.config
    print(f"latency, {config.label}: {rate} orders/s for {duration_s} s …", flush=True)
    log_dir = ctx.workdir / f"latency-{config.label}"
    stack, started = _start_stack(config, ctx.env, ctx.broker_url, log_dir)
    try:
        cpu = CpuMeter([*started, ctx.loader])
        timed = asyncio.run(
            _latencies(
                stack.service.base_url,
                ctx.loader.base_url,
                ctx.token(),
                ctx.product_ids,
                rate,
                duration_s,
            )
        )
        result.notes.append(f"latency, {cpu.summary()}")
        result.latencies_ms = sorted(ms for ms in timed if ms is not None)
        lost = len(timed) - len(result.latencies_ms)
        if lost:
            result.problems.append(
                f"latency: {lost} of {len(timed)} orders had no invoice after {ORDER_TIMEOUT_S} s"
            )
            _print_tails(started)
        _check_leftovers(result, stack, ctx.vhost, ctx.dsn)
    finally:
        _stop(started)


def _print_tails(started: Sequence[servers.Server]) -> None:
    for server in started:
        print(f"--- {server.name} (last lines) ---\n{server.output_tail()}", file=sys.stderr)


def _percentile(sorted_ms: Sequence[float], q: float) -> float:
    """Nearest rank: a value that was really measured."""
    return sorted_ms[max(0, round(q * len(sorted_ms)) - 1)]


def _line(mode: str, *cells: str) -> str:
    return f"{mode:<11}" + "".join(f"{cell:>9}" for cell in cells)


def _print_table(results: Sequence[Result], rate: int, duration_s: int) -> None:
    print(
        f"\nthroughput: a batch of orders already in the outbox, events/s = 2 per order"
        f" (OrderPlaced → invoice, InvoiceIssued → order)\nlatency: {rate} orders/s for"
        f" {duration_s} s, 201 of POST /orders → GET /orders/{{id}} shows invoice_id"
        f" (polled every {POLL_S * 1000:.0f} ms)\n"
    )
    print(_line("mode", "workers", "orders", "events/s", "timed", "p50 ms", "p99 ms", "max ms"))
    for result in results:
        config, timed = result.config, result.latencies_ms
        rate_text = f"{result.events_per_s:.0f}" if result.events_per_s else "-"
        lat = [f"{_percentile(timed, q):.0f}" for q in (0.50, 0.99, 1.0)] if timed else ["-"] * 3
        workers = str(config.workers or "-")
        print(_line(config.mode, workers, str(result.orders), rate_text, str(len(timed)), *lat))
    for result in results:
        for line in (*result.notes, *result.problems):
            print(f"  {result.config.label}: {line}")


def _run(settings: BenchSettings, workdir: Path) -> int:
    count = env_int("BENCH_EVENTS_ORDERS", 2000)
    rate = env_int("BENCH_EVENTS_RATE", 20)
    duration_s = env_int("BENCH_EVENTS_DURATION", 20)
    env = _server_env(settings)
    vhost = _create_vhost()
    loader: servers.Server | None = None
    results = [Result(config) for config in CONFIGS]
    try:
        ids_file = _prepare_database(settings, env, workdir)
        argv = [sys.executable, "-m", "entrypoints.cli", "serve", "--host", servers.HOST]
        loader = servers.start(
            "loader",
            [*argv, "--port", str(LOADER_PORT)],
            port=LOADER_PORT,
            cwd=PROJECT_ROOT,
            env={**env, "RELAY_ENABLED": "false"},
            log_dir=workdir,
        )
        servers.wait_ready(loader)
        ctx = _Context(
            env=env,
            dsn=asyncpg_dsn(settings.bench_url),
            vhost=vhost,
            workdir=workdir,
            loader=loader,
            customer=Customer.register(loader.base_url),
            product_ids=ids_file.read_text().split(),
        )
        for result in results:
            _throughput(result, ctx, count)
        for result in results:
            _latency(result, ctx, rate, duration_s)
    finally:
        if loader is not None:
            servers.stop(loader)
        _delete_vhost(vhost)
        _drop_database(settings)
    _print_table(results, rate, duration_s)
    if not any(result.problems for result in results):
        return 0
    kept = shutil.copytree(workdir, Path(tempfile.gettempdir()) / f"{vhost}-logs")
    print(f"\nbench-events: something went wrong (above); every process's log is in {kept}")
    return 1


def main() -> int:
    if shutil.which("rabbitmqctl") is None:
        print(RABBITMQ_MISSING, file=sys.stderr)
        return 1
    try:
        settings = BenchSettings.from_env()
    except SettingsError as exc:
        print(f"bench-events: {exc}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with tempfile.TemporaryDirectory(prefix="orderly-bench-events-") as workdir:
            return _run(settings, Path(workdir))
    except KeyboardInterrupt:
        print("\nbench-events: interrupted", file=sys.stderr)
        return 130
    except (
        BrokerSetupError,
        database.DatabaseSetupError,
        servers.ServerError,
        CustomerSetupError,
        httpx.HTTPError,
        asyncpg.PostgresError,
        OSError,
    ) as exc:
        print(f"bench-events: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
