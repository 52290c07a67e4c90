"""The tracing port on OpenTelemetry: W3C trace context into the outbox, CONSUMER spans out.

Only imported when tracing is on, so a process that does not trace never loads the SDK.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from opentelemetry import context, trace
from opentelemetry.instrumentation.utils import suppress_instrumentation
from opentelemetry.trace import SpanKind, Status, StatusCode, TracerProvider
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from application.shared.tracing import EventSpan
from domain.shared.events import DomainEvent

_PROPAGATOR = TraceContextTextMapPropagator()


class OpenTelemetryTracing:
    def __init__(self, provider: TracerProvider) -> None:
        self._tracer = provider.get_tracer("orderly.events")

    def current_context(self) -> str | None:
        carrier: dict[str, str] = {}
        _PROPAGATOR.inject(carrier)
        return carrier.get("traceparent")

    def untraced(self) -> AbstractContextManager[object]:
        return suppress_instrumentation()

    def handling(self, event: DomainEvent, carried: str | None) -> EventSpan:
        # A fresh context, not the current one: instrumentation suppressed around the
        # polling is on again for the handlers' statements.
        parent = _PROPAGATOR.extract({"traceparent": carried} if carried else {}, context.Context())
        event_type = type(event).__name__
        span = self._tracer.start_span(
            f"process {event_type}",
            context=parent,
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.system": "orderly.outbox",
                "messaging.operation.type": "process",
                "messaging.destination.name": event_type,
                "messaging.message.id": str(event.event_id),
                "orderly.aggregate_id": str(event.aggregate_id),
            },
        )
        return _OpenSpan(span, context.attach(trace.set_span_in_context(span, parent)))


class _OpenSpan:
    def __init__(self, span: trace.Span, token: object) -> None:
        self._span = span
        self._token = token

    def end(self, error: BaseException | None = None) -> None:
        if error is not None:
            self._span.record_exception(error)
            self._span.set_status(Status(StatusCode.ERROR, type(error).__name__))
        self._span.end()
        context.detach(self._token)  # type: ignore[arg-type]
