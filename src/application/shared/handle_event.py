"""A worker's unit of work in broker mode: one handler, one event, one transaction.

The handler claims the event in the inbox in the same transaction as its effect, so a
message the broker redelivers has no second effect. Before that, the event's predecessor
must have been handled by every handler it has (`application/shared/broker.py`): otherwise
`PredecessorPendingError`, and the worker defers the message.
"""

from __future__ import annotations

from application.shared.broker import PredecessorPendingError
from application.shared.outbox import EventRef
from application.shared.ports import Clock, IdGenerator
from application.shared.relay import HandlerFactory, Routes
from application.shared.tracing import NO_TRACING, Tracing
from application.shared.transactions import TransactionRunner
from application.unit_of_work import ServiceUnitOfWork
from domain.shared.events import DomainEvent


class HandleEvent:
    def __init__(
        self,
        transactions: TransactionRunner[ServiceUnitOfWork],
        routes: Routes,
        clock: Clock,
        ids: IdGenerator,
        tracing: Tracing = NO_TRACING,
    ) -> None:
        self._transactions = transactions
        self._handlers_of = {
            event.__name__: [handler.name for handler in handlers]
            for event, handlers in routes.items()
        }
        self._clock = clock
        self._ids = ids
        self._tracing = tracing

    async def __call__(
        self,
        handler: HandlerFactory,
        event: DomainEvent,
        *,
        predecessor: EventRef | None,
        trace_context: str | None,
    ) -> None:
        span = self._tracing.handling(event, trace_context)
        try:
            await self._transactions.run(lambda uow: self._handle(uow, handler, event, predecessor))
        except BaseException as error:
            span.end(error)
            raise
        span.end()

    async def _handle(
        self,
        uow: ServiceUnitOfWork,
        handler: HandlerFactory,
        event: DomainEvent,
        predecessor: EventRef | None,
    ) -> None:
        if predecessor is not None:
            handlers = self._handlers_of.get(predecessor.event_type, [])
            if not await uow.inbox.handled(predecessor.event_id, handlers):
                raise PredecessorPendingError(predecessor)
        await handler(uow, self._clock, self._ids)(event)
