"""Tracing, set up in code at start-up when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.

Off (the default), nothing here imports OpenTelemetry: no provider, no instrumentation, no
per-request work; the core gets `NoTracing`. On, each process (each `--workers` process
builds its own app) gets a tracer provider exporting over OTLP/HTTP in batches, the FastAPI
and asyncpg instrumentations (asyncpg rather than SQLAlchemy's: both the ORM's writes and
the read pool's queries go through asyncpg, so one instrumentation sees every statement
once), and log lines carry `trace_id` / `span_id`. The standard `OTEL_*` variables
(sampler, batch processor, resource attributes, headers) keep their meaning: the SDK reads
them itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any

from application.shared.tracing import NO_TRACING, Tracing
from entrypoints.settings import Settings
from entrypoints.version import VERSION

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from starlette.types import Scope

# Noise for a trace store: probes every few seconds and scrapes.
_UNTRACED_URLS = "/health/live,/health/ready,/metrics"


def tracer_provider(
    settings: Settings, exporter: SpanExporter | None = None
) -> TracerProvider | None:
    """None when tracing is off. `exporter` replaces the OTLP one (tests)."""
    if exporter is None and not settings.otel_exporter_otlp_endpoint:
        return None
    from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create({SERVICE_NAME: settings.otel_service_name, SERVICE_VERSION: VERSION})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(exporter or _otlp_exporter(settings)))
    return provider


def _otlp_exporter(settings: Settings) -> SpanExporter:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    if os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        return OTLPSpanExporter()  # the signal-specific variable wins, as the spec says
    base = str(settings.otel_exporter_otlp_endpoint).rstrip("/")
    return OTLPSpanExporter(endpoint=f"{base}/v1/traces")


def tracing_for(provider: TracerProvider | None) -> Tracing:
    if provider is None:
        return NO_TRACING
    from adapters.telemetry.opentelemetry import OpenTelemetryTracing

    return OpenTelemetryTracing(provider)


def instrument(app: FastAPI, provider: TracerProvider) -> None:
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=provider,
        excluded_urls=_UNTRACED_URLS,
        exclude_spans=["receive", "send"],
    )
    instrumentor = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]
    if not instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.instrument(tracer_provider=provider)


def uninstrument() -> None:
    """asyncpg is patched process-wide; an app that stops takes its patch with it."""
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    instrumentor = AsyncPGInstrumentor()  # type: ignore[no-untyped-call]
    if instrumentor.is_instrumented_by_opentelemetry:
        instrumentor.uninstrument()


def request_span_annotator() -> Callable[[Scope, str], None]:
    """Gives the request's SERVER span the request id (to find its log line) and the
    endpoint that handled it, which names the use case (`place_order`)."""
    from opentelemetry import trace

    def annotate(scope: Scope, request_id: str) -> None:
        span = trace.get_current_span()
        span.set_attribute("orderly.request_id", request_id)
        endpoint = scope.get("endpoint")
        if endpoint is not None:
            span.set_attribute("code.function.name", getattr(endpoint, "__name__", "?"))

    return annotate


def trace_ids_processor() -> Callable[[Any, str, MutableMapping[str, Any]], Mapping[str, Any]]:
    """A structlog processor: log lines written inside a span name its trace and span."""
    from opentelemetry import trace

    def add_trace_ids(_: Any, __: str, event: MutableMapping[str, Any]) -> Mapping[str, Any]:
        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            event["trace_id"] = format(span_context.trace_id, "032x")
            event["span_id"] = format(span_context.span_id, "016x")
        return event

    return add_trace_ids
