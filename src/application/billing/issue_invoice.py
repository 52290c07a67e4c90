"""Event handler: every placed order gets its invoice."""

from application.shared.ports import Clock, IdGenerator
from application.unit_of_work import UnitOfWork
from domain.billing.ids import InvoiceId
from domain.billing.invoice import Invoice
from domain.ordering.events import OrderPlaced
from domain.ordering.order import OrderNotFoundError


class IssueInvoice:
    """Issues the invoice for a newly placed order (on `OrderPlaced`).

    - One invoice per order, however often the event is delivered: the inbox remembers it
      in the same transaction as the invoice.
    - Numbered `INV-YYYY-NNNNNN` in the year of issue, without gaps; due in 30 days.
    - The order shows the invoice's id from then on (its version and ETag change).
    """

    name = "billing.issue_invoice"

    def __init__(self, uow: UnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, event: OrderPlaced) -> None:
        if not await self._uow.inbox.claim(event.event_id, self.name):
            return
        order = await self._uow.orders.get(event.order_id)
        if order is None:
            raise OrderNotFoundError(f"order {event.order_id} does not exist")
        now = self._clock.now()
        invoice = Invoice.issue(
            id=InvoiceId(self._ids.new_id()),
            sequence=await self._uow.invoice_numbers.next(now.year),
            order_id=event.order_id,
            customer_id=event.customer_id,
            total=event.total,
            now=now,
        )
        self._uow.invoices.add(invoice)
        order.attach_invoice(invoice.id, now=now)
