"""Event handler: every placed order gets its invoice."""

from application.billing.ports import BillingUnitOfWork
from application.shared.ports import Clock, IdGenerator
from domain.billing.invoice import Invoice
from domain.ordering.events import OrderPlaced
from domain.shared.ids import InvoiceId


class IssueInvoice:
    """Issues the invoice for a newly placed order (on `OrderPlaced`).

    - One invoice per order, however often the event is delivered: the inbox remembers it
      in the same transaction as the invoice.
    - Numbered `INV-YYYY-NNNNNN` in the year of issue, without gaps; due in 30 days.
    - Billing reads nothing of the order: the event carries what an invoice needs. The
      order learns its invoice from the `InvoiceIssued` event this records.
    """

    name = "billing.issue_invoice"

    def __init__(self, uow: BillingUnitOfWork, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def __call__(self, event: OrderPlaced) -> None:
        if not await self._uow.inbox.claim(event.event_id, self.name):
            return
        now = self._clock.now()
        invoice = Invoice.issue(
            id=InvoiceId(self._ids.new_id()),
            sequence=await self._uow.invoice_numbers.next(now.year),
            order_id=event.order_id,
            customer_id=event.customer_id,
            total=event.total,
            now=now,
            event_id=self._ids.new_id(),
        )
        self._uow.invoices.add(invoice)
