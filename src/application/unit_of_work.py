"""The one transaction port: a use case's writes, and their bookkeeping, commit together.

The bookkeeping is the idempotency record of the request, the events the changed
aggregates recorded (the outbox), and the events a handler has dealt with (the inbox).
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from application.billing.ports import InvoiceNumbers, InvoiceRepository
from application.catalog.ports import ProductRepository
from application.identity.ports import RefreshTokenStore, UserRepository
from application.ordering.ports import OrderRepository, StockReservations
from application.shared.idempotency import IdempotencyStore
from application.shared.outbox import Outbox


class Inbox(Protocol):
    """Turns at-least-once delivery into an exactly-once effect.

    A handler claims the event in the same transaction as its effect, so both commit or
    neither does, and a redelivered event finds its claim already there.
    """

    async def claim(self, event_id: UUID, handler: str) -> bool:
        """True the first time `handler` claims `event_id`; False once it has been claimed,
        also by a concurrent transaction (whichever commits first wins).
        """
        ...


class UnitOfWork(Protocol):
    """Entered once per request or job; leaving without `commit()` rolls everything back."""

    products: ProductRepository
    users: UserRepository
    refresh_tokens: RefreshTokenStore
    idempotency: IdempotencyStore
    orders: OrderRepository
    stock: StockReservations
    invoices: InvoiceRepository
    invoice_numbers: InvoiceNumbers
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
