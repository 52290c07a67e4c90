"""The transaction port every context builds on: its writes, and their bookkeeping, commit
together.

The bookkeeping is the idempotency record of the request, the events the changed
aggregates recorded (the outbox), and the events a handler has dealt with (the inbox).
Each context extends this protocol with its own repositories (e.g. `OrderingUnitOfWork`),
so a use case asks for exactly the repositories it uses, and a context adds one without
touching any other context's files.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from application.shared.idempotency import IdempotencyStore
from application.shared.inbox import Inbox
from application.shared.outbox import Outbox


class UnitOfWork(Protocol):
    """Entered once per request or job; leaving without `commit()` rolls everything back.

    Nobody enters one by hand: `TransactionRunner` does, for every entrypoint.
    """

    idempotency: IdempotencyStore
    inbox: Inbox
    outbox: Outbox

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None:
        """Makes every change durable, or raises (e.g. `ConcurrentModificationError`).

        The events recorded by the aggregates this unit of work loaded or added go to the
        outbox in the same transaction, each aggregate's in the order it recorded them, so
        no use case or handler has to remember to publish anything.
        """
        ...
