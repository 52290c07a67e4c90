"""`make profile`: what each layer of a request costs, in-process, without the network.

wrk on a shared 2-core machine moves by 10-15 points from run to run, more than any single
lever; this drives the apps through their ASGI interface in one process instead, one
request at a time, so only the Python work of a request is timed, in the process's CPU
time: while another job holds the core nothing is counted (its cache pressure still is, so
compare ratios from one run). Every app reads from memory: the raw and bare FastAPI apps
from a stand-in for their asyncpg pool that returns the same rows, the service with
`PERSISTENCE=memory`. The database's own cost is therefore outside these figures (it is
the same SQL for every app; `make bench` measures it on the wire), and so is
uvicorn's HTTP parsing.

1. Builds the raw Starlette app, the bare FastAPI app, the bare FastAPI app's single read
   given its pool by one dependency (FastAPI's own price for the pattern every service
   route follows) and the service (production settings as `make bench` sets them: JSON
   logs at warning, metrics on, a per-client budget no run can spend), seeds
   PROFILE_PRODUCTS products, signs a customer in through the API and places one order, as
   a client would.
2. Times each scenario: PROFILE_REQUESTS requests (default 5,000) per round, PROFILE_ROUNDS
   rounds (default 5), the median µs per request.
3. Breaks each scenario down by layer: every layer's entry point is wrapped with a timer
   and each request's time is split into the layers' own time (a layer's time minus the
   time of the layers it calls). The timers add a little to each layer (the instrumented
   total is printed beside the plain one); the split is what they are for.
4. With `--cprofile SCENARIO`, prints the functions that scenario spends most time in.

The garbage collector is set up as the service sets itself up at start-up (frozen after
building, young generation at `YOUNG_GENERATION_THRESHOLD`) for every app alike.

Run: `make profile`, or `python -m bench.profile [--cprofile "single product, service"]`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import pstats
import secrets
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any
from urllib.parse import urlencode
from uuid import UUID

import orjson
import uvloop
from fastapi import Depends, FastAPI
from starlette.requests import Request as HttpRequest
from starlette.responses import Response
from starlette.types import ASGIApp, Message

from bench import fastapi_app, raw_app
from bench.fastapi_app import NO_NATIVE_TELEMETRY
from bench.settings import env_int
from entrypoints.garbage_collection import settle_after_start_up

PRODUCTS = env_int("PROFILE_PRODUCTS", 50)
REQUESTS = env_int("PROFILE_REQUESTS", 5_000)
ROUNDS = env_int("PROFILE_ROUNDS", 5)
WARMUP = 500
LIST_PATH = "/api/v1/products"
LIST_QUERY = b"limit=20"
WITH_A_DEPENDENCY = "single product, fastapi + 1 dependency"
Call = Callable[..., Any]


class ProfileError(RuntimeError):
    """A request the harness sets up or measures did not answer as expected."""


# --- driving an ASGI app in-process ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: bytes = b""
    headers: tuple[tuple[bytes, bytes], ...] = ()
    body: bytes = b""


@dataclass(slots=True)
class Answer:
    status: int = 0
    body: bytearray = field(default_factory=bytearray)


async def call(app: ASGIApp, request: Request) -> Answer:
    """One request as uvicorn hands it over: the same scope keys, one body message."""
    answer = Answer()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": request.path,
        "raw_path": request.path.encode(),
        "root_path": "",
        "query_string": request.query,
        "headers": [(b"host", b"127.0.0.1:18000"), *request.headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 18000),
        "state": {},
    }

    async def receive() -> Message:
        return {"type": "http.request", "body": request.body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
        else:
            answer.body += message.get("body", b"")

    await app(scope, receive, send)
    return answer


async def checked(app: ASGIApp, request: Request, status: int = 200) -> Any:
    answer = await call(app, request)
    if answer.status != status:
        raise ProfileError(
            f"{request.method} {request.path} answered {answer.status}, not {status}:"
            f" {bytes(answer.body[:300])!r}"
        )
    return orjson.loads(answer.body) if answer.body else None


# --- the apps -------------------------------------------------------------------------------


class MemoryPool:
    """Stands in for the raw and bare FastAPI apps' asyncpg pool: the same rows, no I/O."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self._by_id = {row["id"]: row for row in rows}
        self._newest = sorted(rows, key=lambda row: (row["created_at"], row["id"]), reverse=True)

    async def fetchrow(self, _sql: str, product_id: UUID) -> dict[str, Any] | None:
        return self._by_id.get(product_id)

    async def fetch(self, _sql: str, limit: int) -> list[dict[str, Any]]:
        return self._newest[:limit]

    async def fetchval(self, _sql: str) -> int:
        return 1


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    app: ASGIApp
    request: Request


async def _service() -> tuple[ASGIApp, list[dict[str, Any]], Request]:
    """The service on in-memory adapters, seeded through its use cases and its API; returns
    the app, its products as rows and a signed-in request for one of the customer's orders.
    """
    from application.catalog.create_product import CreateProductCommand  # noqa: PLC0415
    from application.shared.caller import Caller  # noqa: PLC0415
    from domain.shared.money import Money  # noqa: PLC0415
    from domain.shared.roles import Role  # noqa: PLC0415
    from entrypoints.container import Container  # noqa: PLC0415
    from entrypoints.http.app import create_app  # noqa: PLC0415
    from entrypoints.seed import DEMO_CUSTOMER, DEMO_PASSWORD, seed_demo_accounts  # noqa: PLC0415
    from entrypoints.settings import Settings  # noqa: PLC0415

    settings = Settings(
        environment="production",
        persistence="memory",
        jwt_secret=secrets.token_hex(32),
        log_level="WARNING",
        log_format="json",
        api_limit_per_client=10**9,
        relay_enabled=False,
    )
    container = Container(settings=settings)
    app = create_app(settings, container)
    await seed_demo_accounts(container)
    admin = Caller(user_id=UUID(int=0), role=Role.ADMIN)
    for n in range(1, PRODUCTS + 1):
        command = CreateProductCommand(
            sku=f"PROFILE-{n:04d}",
            name=f"Profile product {n}",
            description=f"Seeded by the profiling harness; product number {n}.",
            unit_price=Money.of(str(Decimal(n * 137 % 9_999 + 100).scaleb(-2)), "EUR"),
            stock=100,
        )
        await container.transactions().run(functools.partial(_create, container, admin, command))
    form = urlencode({"username": DEMO_CUSTOMER, "password": DEMO_PASSWORD}).encode()
    token = await checked(
        app,
        Request(
            "POST",
            "/api/v1/auth/token",
            headers=((b"content-type", b"application/x-www-form-urlencoded"),),
            body=form,
        ),
    )
    bearer = (b"authorization", f"Bearer {token['access_token']}".encode())
    listing = await checked(app, Request("GET", LIST_PATH, b"limit=100"))
    rows = [_row(item) for item in listing["items"]]
    line = {"product_id": str(rows[0]["id"]), "quantity": 1}
    order = await checked(
        app,
        Request(
            "POST",
            "/api/v1/orders",
            headers=(bearer, (b"content-type", b"application/json")),
            body=orjson.dumps({"lines": [line]}),
        ),
        status=201,
    )
    return app, rows, Request("GET", f"/api/v1/orders/{order['id']}", headers=(bearer,))


async def _pool_of(_request: HttpRequest) -> Any:
    return raw_app.db.pool


def _fastapi_with_a_dependency() -> FastAPI:
    """The bare FastAPI target's single read with its pool given by one dependency, as each
    service route is given its use case: what FastAPI itself charges for that pattern."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, telemetry=NO_NATIVE_TELEMETRY)

    @app.get("/api/v1/products/{product_id}")
    async def get_product(product_id: UUID, pool: Annotated[Any, Depends(_pool_of)]) -> Response:
        return raw_app.product_response(await pool.fetchrow(raw_app.GET_PRODUCT, product_id))

    return app


async def _create(container: Any, admin: Any, command: Any, uow: Any) -> Any:
    return await container.catalog().create_product(uow=uow)(admin, command)


def _row(item: dict[str, Any]) -> dict[str, Any]:
    """A product as the service answers it, as the row the other apps' SQL would return."""
    return {
        **{key: item[key] for key in ("sku", "name", "description", "stock", "active")},
        "id": UUID(item["id"]),
        "price_amount": Decimal(item["unit_price"]["amount"]),
        "price_currency": item["unit_price"]["currency"],
        "created_at": datetime.fromisoformat(item["created_at"]).astimezone(UTC),
        "updated_at": datetime.fromisoformat(item["updated_at"]).astimezone(UTC),
        "version": item["version"],
    }


async def scenarios() -> list[Scenario]:
    service, rows, order = await _service()
    raw_app.db.pool = MemoryPool(rows)
    product = Request("GET", f"/api/v1/products/{rows[len(rows) // 2]['id']}")
    listing = Request("GET", LIST_PATH, LIST_QUERY)
    apps = (("raw", raw_app.app), ("fastapi", fastapi_app.app), ("service", service))
    found = [
        *(Scenario(f"single product, {name}", app, product) for name, app in apps),
        Scenario(WITH_A_DEPENDENCY, _fastapi_with_a_dependency(), product),
        *(Scenario(f"list page, {name}", app, listing) for name, app in apps),
        Scenario("order, signed in, service", service, order),
    ]
    for scenario in found:  # also builds each app's middleware stack before anything is timed
        await checked(scenario.app, scenario.request)
    return found


# --- timing ---------------------------------------------------------------------------------


async def _repeat(scenario: Scenario, count: int) -> float:
    """CPU seconds of `count` requests, one after the other."""
    app, request = scenario.app, scenario.request
    started = time.process_time()
    for _ in range(count):
        await call(app, request)
    return time.process_time() - started


async def per_request_us(scenario: Scenario) -> float:
    await _repeat(scenario, WARMUP)
    rounds = [await _repeat(scenario, REQUESTS) for _ in range(ROUNDS)]
    return statistics.median(rounds) / REQUESTS * 1e6


# --- the breakdown by layer -----------------------------------------------------------------


class Layers:
    """Times wrapped entry points and splits each request's time into each layer's own.

    Requests run one at a time and nothing in them waits on I/O, so a layer entered inside
    another also finishes inside it, and one stack of open layers is enough.
    """

    def __init__(self) -> None:
        self.own_ns: defaultdict[str, int] = defaultdict(int)
        self._open: list[list[int]] = []  # per open layer: time spent in its inner layers
        self._undo: list[Callable[[], None]] = []

    def _enter(self) -> None:
        self._open.append([0])

    def _leave(self, label: str, elapsed: int) -> None:
        inner = self._open.pop()[0]
        self.own_ns[label] += elapsed - inner
        if self._open:
            self._open[-1][0] += elapsed

    def timed(self, label: str, target: Call) -> Call:
        if asyncio.iscoroutinefunction(target) or asyncio.iscoroutinefunction(
            getattr(target, "__call__", None)  # noqa: B004 - an ASGI app object
        ):

            @functools.wraps(target)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                self._enter()
                started = time.process_time_ns()
                try:
                    return await target(*args, **kwargs)
                finally:
                    self._leave(label, time.process_time_ns() - started)

            return timed_async

        @functools.wraps(target)
        def timed_sync(*args: Any, **kwargs: Any) -> Any:
            self._enter()
            started = time.process_time_ns()
            try:
                return target(*args, **kwargs)
            finally:
                self._leave(label, time.process_time_ns() - started)

        return timed_sync

    def wrap(self, owner: Any, attribute: str, label: str) -> None:
        """Replaces `owner.attribute` (a module's function, a class's method or an object's
        ASGI app) with its timed self until `restore`."""
        original = (
            owner.__dict__[attribute] if isinstance(owner, type) else getattr(owner, attribute)
        )
        if isinstance(original, classmethod):
            replacement: Any = classmethod(self.timed(label, original.__func__))
        else:
            replacement = self.timed(label, original)
        setattr(owner, attribute, replacement)
        self._undo.append(lambda: setattr(owner, attribute, original))

    def restore(self) -> None:
        while self._undo:
            self._undo.pop()()

    def reset(self) -> None:
        self.own_ns.clear()


# Labels of the layers, in the order a request meets them.
FASTAPI_MIDDLEWARE = "FastAPI's own middleware (telemetry hook, body limit)"
EDGE = "edge: request id, security headers, no-store, 413 check"
BUDGET = "edge: per-client budget (GCRA, RateLimit-* headers)"
FINISH = "edge: log line (filtered at warning) and latency metric"
EXCEPTIONS = "ExceptionMiddleware, AsyncExitStackMiddleware"
ROUTING = "routing (match the path, set the route)"
HANDLER = "route handler (Request, exit stacks, access check)"
SOLVE = "dependency solving (path parameter, the use-case dependency)"
CALLER = "caller: anonymous, or the bearer token checked (JWT, role cache)"
ENDPOINT = "route function (calls the use case, builds the response)"
QUERY = "list query validated (pydantic, one call)"
LISTING = "list response (cursor, Link header)"
USE_CASE = "use case and its in-memory query (view building)"
WRITER = "JSON body by pydantic-core, ETag, If-None-Match"
SEND = "response sent (headers encoded, edge adds its headers)"
OTHER = "ASGI entry: the driver's scope, Starlette app, ServerErrorMiddleware, timers"
ORDER = (
    FASTAPI_MIDDLEWARE,
    EDGE,
    BUDGET,
    FINISH,
    EXCEPTIONS,
    ROUTING,
    HANDLER,
    SOLVE,
    CALLER,
    ENDPOINT,
    QUERY,
    LISTING,
    USE_CASE,
    WRITER,
    SEND,
)


def _middleware_label(layer: object) -> str:
    name = type(layer).__name__
    if name == "EdgeMiddleware":
        return EDGE
    if name in {"ExceptionMiddleware", "AsyncExitStackMiddleware"}:
        return EXCEPTIONS
    return FASTAPI_MIDDLEWARE


def instrument(layers: Layers, apps: Iterable[Any]) -> None:
    """Wraps every layer's entry point in the given (already served once) apps."""
    import fastapi.routing  # noqa: PLC0415

    from application.catalog.get_product import GetProduct  # noqa: PLC0415
    from application.catalog.list_products import ListProducts  # noqa: PLC0415
    from application.ordering.get_order import GetOrder  # noqa: PLC0415
    from entrypoints.http import transactions, use_cases  # noqa: PLC0415
    from entrypoints.http.catalog import routes as catalog_routes  # noqa: PLC0415
    from entrypoints.http.json import JsonWriter  # noqa: PLC0415
    from entrypoints.http.middleware import EdgeMiddleware  # noqa: PLC0415
    from entrypoints.http.rate_limits import ClientLimit  # noqa: PLC0415
    from entrypoints.http.schemas import QueryModel  # noqa: PLC0415

    for app in apps:
        layer = app.middleware_stack
        while layer is not app.router:  # each layer's inner app, down to the router
            inner = layer.app
            layers.wrap(layer, "app", ROUTING if inner is app.router else _middleware_label(inner))
            layer = inner
        for route in app.router.routes:
            if hasattr(route, "app"):
                layers.wrap(route, "app", HANDLER)
    layers.wrap(fastapi.routing, "solve_dependencies", SOLVE)
    layers.wrap(fastapi.routing, "run_endpoint_function", ENDPOINT)
    layers.wrap(use_cases, "caller_of", CALLER)
    layers.wrap(transactions, "caller_of", CALLER)  # a signed-in route admits the caller first
    layers.wrap(ClientLimit, "hit", BUDGET)
    layers.wrap(EdgeMiddleware, "_finish", FINISH)
    layers.wrap(QueryModel, "from_request", QUERY)
    layers.wrap(catalog_routes, "list_response", LISTING)
    for use_case in (GetProduct, ListProducts, GetOrder):
        layers.wrap(use_case, "__call__", USE_CASE)
    layers.wrap(JsonWriter, "response", WRITER)
    layers.wrap(JsonWriter, "read_response", WRITER)
    layers.wrap(Response, "__call__", SEND)


async def breakdown(layers: Layers, scenario: Scenario) -> tuple[float, dict[str, float]]:
    """The instrumented µs per request and each layer's own µs per request."""
    root = layers.timed(OTHER, call)
    for _ in range(WARMUP):
        await root(scenario.app, scenario.request)
    layers.reset()
    started = time.process_time_ns()
    for _ in range(REQUESTS):
        await root(scenario.app, scenario.request)
    total = (time.process_time_ns() - started) / REQUESTS / 1000
    return total, {label: ns / REQUESTS / 1000 for label, ns in layers.own_ns.items()}


# --- the report -----------------------------------------------------------------------------


def _print_table(
    found: list[Scenario], plain: dict[str, float], split: dict[str, tuple[float, dict[str, float]]]
) -> None:
    short = {scenario.name: _short(scenario.name) for scenario in found}
    width = max(len(label) for label in (*ORDER, OTHER))
    names = [scenario.name for scenario in found]
    print(f"\nCPU µs per request, in-process ({REQUESTS} requests x {ROUNDS} rounds, median):")
    for name in names:
        print(f"  {name:<40} {plain[name]:>7.1f}")
    pairs = (
        ("single product, service", "single product, fastapi"),
        (WITH_A_DEPENDENCY, "single product, fastapi"),
        ("single product, fastapi", "single product, raw"),
        ("list page, service", "list page, fastapi"),
        ("list page, fastapi", "list page, raw"),
        ("order, signed in, service", "single product, service"),
    )
    print("\nratios of time per request (the inverse of a throughput ratio):")
    for of, to in pairs:
        print(f"  {of} / {to}: {plain[of] / plain[to]:.2f}")
    print("\nown CPU µs per request of each layer (instrumented; each timer adds a little):")
    header = "".join(f" {short[name]:>16}"[:17] for name in names)
    print(f"  {'layer':<{width}}{header}")
    for label in (*ORDER, OTHER):
        cells = "".join(_cell(split[name][1].get(label)) for name in names)
        print(f"  {label:<{width}}{cells}")
    totals = "".join(f" {split[name][0]:>16.1f}" for name in names)
    print(f"  {'instrumented total':<{width}}{totals}")


def _short(name: str) -> str:
    """A column heading: "single product, fastapi + 1 dependency" is "single/fastapi+dep"."""
    for long, abbreviation in _ABBREVIATIONS:
        name = name.replace(long, abbreviation)
    return name


_ABBREVIATIONS = (
    ("single product", "single"),
    ("list page", "list"),
    ("order, signed in", "order"),
    (" + 1 dependency", "+dep"),
    (", ", "/"),
)


def _cell(us: float | None) -> str:
    """A layer the app does not have is a dash, not a zero."""
    return f" {'-':>16}" if us is None else f" {us:>16.1f}"


def _cprofile(scenario: Scenario, loop: asyncio.AbstractEventLoop) -> None:
    profile = cProfile.Profile()
    profile.enable()
    loop.run_until_complete(_repeat(scenario, REQUESTS))
    profile.disable()
    print(f"\ncProfile, {scenario.name}, {REQUESTS} requests (own time first):")
    pstats.Stats(profile).sort_stats("tottime").print_stats(25)


def _run(loop: asyncio.AbstractEventLoop, profile: str | None) -> int:
    def run(work: Awaitable[Any]) -> Any:
        return loop.run_until_complete(work)

    found = run(scenarios())
    settle_after_start_up()  # as the service's lifespan does it, for every app alike
    by_name = {scenario.name: scenario for scenario in found}
    if profile is not None:
        if profile not in by_name:
            print(f"bench.profile: no scenario {profile!r}; one of {sorted(by_name)}")
            return 2
        _cprofile(by_name[profile], loop)
        return 0
    plain = {scenario.name: run(per_request_us(scenario)) for scenario in found}
    layers = Layers()
    instrument(layers, {id(s.app): s.app for s in found if hasattr(s.app, "router")}.values())
    try:
        split = {scenario.name: run(breakdown(layers, scenario)) for scenario in found}
    finally:
        layers.restore()
    _print_table(found, plain, split)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cprofile", metavar="SCENARIO", help="profile one scenario instead")
    args = parser.parse_args(argv)
    loop = uvloop.new_event_loop()
    try:
        return _run(loop, args.cprofile)
    except ProfileError as error:
        print(f"bench.profile: {error}", file=sys.stderr)
        return 1
    finally:
        loop.close()


if __name__ == "__main__":
    sys.exit(main())
