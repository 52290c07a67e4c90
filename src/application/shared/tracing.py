"""Tracing as the core sees it: a trace context to carry with each event, and a span around
its handling, so a request and the effects of its events read as one trace.

The core never sees a tracing library. The edge supplies an implementation when tracing is
on (`adapters/telemetry`); when it is off, `NoTracing` makes both calls free.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Protocol

from domain.shared.events import DomainEvent


class EventSpan(Protocol):
    def end(self, error: BaseException | None = None) -> None:
        """Closes the span (marked failed when `error` is given) and leaves its context."""
        ...


class Tracing(Protocol):
    def current_context(self) -> str | None:
        """The active trace as a W3C `traceparent`, stored with the events written now."""
        ...

    def handling(self, event: DomainEvent, carried: str | None) -> EventSpan:
        """Enters a span for handling `event`, continuing the trace it `carried`.

        Until `end`, the span is current: events its handlers record carry it on.
        """
        ...

    def untraced(self) -> AbstractContextManager[object]:
        """Background work recorded in no trace (the relay polling an empty outbox), except
        inside a span `handling` enters there."""
        ...


class _NoSpan:
    def end(self, error: BaseException | None = None) -> None:  # noqa: ARG002 - nothing to end
        return None


_NO_SPAN = _NoSpan()


class NoTracing:
    """Tracing off: nothing is carried and nothing is recorded."""

    def current_context(self) -> str | None:
        return None

    def handling(self, event: DomainEvent, carried: str | None) -> EventSpan:  # noqa: ARG002
        return _NO_SPAN

    def untraced(self) -> AbstractContextManager[object]:
        return nullcontext()


NO_TRACING = NoTracing()
