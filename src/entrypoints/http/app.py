"""The FastAPI application factory: middleware, error handlers, routers, lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from application.shared.broker import BrokerUnavailableError
from entrypoints import telemetry
from entrypoints.container import Container
from entrypoints.contexts.all import CONTEXTS
from entrypoints.garbage_collection import settle_after_start_up
from entrypoints.http import health
from entrypoints.http.context_api import ContextApi, context_apis
from entrypoints.http.docs import docs_routes
from entrypoints.http.exception_handlers import install_error_handlers
from entrypoints.http.metrics import HttpMetrics
from entrypoints.http.middleware import EdgeMiddleware
from entrypoints.http.openapi import openapi_document
from entrypoints.http.rate_limits import ClientLimit
from entrypoints.logging import configure_logging
from entrypoints.settings import Settings
from entrypoints.version import VERSION

DESCRIPTION = """
Orders, invoices and a product catalog on a hexagonal architecture.

Every error is `application/problem+json` (RFC 9457) with a stable `code`;
lists are keyset-paginated (`limit`, `cursor`, `Link: rel="next"`).
"""


def create_app(settings: Settings | None = None, container: Container | None = None) -> FastAPI:
    settings = settings or Settings()
    container = container or Container(settings=settings)
    configure_logging(settings)
    metrics = HttpMetrics(container.metrics_registry(), container.backlog_collector())
    tracer_provider = container.tracer_provider()
    apis = context_apis(CONTEXTS)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.persistence == "postgres":
            await container.read_pool().open()
            await container.identity().user_changes().start()
            container.pool_gauges().start()
        if settings.broker_url:  # declares the exchange and every handler's queue
            try:
                await container.event_publisher().start()
            except BrokerUnavailableError as error:  # not ready; the relay tries again
                structlog.get_logger("orderly.broker").warning(
                    "broker_unreachable_at_start", error=str(error)
                )
        settle_after_start_up()
        if settings.relay_enabled:
            container.relay_task().start()
        yield
        if settings.relay_enabled:
            await container.relay_task().stop()
        if settings.broker_url:
            await container.event_publisher().close()
        if settings.persistence == "postgres":
            await container.pool_gauges().stop()
            await container.identity().user_changes().stop()
            await container.read_pool().close()
            await container.engine().dispose()
        if settings.redis_url:
            await container.redis().aclose()
        if tracer_provider is not None:
            tracer_provider.shutdown()  # exports what the batch still holds
            telemetry.uninstrument()

    app = FastAPI(
        routes=_api_routes(apis),
        title="orderly",
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from packaged assets instead (docs.py), so offline too
        redoc_url=None,
        # FastAPI's own OpenTelemetry hooks stay off: tracing, when on, is the official
        # instrumentation's (entrypoints/telemetry.py), and off it must cost nothing.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        middleware=[
            Middleware(
                EdgeMiddleware,
                max_body_bytes=settings.max_body_bytes,
                budget=ClientLimit(
                    container.rate_limiter(),
                    container.rate_limit_refusals(),
                    per_client=settings.api_limit_per_client,
                    window_seconds=settings.api_limit_window_seconds,
                ),
                observer=metrics,
                annotate=None if tracer_provider is None else telemetry.request_span_annotator(),
            ),
            *_cors(settings),
        ],
    )
    app.state.container = container
    app.router.routes.extend(docs_routes(app))
    install_error_handlers(app)
    if settings.metrics_enabled:
        app.add_route("/metrics", metrics.endpoint, include_in_schema=False)
    app.openapi = lambda: openapi_document(app, apis)  # type: ignore[method-assign]
    if tracer_provider is not None:
        telemetry.instrument(app, tracer_provider)
    return app


def _api_routes(apis: Mapping[str, ContextApi]) -> list[BaseRoute]:
    """Every context's routes in one flat table, matched in order: the contexts' order
    (`contexts/all.py` puts the hottest reads first, so they pass the fewest non-matching
    routes), then the health probes. Flat rather than `include_router`: an included router
    is matched twice per request (the router, then its route), which costs more than a
    quarter of a bare FastAPI request.
    """
    routers = (*(api.router for api in apis.values()), health.router)
    return [route for router in routers for route in router.routes]


def _cors(settings: Settings) -> list[Middleware]:
    if not settings.cors_origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                "If-Match",
                "If-None-Match",
                "X-Request-ID",
            ],
            expose_headers=[
                "ETag",
                "Location",
                "Link",
                "X-Request-ID",
                "Retry-After",
                "Idempotent-Replayed",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
        ),
    ]
